// The cache key of a page: the hash of the code that renders it and of its whole input.
import { createHash } from 'node:crypto';
import type { ArticlePageInput } from './article-input.ts';

/** A key that changes whenever the page's input or the rendering code changes. */
export function renderKey(codeVersion: string, kind: string, input: unknown): string {
  return createHash('sha256').update(codeVersion).update('\0').update(kind).update('\0').update(JSON.stringify(input)).digest('hex');
}

/**
 * The hash of a value many pages share (the settings, an article's summary, a picture's files), made
 * once for the object however many pages show it: a key holds the hash in its place, so an archive's
 * keys cost the size of each page's own input, not of everything it lists. The objects are not
 * changed once made, so one hash an object stays true.
 */
export function sharedDigests(): (value: object) => string {
  const digests = new WeakMap<object, string>();
  return (value) => {
    let digest = digests.get(value);
    if (digest === undefined) {
      digest = createHash('sha256').update(JSON.stringify(value)).digest('base64');
      digests.set(value, digest);
    }
    return digest;
  };
}

/**
 * An article page's key: its own input whole, and what it shares with other pages by digest. The body
 * is named by `sourceHash`, the hash of the file it is made from, so no body is read to key a page;
 * so are the front matter and where its keys stand, which the lint is given and which are made from
 * that file alone.
 */
export function articleKey(codeVersion: string, input: ArticlePageInput, sourceHash: string, digest: (value: object) => string): string {
  const { lint, ...own } = input;
  return renderKey(codeVersion, 'article', {
    ...own,
    source: sourceHash,
    article: digest(input.article),
    site: digest(input.site),
    assets: digest(input.assets),
    related: input.related.map(digest),
    more: input.more.map(digest),
    images: input.images && Object.entries(input.images).map(([path, entry]) => [path, digest(entry)]),
    lint: lint && { rules: lint.rules && digest(lint.rules) },
  });
}
