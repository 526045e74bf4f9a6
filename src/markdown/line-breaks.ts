import type { Paragraph, PhrasingContent, Text } from 'mdast';
import type { Point, Position } from 'unist';

/** A line break among a paragraph's direct children: a soft one (a `\n` inside a text node) or a hard `break` node. */
export type LineBreak = { child: number; offset: number } | { child: number; offset?: undefined };

/** The line breaks of a paragraph's direct phrasing, in order; breaks nested in emphasis, links and code are not counted. */
export function findLineBreaks(paragraph: Paragraph): LineBreak[] {
  const breaks: LineBreak[] = [];
  paragraph.children.forEach((child, index) => {
    if (child.type === 'break') breaks.push({ child: index });
    else if (child.type === 'text') {
      for (let at = child.value.indexOf('\n'); at !== -1; at = child.value.indexOf('\n', at + 1)) {
        breaks.push({ child: index, offset: at });
      }
    }
  });
  return breaks;
}

/**
 * Splits a paragraph at the given line breaks (from `findLineBreaks`) into one paragraph a line, with
 * positions true to `source`. Makes new nodes, leaving `paragraph` as it was; a line with no content is left out.
 */
export function splitParagraph(paragraph: Paragraph, breaks: readonly LineBreak[], source: string): Paragraph[] {
  const lines: PhrasingContent[][] = [];
  let line: PhrasingContent[] = [];
  // Grouped once: a paragraph of the archive can have thousands of children and as many breaks.
  const byChild = new Map<number, LineBreak[]>();
  for (const item of breaks) {
    const list = byChild.get(item.child);
    if (list) list.push(item);
    else byChild.set(item.child, [item]);
  }

  paragraph.children.forEach((child, index) => {
    const here = byChild.get(index) ?? [];
    if (here.length === 0) {
      line.push(child);
    } else if (child.type === 'break') {
      lines.push(line);
      line = [];
    } else if (child.type === 'text') {
      const pieces = splitText(child, here.map((item) => item.offset ?? 0), source);
      pieces.forEach((piece, number) => {
        if (number > 0) {
          lines.push(line);
          line = [];
        }
        if (piece.value !== '') line.push(piece);
      });
    } else {
      line.push(child);
    }
  });
  lines.push(line);

  return lines
    .filter((children) => children.length > 0)
    .map((children) => {
      const result: Paragraph = { type: 'paragraph', children };
      const start = children[0]?.position?.start;
      const end = children.at(-1)?.position?.end;
      if (start && end) result.position = { start: { ...start }, end: { ...end } };
      return result;
    });
}

// Splits a text node at the `\n`s at the given indices (each dropped). Each piece gets the position of its
// own line when the node's source has exactly as many line endings as its value has `\n`s (it does,
// unless a character reference such as `&#10;` made one); otherwise the pieces go without a position.
function splitText(node: Text, at: readonly number[], source: string): Text[] {
  const values: string[] = [];
  let from = 0;
  for (const index of at) {
    values.push(node.value.slice(from, index));
    from = index + 1;
  }
  values.push(node.value.slice(from));

  const positions = linePositions(node.position, source, values.length);
  return values.map((value, index) => {
    const piece: Text = { type: 'text', value };
    const position = positions?.[index];
    if (position) piece.position = position;
    return piece;
  });
}

function linePositions(position: Position | undefined, source: string, count: number): Position[] | undefined {
  const startOffset = position?.start.offset;
  const endOffset = position?.end.offset;
  if (!position || startOffset === undefined || endOffset === undefined) return undefined;

  const endings: Array<{ start: number; end: number }> = [];
  const lineEnding = /\r?\n|\r/g;
  lineEnding.lastIndex = startOffset;
  for (let match = lineEnding.exec(source); match && match.index < endOffset; match = lineEnding.exec(source)) {
    endings.push({ start: match.index, end: match.index + match[0].length });
  }
  if (endings.length !== count - 1) return undefined;

  const lineStart = (line: number): number =>
    line === 0 ? startOffset - (position.start.column - 1) : (endings[line - 1]?.end ?? 0);
  const point = (line: number, offset: number): Point => ({
    line: position.start.line + line,
    column: offset - lineStart(line) + 1,
    offset,
  });

  const result: Position[] = [];
  for (let line = 0; line < count; line++) {
    let start = line === 0 ? startOffset : lineStart(line);
    // The parser strips the container prefix (`>` markers, list indent) and leading spaces of a continuation line…
    if (line > 0) while (start < endOffset && /[ \t>]/.test(source.charAt(start))) start++;
    let end = line === count - 1 ? endOffset : (endings[line]?.start ?? endOffset);
    // …and the spaces before its line ending (a no-break space is text, so it stays in).
    if (line < count - 1) while (end > start && /[ \t]/.test(source.charAt(end - 1))) end--;
    result.push({ start: point(line, start), end: point(line, end) });
  }
  return result;
}
