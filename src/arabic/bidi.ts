// Global, so `.test()` on it is stateful (lastIndex); use it with `replace`/`match`.
/** Matches the bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). */
export const bidiControlPattern = /[\u202A-\u202E\u2066-\u2069]/g;

/** Removes bidi embedding/override/isolate controls, which can reorder the text around them. */
export function stripBidiControls(text: string): string {
  // LRM, RLM, ALM and ZWNJ stay: they are ordinary parts of typing Arabic.
  return text.replace(bidiControlPattern, '');
}

/** A direction of text, as the `dir` attribute names it. */
export type TextDirection = 'rtl' | 'ltr';

// Strong right-to-left characters: letters of the right-to-left scripts, and RLM and ALM.
const rightToLeft = /[\u200F\u061C]|(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}]/u;
// Strong characters of either direction (letters, LRM, RLM, ALM), for the first one in a string.
const strong = /[\u200E\u200F\u061C\p{L}]/u;

/**
 * The direction a newsroom string reads in: right to left when it holds any Arabic (or other
 * right-to-left) letter, so `Siemens تعلن أرباحها` is an Arabic sentence that opens with a Latin
 * name; left to right when it holds only other letters (`The Independent`); undefined when it holds
 * no letters at all (`2026`, `+15%`). The browser's own guess (`dir="auto"`, `<bdi>`) takes the first
 * letter and would set that Arabic sentence left to right.
 */
export function textDirection(text: string): TextDirection | undefined {
  if (rightToLeft.test(text)) return 'rtl';
  return strong.test(text) ? 'ltr' : undefined;
}

/** What `dir="auto"` and `<bdi>` pick for a string: the direction of its first strong character. */
export function firstStrongDirection(text: string): TextDirection | undefined {
  const first = strong.exec(text)?.[0];
  if (first === undefined) return undefined;
  return rightToLeft.test(first) ? 'rtl' : 'ltr';
}

// Languages written right to left, by primary subtag (ISO 639), and scripts (ISO 15924).
const rightToLeftLanguages = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'nqo', 'prs', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const rightToLeftScripts = new Set(['arab', 'hebr', 'syrc', 'thaa', 'nkoo', 'adlm', 'samr', 'mand', 'rohg']);

/** The direction a language is written in, from its BCP 47 tag: `fa` → rtl, `en` → ltr, `ku-Latn` → ltr. */
export function languageDirection(tag: string): TextDirection {
  const [language = '', ...rest] = tag.toLowerCase().split('-');
  const script = rest.find((subtag) => subtag.length === 4);
  if (script) return rightToLeftScripts.has(script) ? 'rtl' : 'ltr';
  return rightToLeftLanguages.has(language) ? 'rtl' : 'ltr';
}
