import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import type { Position } from 'unist';

// Text in these is code or a link's own words, not prose with an editor's insert.
const skipped = new Set(['a', 'code', 'pre', 'kbd', 'samp', 'script', 'style']);

/**
 * Wraps a translator's or editor's insert, text in square brackets (`[الداعشيين]`), in
 * `<span class="insert">`, brackets included, so it can be styled. The brackets may hold emphasis or a
 * link; both must sit in the same element.
 */
export function rehypeEditorialInsert() {
  return (tree: Root) => {
    wrapInserts(tree);
  };
}

function wrapInserts(parent: Root | Element): void {
  for (const child of parent.children) {
    if (child.type === 'element' && !skipped.has(child.tagName)) wrapInserts(child);
  }
  if (!parent.children.some((child) => child.type === 'text' && child.value.includes('['))) return;

  const result: Array<RootContent | ElementContent> = [];
  // Where in `result` the open `[` is, if one is open.
  let open: number | undefined;

  for (const child of parent.children) {
    if (child.type !== 'text') {
      result.push(child);
      continue;
    }
    let from = 0;
    for (let at = 0; at < child.value.length; at++) {
      const character = child.value.charAt(at);
      if (character === '[') {
        if (at > from) result.push(piece(child, from, at));
        from = at;
        open = result.length;
      } else if (character === ']' && open !== undefined) {
        result.push(piece(child, from, at + 1));
        from = at + 1;
        const inside = result.splice(open);
        open = undefined;
        result.push(insert(inside));
      }
    }
    if (from < child.value.length) result.push(piece(child, from, child.value.length));
  }

  parent.children = mergeTexts(result) as typeof parent.children;
}

function insert(children: Array<RootContent | ElementContent>): Element | Text {
  const content = children as ElementContent[];
  const text = content.map((child) => (child.type === 'text' ? child.value : 'x')).join('');
  // `[]` and `[ ]` hold no insert.
  if (text.slice(1, -1).trim() === '') return mergeTexts(content)[0] as Text;
  const span: Element = { type: 'element', tagName: 'span', properties: { className: ['insert'] }, children: mergeTexts(content) };
  const start = content[0]?.position?.start;
  const end = content.at(-1)?.position?.end;
  if (start && end) span.position = { start: { ...start }, end: { ...end } };
  return span;
}

// A part of a text node; it keeps a true position when the node's value is its source, character for
// character, on one line (no escapes or entities), which is nearly always.
function piece(node: Text, from: number, to: number): Text {
  const result: Text = { type: 'text', value: node.value.slice(from, to) };
  const position = node.position;
  if (from === 0 && to === node.value.length) {
    if (position) result.position = position;
    return result;
  }
  const start = position?.start;
  const end = position?.end;
  if (
    start && end && start.offset !== undefined && end.offset !== undefined &&
    start.line === end.line && end.offset - start.offset === node.value.length
  ) {
    const sliced: Position = {
      start: { line: start.line, column: start.column + from, offset: start.offset + from },
      end: { line: start.line, column: start.column + to, offset: start.offset + to },
    };
    result.position = sliced;
  }
  return result;
}

// Joins neighbouring texts again, where a `[` found no `]`.
function mergeTexts<T extends RootContent | ElementContent>(children: T[]): T[] {
  const result: T[] = [];
  for (const child of children) {
    const previous = result.at(-1);
    if (previous?.type === 'text' && child.type === 'text') {
      const merged: Text = { type: 'text', value: previous.value + child.value };
      if (previous.position && child.position) merged.position = { start: previous.position.start, end: child.position.end };
      result[result.length - 1] = merged as T;
    } else {
      result.push(child);
    }
  }
  return result;
}
