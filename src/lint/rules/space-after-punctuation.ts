import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { proseOf } from '../prose.ts';
import { createReporter } from '../report.ts';
import { isMissingSpaceAfter } from '../spacing.ts';

/**
 * `space-after-punctuation`: `،` `؛` `؟` (or `.` `:` `!` in Arabic text) followed straight away by a
 * word. A message only: a digit after the mark (`3،5`) is never flagged, but a joined abbreviation
 * or a reversed quotation may be meant, so the editor decides.
 */
export function remarkLintSpaceAfterPunctuation() {
  return (tree: Root, file: VFile) => {
    const report = createReporter(file, 'space-after-punctuation');
    for (const block of proseOf(tree, report.file)) {
      for (const match of block.text.matchAll(/[،؛؟,;?!.:]/g)) {
        if (!isMissingSpaceAfter(block.text, match.index)) continue;
        report.prose(block, match.index, match.index + 1, `Missing space after \`${match[0]}\`, expected one before the next word`);
      }
    }
  };
}
