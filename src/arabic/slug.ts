import { toDigits } from './digits.ts';

// Tashkeel (U+064B–U+065F), superscript alef (U+0670) and tatweel (U+0640): spelling-neutral decoration.
const ARABIC_DECORATION = /[\u064B-\u065F\u0670\u0640]/g;
// Zero-width characters and bidi marks/controls, invisible in a title but not in a URL.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g;
const COMBINING_MARK = /\p{M}/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/** The shape of a valid slug: runs of letters and digits joined by single hyphens. */
export const slugPattern = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u;

/** Turns a title into a URL slug, keeping Arabic letters as they are; '' when it has no letters or digits. */
export function slugify(title: string): string {
  const cleaned = title
    .normalize('NFC')
    .replace(ARABIC_DECORATION, '')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .normalize('NFC')
    // Marks that did not compose with their letter (e.g. the dot of lowercased «İ», Quranic signs)
    // would otherwise split a word in two.
    .replace(COMBINING_MARK, '');
  return toDigits(cleaned, 'latn').replace(NOT_LETTER_OR_DIGIT, '-').replace(/^-+|-+$/g, '');
}

/** Whether a hand-written slug is already in the form `slugify` produces. */
export function isCanonicalSlug(slug: string): boolean {
  return slugPattern.test(slug) && slugify(slug) === slug;
}
