// The cache key of a page: the hash of the code that renders it and of its whole input.
import { createHash } from 'node:crypto';

/** A key that changes whenever the page's input or the rendering code changes. */
export function renderKey(codeVersion: string, kind: string, input: unknown): string {
  return createHash('sha256').update(codeVersion).update('\0').update(kind).update('\0').update(JSON.stringify(input)).digest('hex');
}
