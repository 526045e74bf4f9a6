import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { proseOf } from '../prose.ts';
import { createReporter } from '../report.ts';
import { isSpaceBeforePunctuation } from '../spacing.ts';

/**
 * `doubled-space`: two or more spaces or no-break spaces in a row inside a line (fixable: one space,
 * or one no-break space when they all are). Those at the start of a line are `leading-no-break-space`'s
 * and those before punctuation `space-before-punctuation`'s, so that fixes never overlap.
 */
export function remarkLintDoubledSpace() {
  return (tree: Root, file: VFile) => {
    const report = createReporter(file, 'doubled-space');
    for (const block of proseOf(tree, report.file)) {
      const { text } = block;
      for (const match of text.matchAll(/[ \u00A0]{2,}/g)) {
        const start = match.index;
        const end = start + match[0].length;
        if (start === 0 || text[start - 1] === '\n' || end === text.length || text[end] === '\n') continue;
        if (isSpaceBeforePunctuation(text, start, end)) continue;
        const replacement = /^\u00A0+$/.test(match[0]) ? '\u00A0' : ' ';
        report.prose(block, start, end, `Unexpected ${match[0].length} spaces in a row, expected 1`, { replacement, neighbours: 'self' });
      }
    }
  };
}
