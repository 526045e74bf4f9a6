// How much Markdown one article may hold. The parser's time grows faster than its input on deep
// nesting, crowded inline markup and very long paragraphs, and its trees take memory node by node,
// so a cheap linear scan refuses such bodies before anything parses them.
import type { Place } from '../messages.ts';

/** The limits an article body is held to, each named in the message that refuses it. */
export const bodyLimits = {
  /** Quotes and list items inside each other, as one line opens them. */
  nesting: 100,
  /** Characters in one block of lines with no blank line between them. */
  blockLength: 200_000,
  /** Inline markup characters (`*`, `_`, `~`, `` ` ``, `[`, `]`, `<`) in one such block: the parser pairs them in time that grows with their square. */
  blockMarkup: 500,
  /** Inline markup characters in the whole article, and lines of text in it: each becomes nodes of the syntax trees, which take memory. */
  markup: 20_000,
  lines: 50_000,
  /** List items in the whole article: the HTML stage looks at every item of a list for each of its items. */
  listItems: 10_000,
} as const;

/** A limit the body goes past, at the line where it does. */
export interface BodyProblem {
  reason: string;
  place: Place;
  ruleId: string;
}

const markup = new Set(['*', '_', '~', '`', '[', ']', '<']);
const markupList = '`*`, `_`, `~`, `` ` ``, `[`, `]`, `<`';
// `- - -`, `***`, `_ _ _`: a thematic break, not a list.
const thematicBreak = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** Checks a body (front matter blanked) against `bodyLimits`; at most one problem per limit, at the first place it is passed. */
export function checkBodyLimits(body: string): BodyProblem[] {
  const problems = new Map<string, BodyProblem>();
  const report = (ruleId: string, reason: string, place: Place) => {
    if (!problems.has(ruleId)) problems.set(ruleId, { reason, place, ruleId });
  };

  let block = { line: 1, length: 0, markup: 0 };
  let listItems = 0;
  let markupTotal = 0;
  let lines = 0;
  let line = 0;
  for (let start = 0; start <= body.length; ) {
    line++;
    const newline = body.indexOf('\n', start);
    const end = newline === -1 ? body.length : newline;

    let first = start;
    while (first < end && (body[first] === ' ' || body[first] === '\t')) first++;
    if (first === end) {
      block = { line: line + 1, length: 0, markup: 0 };
    } else {
      lines++;
      if (lines > bodyLimits.lines) {
        report('max-lines', `Unexpected line of text number ${lines.toLocaleString('en')}, expected at most ${bodyLimits.lines.toLocaleString('en')} in one article, or the article split in parts`, { line, column: 1 });
      }
      const text = body.slice(start, end);
      const containers = thematicBreak.test(text) ? { depth: 0, items: 0 } : openedContainers(text);
      listItems += containers.items;
      if (containers.depth > bodyLimits.nesting) {
        report('max-nesting', `Unexpected quotes and lists nested ${containers.depth.toLocaleString('en')} levels deep, expected at most ${bodyLimits.nesting}`, { line, column: 1 });
      }
      if (listItems > bodyLimits.listItems) {
        report('max-list-items', `Unexpected list item number ${listItems.toLocaleString('en')}, expected at most ${bodyLimits.listItems.toLocaleString('en')} in one article`, { line, column: 1 });
      }
      block.length += end - start + 1;
      for (let index = first; index < end; index++) {
        if (markup.has(body[index]!)) {
          block.markup++;
          markupTotal++;
        }
      }
      if (block.length > bodyLimits.blockLength) {
        report('max-block-length', `Unexpected paragraph of more than ${bodyLimits.blockLength.toLocaleString('en')} characters, expected a blank line between paragraphs`, { line: block.line, column: 1 });
      }
      if (block.markup > bodyLimits.blockMarkup) {
        report('max-block-markup', `Unexpected paragraph with more than ${bodyLimits.blockMarkup.toLocaleString('en')} markup characters (${markupList}), expected fewer, or a blank line between paragraphs`, { line: block.line, column: 1 });
      }
      if (markupTotal > bodyLimits.markup) {
        report('max-markup', `Unexpected article with more than ${bodyLimits.markup.toLocaleString('en')} markup characters (${markupList}), expected fewer, or the article split in parts`, { line, column: 1 });
      }
    }
    if (newline === -1) break;
    start = newline + 1;
  }
  return [...problems.values()];
}

// The quotes and list items a line's prefix opens (`> > - 1. text`), with the indentation before the
// first counted as the nesting it continues (two columns a level, the least a list item needs).
function openedContainers(text: string): { depth: number; items: number } {
  let markers = 0;
  let items = 0;
  let indent = 0;
  for (let index = 0; index < text.length; ) {
    const char = text[index];
    if (char === ' ' || char === '\t') {
      if (markers === 0) indent += char === ' ' ? 1 : 4;
      index++;
      continue;
    }
    const marker = char === '>' ? '>' : /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(text.slice(index, index + 11))?.[0];
    if (marker === undefined) break;
    markers++;
    if (marker !== '>') items++;
    index += marker.length;
  }
  return { depth: markers + Math.floor(indent / 2), items };
}
