import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { proseOf } from '../prose.ts';
import { createReporter, type Fix } from '../report.ts';

// After the spaces go, a line starting with one of these could become a list, heading, quote or HTML.
const blockStart = /^(?:[-+*#>|=`~<_]|\d{1,9}[.)])/;

/**
 * `leading-no-break-space`: no-break spaces (with any spaces among them) at the start of a line, as
 * archive and Word copy indent paragraphs (fixable: removed, unless the line would then start a list,
 * heading or quote, or be left empty and so end the paragraph).
 */
export function remarkLintLeadingNoBreakSpace() {
  return (tree: Root, file: VFile) => {
    const report = createReporter(file, 'leading-no-break-space');
    for (const block of proseOf(tree, report.file)) {
      const { text } = block;
      for (const match of text.matchAll(/(?<=^|\n)[ \u00A0]+/g)) {
        if (!match[0].includes('\u00A0')) continue;
        const start = match.index;
        const end = start + match[0].length;
        const lineEnd = text.indexOf('\n', end);
        const rest = text.slice(end, lineEnd === -1 ? undefined : lineEnd);
        const fix: Fix | undefined = rest !== '' && !blockStart.test(rest) ? { replacement: '', neighbours: 'after' } : undefined;
        report.prose(block, start, end, 'Unexpected no-break space at the start of the line, expected the text to start there', fix);
      }
    }
  };
}
