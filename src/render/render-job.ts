// What a render worker runs: one article page from its plain-data input. The launcher compiles this
// file to render-worker.mjs beside the compiled CLI; src/render/render-worker.mjs runs it through tsx.
import { renderArticle, type ArticleRenderInput, type RenderedPage } from './render-article.ts';

/** Renders one article page from its plain-data input. */
export default function render(input: ArticleRenderInput): RenderedPage {
  return renderArticle(input);
}
