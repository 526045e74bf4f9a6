// What a search index worker runs: one part of the index. The launcher compiles this file to
// search-worker.mjs beside the compiled CLI; src/output/search-worker.mjs runs it through tsx.
import { indexPages, type BuiltIndex, type IndexJob } from './search-index.ts';

/** Indexes one part's pages and returns the files Pagefind made. */
export default function index(job: IndexJob): Promise<BuiltIndex> {
  return indexPages(job);
}
