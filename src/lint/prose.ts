import type { VFile } from 'vfile';
// The prose of an article as the reader sees it, with a way back from every character to the source.
import type { Image, PhrasingContent, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * One block of running text (a paragraph, heading or table cell, or an image's alt text or title) as
 * Markdown renders it: escapes and character references decoded, container markers (`> `) and
 * emphasis marks gone. Code, HTML, autolinks, URLs and footnote references are each replaced by
 * `objectReplacement`, so no rule reads them and none takes them for a letter.
 */
export interface ProseBlock {
  text: string;
  /** Source offset of each code unit of `text`. */
  starts: number[];
  /** Source offset just after each code unit of `text` (more than one further on for a decoded `&amp;`). */
  ends: number[];
}

/** Stands for something that is not prose: code, HTML, a URL, a footnote reference. */
export const objectReplacement = '\uFFFC';

/** The script of the nearest letter in one direction (`latin` for any script but Arabic). */
export type Neighbour = 'arabic' | 'latin' | 'none';

const letter = /\p{L}/u;
// Script_Extensions, so tatweel counts as Arabic.
const arabicScript = /\p{scx=Arabic}/u;

// URLs and e-mail addresses written as plain text, which GFM did not make into links.
const urlPattern =
  /(?:\b[a-z][a-z\d+.-]*:\/\/|\bwww\.)[^\s\uFFFC«»"“”<>]+|[\w.+-]+@[a-z\d-]+(?:\.[a-z\d-]+)+|\b[a-z\d-]+(?:\.[a-z\d-]+)*\.[a-z]{2,}\/[^\s\uFFFC«»"“”<>]*/giu;
// Punctuation at the end of a URL belongs to the sentence, as GFM's autolinks decide too.
const urlTrailing = /[.,;:!?)\]»"'،؛؟]+$/u;

/** The blocks of running text in `tree`, whose positions are offsets into `source`. */
/** The prose blocks of a file's tree, collected once however many rules ask (the rules only read them). */
export function proseOf(tree: Root, file: VFile): readonly ProseBlock[] {
  const cached = file.data.lintProse;
  if (cached && cached.tree === tree) return cached.blocks;
  const blocks = collectProse(tree, String(file.value));
  file.data.lintProse = { tree, blocks };
  return blocks;
}

export function collectProse(tree: Root, source: string): ProseBlock[] {
  const blocks: ProseBlock[] = [];
  visit(tree, (node) => {
    if (node.type === 'code' || node.type === 'html' || node.type === 'definition') return SKIP;
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return undefined;
    const block: ProseBlock = { text: '', starts: [], ends: [] };
    const images: Image[] = [];
    appendPhrasing(block, node.children, source, images);
    blocks.push(maskUrls(block));
    for (const image of images) blocks.push(...imageBlocks(image, source));
    return SKIP;
  });
  return blocks;
}

/**
 * The script of the nearest letter from `index` on in direction `step`, past spaces, punctuation and
 * digits (which both scripts share), stopping at a line end or at non-prose.
 */
export function neighbour(text: string, index: number, step: 1 | -1): Neighbour {
  for (let i = index; i >= 0 && i < text.length; i += step) {
    const char = text[i]!;
    if (char === '\n' || char === objectReplacement) return 'none';
    if (letter.test(char)) return arabicScript.test(char) ? 'arabic' : 'latin';
  }
  return 'none';
}

/** Whether a character is an Arabic letter, tatweel included. */
export function isArabicLetter(char: string | undefined): boolean {
  return char !== undefined && letter.test(char) && arabicScript.test(char);
}

/** Whether `text` from `start` to `end` is exactly the same characters in the source, next to each other. */
export function isVerbatim(block: ProseBlock, source: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (block.ends[i]! - block.starts[i]! !== 1 || source[block.starts[i]!] !== block.text[i]) return false;
    if (i + 1 < end && block.ends[i] !== block.starts[i + 1]) return false;
  }
  return true;
}

function appendPhrasing(block: ProseBlock, children: readonly PhrasingContent[], source: string, images: Image[]): void {
  for (const child of children) {
    switch (child.type) {
      case 'text':
        appendText(block, child.value, source, child.position?.start.offset, child.position?.end.offset);
        break;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'linkReference':
        appendPhrasing(block, child.children, source, images);
        break;
      case 'link':
        // `<https://…>` and GFM's bare `www.…` are links whose source does not start with `[`: a URL, not prose.
        if (child.position && source[child.position.start.offset!] === '[') appendPhrasing(block, child.children, source, images);
        else appendObject(block, child);
        break;
      case 'image':
        images.push(child);
        appendObject(block, child);
        break;
      case 'break':
        appendObject(block, child, '\n');
        break;
      case 'inlineCode':
      case 'html':
      case 'imageReference':
      case 'footnoteReference':
        appendObject(block, child);
        break;
      default:
        throw new Error(`Unexpected phrasing node \`${(child as { type: string }).type}\` in collectProse, expected one it knows`);
    }
  }
}

function appendObject(block: ProseBlock, node: PhrasingContent, char = objectReplacement): void {
  block.text += char;
  block.starts.push(node.position?.start.offset ?? 0);
  block.ends.push(node.position?.end.offset ?? 0);
}

// Walks the value and its source side by side: escapes, character references, trailing spaces of a
// line, the container markers at the start of the next one and (in alt text) emphasis marks are in
// the source only.
function appendText(block: ProseBlock, value: string, source: string, start = 0, end = start): void {
  block.text += value;
  let s = start;
  let i = 0;
  const push = (from: number, to: number, count = 1) => {
    for (let k = 0; k < count; k++) {
      block.starts.push(from);
      block.ends.push(to);
    }
  };
  while (i < value.length) {
    const char = value[i]!;
    if (s < end && source[s] === '&') {
      const reference = /^&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{0,31});/.exec(source.slice(s, s + 40));
      // `&foo;` that is no reference stays as written, in the value too.
      if (reference && !value.startsWith(reference[0], i)) {
        const after = s + reference[0].length;
        const count = Math.min(referenceLength(reference[0], value, i, source[after]), value.length - i);
        push(s, after, count);
        i += count;
        s = after;
        continue;
      }
    }
    if (s < end && source[s] === char) {
      push(s, s + 1);
      i++;
      s++;
    } else if (s < end && source[s] === '\\' && source[s + 1] === char) {
      s++;
    } else if (s < end && char === '\n' && (source[s] === ' ' || source[s] === '\t')) {
      s++;
    } else if (s < end && value[i - 1] === '\n' && /[ \t>]/.test(source[s]!)) {
      s++;
    } else if (s < end && /[*_~]/.test(source[s]!)) {
      // Emphasis marks, which an image's alt text drops.
      s++;
    } else {
      // Out of step (a shape not foreseen above): the rest is placed at what is left of the node.
      push(Math.min(s, end), end, value.length - i);
      return;
    }
  }
}

// How many code units a character reference decodes to.
function referenceLength(reference: string, value: string, index: number, next: string | undefined): number {
  if (reference[1] === '#') {
    const code = reference[2] === 'x' || reference[2] === 'X' ? Number.parseInt(reference.slice(3), 16) : Number.parseInt(reference.slice(2), 10);
    return code > 0xffff && code <= 0x10ffff ? 2 : 1;
  }
  // Named references decode to one character or, for a few, two.
  return next !== undefined && value[index + 1] !== next && value[index + 2] === next ? 2 : 1;
}

function maskUrls(block: ProseBlock): ProseBlock {
  const text = block.text.replace(urlPattern, (url) => {
    const kept = url.replace(urlTrailing, '');
    return objectReplacement.repeat(kept.length) + url.slice(kept.length);
  });
  return { ...block, text };
}

// An image's alt text and its title (which this site shows as the caption) are prose too.
function imageBlocks(image: Image, source: string): ProseBlock[] {
  const start = image.position?.start.offset;
  const end = image.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const blocks: ProseBlock[] = [];
  if (image.alt) {
    const alt: ProseBlock = { text: '', starts: [], ends: [] };
    appendText(alt, image.alt, source, start + 2, end);
    blocks.push(maskUrls(alt));
  }
  const titleStart = image.title ? findTitle(source, start, end) : undefined;
  if (image.title && titleStart !== undefined) {
    const title: ProseBlock = { text: '', starts: [], ends: [] };
    appendText(title, image.title, source, titleStart, end);
    blocks.push(maskUrls(title));
  }
  return blocks;
}

// The offset where an inline image's title starts: after the opening `"`, `'` or `(` that matches
// the delimiter before the final `)`.
function findTitle(source: string, start: number, end: number): number | undefined {
  let k = end - 1;
  if (source[k] !== ')') return undefined;
  k--;
  while (k > start && /\s/.test(source[k]!)) k--;
  const close = source[k];
  if (close !== '"' && close !== "'" && close !== ')') return undefined;
  const open = close === ')' ? '(' : close;
  for (k--; k > start; k--) {
    if (source[k] === open && source[k - 1] !== '\\') return k + 1;
  }
  return undefined;
}
