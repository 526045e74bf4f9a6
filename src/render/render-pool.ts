// Article pages rendered on a pool of worker threads sized to the machine, or inline for small jobs.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { renderArticle, type ArticleRenderInput, type RenderedPage } from './render-article.ts';
import { renderListing, type ListingRenderInput } from './render-listing.ts';
import { encodePage, type EncodedPage } from './encoded-page.ts';

/** Renders article and listing pages somewhere (on workers or on this thread), as their files' bytes. */
export interface PageRenderer {
  render(input: ArticleRenderInput): Promise<EncodedPage>;
  renderListing(input: ListingRenderInput): Promise<EncodedPage>;
  close(): Promise<void>;
}

// Starting a worker costs about as much as rendering a few dozen articles.
const inlineUpTo = 48;

/**
 * Characters of Markdown from which an article counts as long: its trees take hundreds of megabytes
 * while it renders. A long article renders alone (the build sends nothing else beside it) on a thread
 * of its own with a capped heap, ended after it, so that memory is taken once and given back, and the
 * build stays under 1.5 GB whatever the content.
 */
export const longBody = 1_000_000;

/** The heap a long article may take while it renders; past it, the article is refused with an error. */
export const longRenderHeapMb = 768;

const workerFile = new URL('./render-worker.mjs', import.meta.url).href;

/** A renderer for `count` pages: a worker pool when that many are worth the threads' start-up. */
export function pageRenderer(count: number): PageRenderer {
  const threads = availableParallelism();
  if (count <= inlineUpTo || threads < 2) {
    return {
      render: async (input) => (input.body.length >= longBody ? renderAlone(input) : encodePage(renderArticle(input))),
      renderListing: async (input) => encodePage(renderListing(input)),
      close: async () => {},
    };
  }
  // A small young generation: a page's trees die young, and V8's default (48 MB a thread) only lets
  // garbage pile up before it is swept; at 10,000 articles the threads then take 40 MB less, ~3% slower.
  const pool = new Piscina({ filename: workerFile, minThreads: threads, maxThreads: threads, idleTimeout: 1000, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  return {
    render: async (input) => (input.body.length >= longBody ? renderAlone(input) : ((await pool.run(input)) as EncodedPage)),
    renderListing: async (input) => (await pool.run(input, { name: 'listing' })) as EncodedPage,
    close: () => pool.destroy(),
  };
}

/** One long article on a fresh thread with a capped heap, ended once the page is back; past the cap, an error on the article. */
export async function renderAlone(input: ArticleRenderInput, heapMb = longRenderHeapMb): Promise<EncodedPage> {
  const thread = new Piscina({ filename: workerFile, minThreads: 1, maxThreads: 1, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  try {
    return (await thread.run(input)) as EncodedPage;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
    const reason = `Unexpected article needing more than ${heapMb} MB of memory to render, expected a shorter one, or the article split in parts`;
    return { path: input.article.outputPath, html: new Uint8Array(0), messages: [{ file: input.displayPath, line: 1, column: 1, severity: 'error', reason, ruleId: 'max-render-memory' }] };
  } finally {
    await thread.destroy();
  }
}
