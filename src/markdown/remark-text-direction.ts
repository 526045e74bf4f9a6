import type { Link, Nodes, Parent, PhrasingContent, Root, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Point, Position } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
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
const marks = /\[|\]\{\s*lang\s*=\s*(["']?)([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\1\s*\}|\]/g;
// What was meant as a marker but is none: `{lang=…` anywhere, or Pandoc's `]{key=…}`, `]{.class}`,
// `]{#id}`. Braces in ordinary text (`{x}`, `[1]{2}`) are neither.
const markerLike = /\]?\{\s*lang\s*=[^{}[\]\n]*\}?|\]\{\s*(?:[#.][\w-]+|[\w-]+\s*=)[^{}[\]\n]*\}/gi;
const markerHint = /\{\s*lang\s*=|\]\{/i;
// A web address written out as a link's words (GFM's autolinks, `<https://…>`, `[www.x.org](…)`).
const address = /^(?:https?:\/\/|www\.|mailto:)?[\w.+@-]+\.[a-z]{2,}(?:[/?#]\S*)?$/i;

type Token = PhrasingContent | { type: 'open' } | { type: 'close'; lang?: string; raw: string };

// Reports a malformed marker: the text it was found in, where in it, and its length.
type Report = (reason: string, node: Text, at: number, length: number) => void;

/**
 * Gives foreign words their own language and direction, so that Arabic sentences around them keep
 * their order and the browser, screen readers and spell checkers know what they are:
 *
 * - `[Yes we can]{lang=en}`, Pandoc's bracketed span, becomes `<span lang="en" dir="ltr">`; a
 *   paragraph, heading or pull quote that is nothing but such a passage takes `lang` and `dir` itself,
 *   so its punctuation lands at the right end of its lines. Formatting inside is kept; an editor's
 *   insert (`[العسكريين]`, a bare `]`) is left for rehypeEditorialInsert.
 * - A marker that is no passage (`{lang=}`, `{lang=english}`, `{lang=en` unclosed, `]{lng=en}`, or
 *   one with no `[…]` before it) stays in the text, with an `invalid-language-marker` warning.
 * - A link whose words are a web address reads left to right (`dir="ltr"`), so its slashes and dots
 *   stay in place inside Arabic text.
 */
export function remarkTextDirection() {
  return (tree: Root, file: VFile) => {
    const report: Report = (reason, node, at, length) => {
      file.message(reason, { place: placeIn(file, node, at, length), ruleId: 'invalid-language-marker', source: 'matbaa' });
    };
    visit(tree, (node: Nodes, _index, parent) => {
      if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
        node.children = passages(node.children, report);
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
function passages(children: PhrasingContent[], report: Report): PhrasingContent[] {
  if (!children.some((child) => child.type === 'text' && markerHint.test(child.value))) {
    return children.map((child) => ('children' in child && child.type !== 'link' ? withPassages(child, report) : child));
  }
  const tokens: Token[] = [];
  // Each text with its closing marks by where they start, to tell a marker from a malformed one.
  const texts: { node: Text; closes: Map<number, Token> }[] = [];
  for (const child of children) {
    if (child.type !== 'text') {
      tokens.push('children' in child ? withPassages(child, report) : child);
      continue;
    }
    const closes = new Map<number, Token>();
    texts.push({ node: child, closes });
    let from = 0;
    for (const match of child.value.matchAll(marks)) {
      if (match.index > from) tokens.push(text(child.value.slice(from, match.index)));
      const lang = match[2] !== undefined && isLanguageTag(match[2]) ? match[2] : undefined;
      // A `]` with a bad tag closes an insert, its `{…}` staying text.
      const raw = lang ? match[0] : match[0].slice(0, 1);
      const token: Token = raw === '[' ? { type: 'open' } : { type: 'close', lang, raw };
      tokens.push(token);
      if (lang) closes.set(match.index, token);
      from = match.index + raw.length;
    }
    if (from < child.value.length) tokens.push(text(child.value.slice(from)));
  }

  const result: Token[] = [];
  const opens: number[] = [];
  const strays = new Set<Token>();
  for (const token of tokens) {
    if (token.type === 'open') {
      opens.push(result.length);
      result.push(token);
    } else if (token.type === 'close') {
      const open = opens.pop();
      if (open === undefined || token.lang === undefined) {
        // An insert's brackets, or a `]` with no `[`: text, as written.
        if (open !== undefined) result[open] = text('[');
        else if (token.lang !== undefined) strays.add(token);
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

  for (const { node, closes } of texts) {
    for (const match of node.value.matchAll(markerLike)) {
      const close = closes.get(match.index);
      if (close && strays.has(close)) {
        report(`Unexpected \`${match[0]}\` with no \`[\` before it, expected the passage in \`[…]\`; it stays in the text`, node, match.index, match[0].length);
      } else if (!close) {
        const bracket = match[0].startsWith(']') ? 1 : 0;
        let marker = match[0].slice(bracket).trimEnd();
        // An unclosed one is shown up to its first word: what follows is the sentence.
        if (!marker.endsWith('}')) marker = /^\{[^=]*=\s*\S*/.exec(marker)?.[0] ?? marker;
        report(malformedReason(marker), node, match.index + bracket, marker.length);
      }
    }
  }
  return merge(result as PhrasingContent[]);
}

// Emphasis, strong text and the like, with passages found inside them too.
function withPassages<T extends PhrasingContent>(node: T, report: Report): T {
  if (!('children' in node) || node.type === 'link') return node;
  return { ...node, children: passages(node.children as PhrasingContent[], report) };
}

// A well-formed BCP 47 tag with a two- or three-letter language first (`en`, `fr-CA`, `zh-Hant`).
function isLanguageTag(tag: string): boolean {
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

// Why a marker-like run (`{…}`, its `]` before it left off) is no marker, for the editor who wrote it.
function malformedReason(marker: string): string {
  const parts = /^\{\s*([^=\s]*)\s*=\s*(["']?)(.*?)\2\s*(\}?)$/.exec(marker);
  const outcome = 'it stays in the text';
  if (!parts) return `Unexpected \`${marker}\` after \`]\`, expected \`{lang=…}\` with a language tag such as \`en\`; ${outcome}`;
  const [, key = '', , value = '', close = ''] = parts;
  if (!close) return `Unexpected \`${marker}\` with no closing \`}\`, expected \`[…]{lang=…}\`; ${outcome}`;
  if (key !== 'lang') return `Unexpected \`${marker}\`, expected \`{lang=…}\` with a language tag such as \`en\`; ${outcome}`;
  if (value === '') return `Unexpected \`${marker}\` without a language, expected a tag such as \`{lang=en}\`; ${outcome}`;
  if (!isLanguageTag(value)) return `Unexpected language \`${value}\` in \`${marker}\`, expected a BCP 47 tag such as \`en\` or \`fr\`; ${outcome}`;
  return `Unexpected \`${marker}\` with no \`[…]\` right before it, expected the passage in brackets; ${outcome}`;
}

// Where `length` characters from `at` in a text node's value are in the source. The value may differ
// from its source (escapes, spaces normalised), so the run is looked for there, nearest to `at`.
function placeIn(file: VFile, node: Text, at: number, length: number): Position | undefined {
  const start = node.position?.start;
  const end = node.position?.end;
  if (start?.offset === undefined || end?.offset === undefined) return node.position;
  const source = String(file.value).slice(start.offset, end.offset);
  const run = node.value.slice(at, at + length);
  let found = -1;
  for (let index = source.indexOf(run); index !== -1; index = source.indexOf(run, index + 1)) {
    if (found === -1 || Math.abs(index - at) < Math.abs(found - at)) found = index;
  }
  if (found === -1) return node.position;
  return { start: pointAt(start, source, found), end: pointAt(start, source, found + run.length) };
}

// The point `index` characters into `source`, which starts at `start`.
function pointAt(start: Point, source: string, index: number): Point {
  const before = source.slice(0, index);
  const lineStart = before.lastIndexOf('\n');
  const lines = before.split('\n').length - 1;
  return { line: start.line + lines, column: lines === 0 ? start.column + index : index - lineStart, offset: (start.offset ?? 0) + index };
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
