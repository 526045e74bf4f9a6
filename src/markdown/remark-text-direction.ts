import type { Link, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { languageDirection } from '../arabic/bidi.ts';

/** A passage in another language inside a paragraph: `<span lang dir>` in the page. */
export interface LanguageSpan extends Parent {
  type: 'languageSpan';
  children: PhrasingContent[];
  data: { hName: 'span'; hProperties: { lang: string; dir: 'rtl' | 'ltr' } };
}

declare module 'mdast' {
  interface PhrasingContentMap {
    languageSpan: LanguageSpan;
  }
  interface RootContentMap {
    languageSpan: LanguageSpan;
  }
}

// `[` opens a passage; `]{lang=en}` (Pandoc's bracketed span, the `lang` attribute only) closes one
// and names its language; a bare `]` closes an editor's insert, which is no passage.
const marks = /\[|\]\{lang=["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)["']?\}|\]/g;
// A web address written out as a link's words (GFM's autolinks, `<https://…>`, `[www.x.org](…)`).
const address = /^(?:https?:\/\/|www\.|mailto:)?[\w.+@-]+\.[a-z]{2,}(?:[/?#]\S*)?$/i;

type Token = PhrasingContent | { type: 'open' } | { type: 'close'; lang?: string; raw: string };

/**
 * Gives foreign words their own language and direction, so that Arabic sentences around them keep
 * their order and the browser, screen readers and spell checkers know what they are:
 *
 * - `[Yes we can]{lang=en}`, Pandoc's bracketed span, becomes `<span lang="en" dir="ltr">`; a
 *   paragraph, heading or pull quote that is nothing but such a passage takes `lang` and `dir` itself,
 *   so its punctuation lands at the right end of its lines. Formatting inside is kept; an editor's
 *   insert (`[العسكريين]`, a bare `]`) is left for rehypeEditorialInsert.
 * - A link whose words are a web address reads left to right (`dir="ltr"`), so its slashes and dots
 *   stay in place inside Arabic text.
 */
export function remarkTextDirection() {
  return (tree: Root) => {
    visit(tree, (node: Nodes, _index, parent) => {
      if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
        node.children = passages(node.children);
        const only = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
        if (only.length === 1 && only[0]!.type === 'languageSpan') {
          // A tight list drops its items' <p>: the item itself takes the language then.
          const block = parent?.type === 'listItem' && parent.children.length === 1 ? parent : node;
          block.data = { ...block.data, hProperties: { ...block.data?.hProperties, ...only[0]!.data.hProperties } };
          node.children = only[0]!.children;
        }
      } else if (node.type === 'link') {
        setLinkDirection(node);
      }
    });
  };
}

// The children of a paragraph with each `[…]{lang=…}` passage in a languageSpan.
function passages(children: PhrasingContent[]): PhrasingContent[] {
  if (!children.some((child) => child.type === 'text' && child.value.includes('{lang='))) {
    return children.map((child) => ('children' in child && child.type !== 'link' ? withPassages(child) : child));
  }
  const tokens: Token[] = [];
  for (const child of children) {
    if (child.type !== 'text') {
      tokens.push('children' in child ? withPassages(child) : child);
      continue;
    }
    let from = 0;
    for (const match of child.value.matchAll(marks)) {
      if (match.index > from) tokens.push(text(child.value.slice(from, match.index)));
      tokens.push(match[0] === '[' ? { type: 'open' } : { type: 'close', lang: match[1], raw: match[0] });
      from = match.index + match[0].length;
    }
    if (from < child.value.length) tokens.push(text(child.value.slice(from)));
  }

  const result: Token[] = [];
  const opens: number[] = [];
  for (const token of tokens) {
    if (token.type === 'open') {
      opens.push(result.length);
      result.push(token);
    } else if (token.type === 'close') {
      const open = opens.pop();
      if (open === undefined || token.lang === undefined) {
        // An insert's brackets, or a `]` with no `[`: text, as written.
        if (open !== undefined) result[open] = text('[');
        result.push(text(token.raw));
        continue;
      }
      const inside = result.splice(open).slice(1) as PhrasingContent[];
      const lang = token.lang;
      const span: LanguageSpan = { type: 'languageSpan', children: merge(inside), data: { hName: 'span', hProperties: { lang, dir: languageDirection(lang) } } };
      result.push(span);
    } else {
      result.push(token);
    }
  }
  for (const open of opens) result[open] = text('[');
  return merge(result as PhrasingContent[]);
}

// Emphasis, strong text and the like, with passages found inside them too.
function withPassages<T extends PhrasingContent>(node: T): T {
  if (!('children' in node) || node.type === 'link') return node;
  return { ...node, children: passages(node.children as PhrasingContent[]) };
}

function setLinkDirection(link: Link): void {
  const words = toString(link).trim();
  if (address.test(words) && !/[^\x21-\x7e]/.test(words)) {
    link.data = { ...link.data, hProperties: { ...link.data?.hProperties, dir: 'ltr' } };
  }
}

function text(value: string): Text {
  return { type: 'text', value };
}

// Adjacent text nodes as one, as remark-parse makes them.
function merge(nodes: PhrasingContent[]): PhrasingContent[] {
  const merged: PhrasingContent[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === 'text' && last?.type === 'text') merged[merged.length - 1] = text(last.value + node.value);
    else merged.push(node);
  }
  return merged;
}
