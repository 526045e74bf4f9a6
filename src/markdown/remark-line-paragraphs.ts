import type { Paragraph, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { findLineBreaks, splitParagraph } from './line-breaks.ts';

/**
 * Makes every line of a paragraph its own paragraph, for copy that arrives one paragraph a line (the
 * archive, pasted Word documents); in blockquotes, list items and footnotes too.
 */
export function remarkLineParagraphs() {
  return (tree: Root, file: VFile) => {
    const source = String(file);
    visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
      if (!parent || index === undefined) return;
      const breaks = findLineBreaks(node);
      if (breaks.length === 0) return;
      const lines = splitParagraph(node, breaks, source);
      parent.children.splice(index, 1, ...lines);
      // A list item of several paragraphs is spread (its list loose), or they would be shown as one line.
      if (parent.type === 'listItem' && lines.length > 1) parent.spread = true;
      // The new paragraphs have no breaks left: go on after them.
      return [SKIP, index + lines.length];
    });
  };
}
