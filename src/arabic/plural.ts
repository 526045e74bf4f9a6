import { formatNumber, type DigitStyle } from './digits.ts';

/** The wordings of a counted phrase for each Arabic plural category; `{n}` stands for the number. */
export interface PluralForms {
  zero?: string;
  one: string;
  two: string;
  few: string;
  many: string;
  other: string;
}

const arabicPlurals = new Intl.PluralRules('ar');

/** Picks the Arabic plural form for `count` (via Intl.PluralRules) and fills in `{n}` in the chosen digits. */
export function plural(count: number, forms: PluralForms, digits: DigitStyle): string {
  const category = arabicPlurals.select(count) as keyof PluralForms;
  // Without a dedicated zero wording, Arabic counts zero with the same wording as 100 ("0 دقيقة").
  const form = forms[category] ?? forms.other;
  return form.replaceAll('{n}', formatNumber(count, digits));
}

/** Wordings for a reading time in minutes, without the «مدة القراءة:» prefix. */
export const readingTimeForms: PluralForms = {
  zero: 'أقل من دقيقة',
  one: 'دقيقة واحدة',
  two: 'دقيقتان',
  few: '{n} دقائق',
  many: '{n} دقيقة',
  other: '{n} دقيقة',
};

/** Estimated reading time in whole minutes (at least 1) for a text read at `wordsPerMinute`. */
export function readingMinutes(text: string, wordsPerMinute = 180): number {
  if (!(wordsPerMinute > 0) || !Number.isFinite(wordsPerMinute)) {
    throw new RangeError(`wordsPerMinute must be a positive number, got ${wordsPerMinute}`);
  }
  const words = text.split(/\s+/u).filter((word) => word !== '').length;
  return Math.max(1, Math.round(words / wordsPerMinute));
}
