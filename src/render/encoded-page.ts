// A rendered page with its HTML as UTF-8 bytes: what a render worker sends back. The build only
// hashes and writes a page, so it never needs the HTML as a string; page-sized strings kept alive
// across the writes' awaits outlive V8's young generation and pile up in the main thread's heap.
import type { RenderedPage } from './render-article.ts';

/** A rendered page whose HTML is its file's bytes. */
export type EncodedPage = Omit<RenderedPage, 'html'> & { html: Uint8Array };

const encoder = new TextEncoder();

/** The page with its HTML encoded as UTF-8 (a copy of exactly its bytes, so a worker sends no more). */
export function encodePage(page: RenderedPage): EncodedPage {
  return { ...page, html: encoder.encode(page.html) };
}
