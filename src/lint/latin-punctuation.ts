// The check behind `arabic-comma`, `arabic-semicolon` and `arabic-question-mark`.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { proseOf, neighbour } from './prose.ts';
import { createReporter } from './report.ts';
import type { RuleId } from './settings.ts';

const digit = /\p{Nd}/u;

/**
 * Reports each `latin` mark in Arabic text, with `arabic` as its fix: the nearest letter on one side
 * is Arabic and on the other Arabic too or none (digits do not count: `عام 2024, وقال`). Between
 * Latin words (`Siemens, Inc`), between a Latin and an Arabic word, and between digits (`1,500`,
 * `3;4`) it is left alone.
 */
export function reportLatinPunctuation(tree: Root, file: VFile, ruleId: RuleId, latin: string, arabic: string): void {
  const report = createReporter(file, ruleId);
  for (const block of proseOf(tree, report.file)) {
    const { text } = block;
    for (let i = text.indexOf(latin); i !== -1; i = text.indexOf(latin, i + 1)) {
      if (digit.test(text[i - 1] ?? '') && digit.test(text[i + 1] ?? '')) continue;
      const before = neighbour(text, i - 1, -1);
      const after = neighbour(text, i + 1, 1);
      if (before === 'latin' || after === 'latin' || (before !== 'arabic' && after !== 'arabic')) continue;
      report.prose(block, i, i + 1, `Unexpected \`${latin}\` in Arabic text, expected \`${arabic}\``, { replacement: arabic, neighbours: 'self' });
    }
  }
}
