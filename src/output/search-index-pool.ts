// Parts of the search index built side by side: Pagefind's service reads one message at a time, so
// parts go side by side only in services of their own, one a worker thread.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { indexPages, type BuiltIndex, type Indexer } from './search-index.ts';

/** Runs index jobs, and is closed once they are done. */
export interface PartIndexer {
  index: Indexer;
  close(): Promise<void>;
}

/** An indexer for `parts` parts: worker threads, started as jobs come, when there is more than one part and more than one core. */
export function partIndexer(parts: number): PartIndexer {
  const threads = availableParallelism();
  if (parts < 2 || threads < 2) return { index: indexPages, close: async () => {} };
  // A small young generation: each page passes through as a few short-lived strings, and V8's default
  // (48 MB a thread) let the two threads take 150 MB more at 10,000 articles, for no speed.
  const pool = new Piscina({
    filename: new URL('./search-worker.mjs', import.meta.url).href,
    minThreads: 0,
    maxThreads: Math.min(threads, parts),
    idleTimeout: 1000,
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  return {
    index: async (job) => (await pool.run(job)) as BuiltIndex,
    close: () => pool.destroy(),
  };
}
