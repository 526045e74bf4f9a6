// JSON-LD serialised so that no front matter value can close the script element it sits in.

/** JSON for a `<script type="application/ld+json">`: `<`, `>`, `&` and U+2028/2029 escaped. */
export function serialiseJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
