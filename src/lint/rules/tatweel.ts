import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { proseOf, isArabicLetter } from '../prose.ts';
import { createReporter } from '../report.ts';

const tatweel = '\u0640';

/**
 * `tatweel`: the kashida `ـ` stretching a word between two of its letters (fixable: removed), or
 * repeated where one is meant (fixable: one left). A single one joining `الـ` to a number or a Latin
 * name (`الـ27`, `الـWHO`) is how Arabic writes that, and stays.
 */
export function remarkLintTatweel() {
  return (tree: Root, file: VFile) => {
    const report = createReporter(file, 'tatweel');
    for (const block of proseOf(tree, report.file)) {
      const { text } = block;
      for (const match of text.matchAll(/\u0640+/g)) {
        const start = match.index;
        const end = start + match[0].length;
        // Harakat may sit on the letters either side: look past them.
        const before = text.slice(0, start).match(/(.)\p{M}*$/u)?.[1];
        const after = text.slice(end).match(/^\p{M}*(.)/u)?.[1];
        if (isArabicLetter(before) && isArabicLetter(after)) {
          report.prose(block, start, end, `Unexpected tatweel \`${match[0]}\` stretching a word, expected none`, { replacement: '' });
        } else if (match[0].length > 1) {
          report.prose(block, start, end, `Unexpected ${match[0].length} tatweels in a row, expected 1`, { replacement: tatweel });
        }
      }
    }
  };
}
