// Where spaces around punctuation are wrong in Arabic text, shared by the spacing rules so that
// their fixes never overlap.
import { neighbour } from './prose.ts';

// The marks that end a clause or sentence in Arabic text, Arabic and Latin.
const punctuation = /[،؛؟,;?!.:]/;
const arabicPunctuation = /[،؛؟]/;
const digit = /\p{Nd}/u;

/**
 * Whether the spaces from `start` to `end` of `text` stand before a punctuation mark that belongs to
 * the Arabic word before them. Not: at the start of a line, before `...`, a decimal such as `.5`, or
 * between the numbers of a score or a time (`3 : 1`).
 */
export function isSpaceBeforePunctuation(text: string, start: number, end: number): boolean {
  const mark = text[end];
  if (start === 0 || text[start - 1] === '\n' || mark === undefined || !punctuation.test(mark)) return false;
  const next = text[end + 1];
  if ((mark === '.' || mark === ',') && next !== undefined && digit.test(next)) return false;
  if (mark === '.' && next === '.') return false;
  // A score or a time: 3 : 1, 10 : 30
  if (digit.test(text[start - 1]!) && digit.test(text.slice(end + 1).trimStart()[0] ?? '')) return false;
  if (arabicPunctuation.test(mark)) return true;
  const before = neighbour(text, start - 1, -1);
  return before === 'arabic' || (before !== 'latin' && neighbour(text, end + 1, 1) === 'arabic');
}

/** Whether the punctuation mark at `index` of `text` is followed straight away by a word in Arabic text. */
export function isMissingSpaceAfter(text: string, index: number): boolean {
  const mark = text[index]!;
  const next = text[index + 1];
  if (!punctuation.test(mark) || next === undefined || !(/\p{L}/u.test(next) || next === '«' || next === '(' || next === '“')) return false;
  if (arabicPunctuation.test(mark)) return true;
  // A one-letter word and a full stop is an abbreviation (د.محمد, ص.ب); after a digit, a number (3.أ).
  if (mark === '.' && /(?:^|\P{L})\p{L}$|\p{Nd}$/u.test(text.slice(Math.max(0, index - 2), index))) return false;
  const before = neighbour(text, index - 1, -1);
  const after = neighbour(text, index + 1, 1);
  return (before === 'arabic' && after !== 'latin') || (after === 'arabic' && before !== 'latin' && before !== 'none');
}
