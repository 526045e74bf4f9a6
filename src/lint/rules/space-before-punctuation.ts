import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { proseOf } from '../prose.ts';
import { createReporter } from '../report.ts';
import { isSpaceBeforePunctuation } from '../spacing.ts';

/** `space-before-punctuation`: spaces between an Arabic word and the `،` `؛` `؟` `.` `:` `!` after it (fixable: removed). */
export function remarkLintSpaceBeforePunctuation() {
  return (tree: Root, file: VFile) => {
    const report = createReporter(file, 'space-before-punctuation');
    for (const block of proseOf(tree, report.file)) {
      for (const match of block.text.matchAll(/[ \u00A0]+/g)) {
        const start = match.index;
        const end = start + match[0].length;
        if (!isSpaceBeforePunctuation(block.text, start, end)) continue;
        report.prose(block, start, end, `Unexpected space before \`${block.text[end]}\`, expected it right after the word`, { replacement: '', neighbours: 'after' });
      }
    }
  };
}
