// What a render worker runs: one page from its plain-data input, an article's (the default export) or
// a listing's (`listing`). The launcher compiles this file to render-worker.mjs beside the compiled CLI;
// src/render/render-worker.mjs runs it through tsx.
import { renderArticle, type ArticleRenderInput } from './render-article.ts';
import { renderListing, type ListingRenderInput } from './render-listing.ts';
import { encodePage, type EncodedPage } from './encoded-page.ts';

/** Renders one article page from its plain-data input. */
export default function render(input: ArticleRenderInput): EncodedPage {
  return encodePage(renderArticle(input));
}

/** Renders one listing page from its plain-data input. */
export function listing(input: ListingRenderInput): EncodedPage {
  return encodePage(renderListing(input));
}
