// Global, so `.test()` on it is stateful (lastIndex); use it with `replace`/`match`.
/** Matches the bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069). */
export const bidiControlPattern = /[\u202A-\u202E\u2066-\u2069]/g;

/** Removes bidi embedding/override/isolate controls, which can reorder the text around them. */
export function stripBidiControls(text: string): string {
  // LRM, RLM, ALM and ZWNJ stay: they are ordinary parts of typing Arabic.
  return text.replace(bidiControlPattern, '');
}
