import type { Nodes, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** The URL schemes a link (`href`) and an image (`src`) may have; a URL without one (a path) is always fine. */
export const safeProtocols = {
  href: ['http', 'https', 'mailto'],
  src: ['http', 'https'],
} as const satisfies Record<string, readonly string[]>;

// A scheme is what comes before the first `:`, unless a `/`, `?` or `#` comes first (as rehype-sanitize reads it).
const scheme = /^([^:/?#]*):/;

/**
 * Leaves out links and images whose URL has an unsafe scheme (`javascript:`, `vbscript:`, `data:`, …)
 * and says so: a link keeps its text, an image goes. rehype-sanitize would strip those URLs as well, but
 * silently, leaving a dead link or an empty picture. A safe scheme in capitals (`HTTPS:`) is lowercased.
 */
export function remarkSafeUrls() {
  return (tree: Root, file: VFile) => {
    // Definitions first, so a reference to an unsafe one (`[text][id]`) is treated like the URL itself.
    const unsafeDefinitions = new Set<string>();
    visit(tree, 'definition', (node) => {
      const url = safeUrl(node.url, 'href');
      if (url === undefined) unsafeDefinitions.add(node.identifier);
      else node.url = url;
    });

    visit(tree, (node: Nodes, index, parent) => {
      if (!parent || index === undefined) return;
      let replacement: Nodes[];
      if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
        const attribute = node.type === 'image' ? 'src' : 'href';
        const url = node.type === 'definition' ? (unsafeDefinitions.has(node.identifier) ? undefined : node.url) : safeUrl(node.url, attribute);
        if (url !== undefined) {
          node.url = url;
          return;
        }
        const what = node.type === 'image' ? 'an image' : node.type === 'link' ? 'a link' : 'a definition';
        const expected = attribute === 'src' ? '`https:`, `http:`' : '`https:`, `http:`, `mailto:`';
        const outcome = node.type === 'image' ? 'it was left out' : node.type === 'link' ? 'only its text was kept' : 'links to it keep only their text';
        file.message(`Unexpected \`${schemeOf(node.url)}\` URL in ${what}, expected ${expected} or a path; ${outcome}`, {
          place: node.position,
          ruleId: 'unsafe-url',
          source: 'matbaa',
        });
        replacement = node.type === 'link' ? node.children : [];
      } else if ((node.type === 'linkReference' || node.type === 'imageReference') && unsafeDefinitions.has(node.identifier)) {
        // Reported once, at the definition.
        replacement = node.type === 'linkReference' ? node.children : [];
      } else {
        return;
      }
      parent.children.splice(index, 1, ...(replacement as typeof parent.children));
      return [SKIP, index];
    });
  };
}

function schemeOf(url: string): string {
  return `${(scheme.exec(url)?.[1] ?? '').toLowerCase()}:`;
}

// The URL as it may stay (a safe scheme lowercased), or undefined when its scheme is not allowed.
function safeUrl(url: string, attribute: keyof typeof safeProtocols): string | undefined {
  const match = scheme.exec(url);
  if (!match) return url;
  const name = (match[1] ?? '').toLowerCase();
  const allowed: readonly string[] = safeProtocols[attribute];
  return allowed.includes(name) ? name + url.slice(name.length) : undefined;
}
