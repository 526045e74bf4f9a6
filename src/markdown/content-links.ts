import path from 'node:path';

/** How a link's href relates to the articles in the content folder. */
export type ContentLink =
  | { kind: 'article'; path: string; suffix: string }
  | { kind: 'outside'; path: string; suffix: string };

// A scheme (`https:`, `mailto:`, `javascript:`) or a protocol-relative `//host` means the href leaves the site's content.
const external = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

/**
 * Classifies an href: a link to an article's Markdown file (as a content-relative path), a link that
 * would leave the content folder, or (undefined) anything else.
 */
export function classifyContentLink(href: string, sourcePath: string): ContentLink | undefined {
  if (external.test(href)) return undefined;
  const cut = href.search(/[?#]/);
  const rawPath = cut === -1 ? href : href.slice(0, cut);
  const suffix = cut === -1 ? '' : href.slice(cut);
  const decoded = percentDecode(rawPath);
  if (!decoded.toLowerCase().endsWith('.md')) return undefined;

  const joined = decoded.startsWith('/')
    ? path.posix.normalize(decoded.replace(/^\/+/, ''))
    : path.posix.join(path.posix.dirname(sourcePath), decoded);
  if (joined === '..' || joined.startsWith('../') || joined.startsWith('/')) {
    return { kind: 'outside', path: decoded, suffix };
  }
  return { kind: 'article', path: joined, suffix };
}

/** The content-relative path an href points to if it is a link to another article's Markdown file, else undefined. */
export function resolveContentLink(href: string, sourcePath: string): string | undefined {
  const link = classifyContentLink(href, sourcePath);
  return link?.kind === 'article' ? link.path : undefined;
}

// Inline destinations `](dest` and definitions `[label]: dest`, with or without `<…>`; deliberately loose.
const destinations = /\]\(\s*(?:<([^>\n]*)>|(\S+))|^[ \t>]*\[[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))/gm;

/**
 * Every article path a Markdown source links to, found by a cheap scan (over-approximation is fine);
 * used to decide which URL-map entries a page depends on (its cache key) before parsing.
 */
export function findContentLinks(markdown: string, sourcePath: string): string[] {
  const found = new Set<string>();
  for (const match of markdown.matchAll(destinations)) {
    const href = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (href === undefined) continue;
    for (const candidate of destinationCandidates(href, /\.md$/i)) {
      const resolved = resolveContentLink(candidate, sourcePath);
      if (resolved !== undefined) found.add(resolved);
    }
  }
  return [...found].sort();
}

/**
 * The destinations a loosely scanned one may really be: where a bare destination ends depends on
 * balanced parentheses (`](a(1).md)`), so every cut at a `)`, and the parser drops backslash escapes
 * (`a\_b.md` is `a_b.md`), so both spellings. Only cuts whose path (percent-decoded, before any `?` or
 * `#`) ends as `ending` says are kept, so a destination with thousands of `)` costs no more than its length.
 */
export function destinationCandidates(destination: string, ending: RegExp): Set<string> {
  const result = new Set<string>();
  for (const spelling of [destination, destination.replace(/\\([!-/:-@[-`{-~])/g, '$1')]) {
    result.add(spelling);
    const query = spelling.search(/[?#]/);
    for (let index = spelling.indexOf(')'); index !== -1; index = spelling.indexOf(')', index + 1)) {
      // A cut after the `?` or `#` has the same path as the whole spelling.
      if (query !== -1 && index > query) break;
      if (ending.test(percentDecode(spelling.slice(Math.max(0, index - 32), index)))) result.add(spelling.slice(0, index));
    }
  }
  return result;
}

function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray `%` that starts no escape (`100%.md`) is meant literally.
    return value;
  }
}
