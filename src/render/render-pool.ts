// Article pages rendered on a pool of worker threads sized to the machine, or inline for small jobs.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { renderArticle, type ArticleRenderInput, type RenderedPage } from './render-article.ts';

/** Renders article pages somewhere: on workers or on this thread. */
export interface ArticleRenderer {
  render(input: ArticleRenderInput): Promise<RenderedPage>;
  close(): Promise<void>;
}

// Starting a worker costs about as much as rendering a few dozen articles.
const inlineUpTo = 48;

/** A renderer for `count` articles: a worker pool when that many are worth the threads' start-up. */
export function articleRenderer(count: number): ArticleRenderer {
  const threads = availableParallelism();
  if (count <= inlineUpTo || threads < 2) {
    return { render: async (input) => renderArticle(input), close: async () => {} };
  }
  const pool = new Piscina({ filename: new URL('./render-worker.mjs', import.meta.url).href, minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  return {
    render: (input) => pool.run(input) as Promise<RenderedPage>,
    close: () => pool.destroy(),
  };
}
