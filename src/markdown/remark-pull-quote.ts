import type { Blockquote, Nodes, Paragraph, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { findLineBreaks, splitParagraph } from './line-breaks.ts';

// The line that names the speaker opens with an em dash, a horizontal bar, or `--` typed for either.
const attributionMark = /^[ \u00A0]*(?:—|―|--)[ \u00A0]*/;

/**
 * Makes a blockquote whose last paragraph (or, in running copy, last line) begins with a dash into a pull
 * quote: `<figure class="pull-quote"><blockquote>quote</blockquote><figcaption>speaker</figcaption></figure>`.
 * A blockquote without that line stays a plain blockquote.
 */
export function remarkPullQuote() {
  return (tree: Root, file: VFile) => {
    const source = String(file);
    // Collected first, so the blockquotes made below are not visited again.
    const quotes: Blockquote[] = [];
    visit(tree, 'blockquote', (node: Blockquote) => {
      quotes.push(node);
    });

    for (const quote of quotes) {
      const last = quote.children.at(-1);
      if (last?.type !== 'paragraph') continue;
      const parts = attributionOf(last, source);
      if (!parts) continue;
      const [lead, attribution] = parts;
      const body = [...quote.children.slice(0, -1), ...lead];

      if (body.length === 0) {
        file.message('Unexpected pull quote with only an attribution, expected the quoted words before the `—` line', {
          place: quote.position,
          ruleId: 'pull-quote-text',
          source: 'matbaa',
        });
        continue;
      }

      const mark = firstText(attribution);
      if (mark) mark.value = mark.value.replace(attributionMark, '');

      const inner: Blockquote = { type: 'blockquote', children: body };
      const start = body[0]?.position?.start;
      const end = body.at(-1)?.position?.end;
      if (start && end) inner.position = { start: { ...start }, end: { ...end } };

      attribution.data = { ...attribution.data, hName: 'figcaption' };
      quote.data = { ...quote.data, hName: 'figure', hProperties: { className: ['pull-quote'] } };
      quote.children = [inner, attribution];
    }
  };
}

// The attribution of a quote's last paragraph, with the lines before it when it is the paragraph's last
// line (a quote typed without a blank `>` line before the speaker); undefined when there is none.
function attributionOf(paragraph: Paragraph, source: string): [Paragraph[], Paragraph] | undefined {
  if (opensWithMark(paragraph)) return [[], paragraph];
  const lastBreak = findLineBreaks(paragraph).at(-1);
  if (!lastBreak) return undefined;
  const lines = splitParagraph(paragraph, [lastBreak], source);
  const attribution = lines.at(-1);
  if (lines.length !== 2 || !attribution || !opensWithMark(attribution)) return undefined;
  return [lines.slice(0, -1), attribution];
}

function opensWithMark(paragraph: Paragraph): boolean {
  const text = firstText(paragraph);
  return text !== undefined && attributionMark.test(text.value);
}

// The text a paragraph starts with, looking into emphasis and links (`**— name**`).
function firstText(node: Nodes): Text | undefined {
  let current: Nodes | undefined = node;
  while (current && current.type !== 'text') {
    current = 'children' in current ? current.children[0] : undefined;
  }
  return current;
}
