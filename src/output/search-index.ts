// The site search index: Pagefind over the staged article pages, once every page is written, kept
// in memory and staged under pagefind/ so unchanged index files keep their bytes and mtimes.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createIndex } from 'pagefind';
import { breakPrefixes } from '../arabic/search-normalise.ts';
import { listFiles, type Staging } from './staging.ts';
import { renderKey } from '../render/render-key.ts';
import type { PageContext } from '../render/render-listing.ts';
import { indexedUrl, packedNow, parseSearchState, planSearch, recentFolder, searchStateName, type PartPlan, type SearchState } from './search-plan.ts';

/** The folder of the index in the site; the search page's script loads `/pagefind/pagefind.js` from it. */
export const searchIndexFolder = 'pagefind';

/** Whether an output path is a file of the search index: its parts, its recent part, or the record of what they were packed from. */
export function isSearchIndexPath(path: string): boolean {
  return path === searchStateName || /^pagefind(-\d+|-recent)?\//.test(path);
}

// Pages opt in with data-pagefind-body (the article element); the rest of the site stays out.
const indexedPage = /\sdata-pagefind-body[\s=>]/;
// Pagefind's ready-made interfaces and highlighter: the search page uses its JavaScript API instead.
const unusedFile = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\./;

// At most about a thousand stories a part of the index (one part for most sites): an edit re-indexes one part.
const partSize = 1000;
// Pages on their way to Pagefind at once: enough that it never waits for this side to read the next one.
const pagesInFlight = 64;

/**
 * The parts of the index for these article pages: /pagefind/ first, then /pagefind-2/, …, each page
 * in a stable part by its path's hash. Their number is a power of two, so it changes only as the
 * archive doubles (past 1,000 stories, 2,000, 4,000, …): a story added otherwise moves no other story
 * to another part, and the parts stay as they were packed.
 */
export function searchIndexParts(pages: readonly string[]): { folder: string; pages: string[] }[] {
  let count = 1;
  while (count * partSize < pages.length) count *= 2;
  const parts = Array.from({ length: count }, (_, i) => ({ folder: i === 0 ? searchIndexFolder : `${searchIndexFolder}-${i + 1}`, pages: [] as string[] }));
  // Sorted, so a merged sharded output is indexed in the same order as a whole build.
  for (const page of [...pages].sort()) parts[createHash('sha256').update(page).digest().readUInt32BE(0) % count]!.pages.push(page);
  return parts;
}

/** Whether a page marks its body for the index (the article pages). */
export function isIndexedPage(html: string): boolean {
  return indexedPage.test(html);
}

/** What went into the index. */
export interface SearchIndexSummary {
  pages: number;
  files: number;
  bytes: number;
}

/** An index of some pages: the files Pagefind made, to be staged under the part's folder. */
export interface BuiltIndex {
  pages: number;
  files: { path: string; content: Uint8Array }[];
}

/** What indexing one part takes: its pages, each by its path in the site and the file that holds it now (or every HTML file under `dir`), and the language. */
export type IndexJob = { language: string } & ({ pages: readonly { path: string; file: string }[] } | { dir: string });

/** Something that runs index jobs: on this thread, or on worker threads (see search-index-pool.ts). */
export type Indexer = (job: IndexJob) => Promise<BuiltIndex>;

/**
 * Indexes every page under `dir` that marks its body for Pagefind, in the site's language. Each page
 * reaches Pagefind with its Arabic prefixes broken off (see src/arabic/search-normalise.ts); the pages
 * themselves are not changed. Pagefind's own files besides the index (its ready-made interfaces) are left out.
 */
export async function indexPages(job: IndexJob): Promise<BuiltIndex> {
  const created = await createIndex({ forceLanguage: job.language });
  const index = created.index;
  if (!index) throw new Error(`Pagefind could not start an index: ${created.errors.join('; ')}`);
  // Every page sent and not yet answered; each settles to the error it met, if any, so none rejects unheard.
  const sent: Promise<Error | undefined>[] = [];
  try {
    let pages = 0;
    const files = 'pages' in job ? job.pages : (await listFiles(job.dir)).map((path) => ({ path, file: join(job.dir, ...path.split('/')) }));
    for (const { path, file } of files) {
      if (!path.endsWith('.html')) continue;
      const html = await readFile(file, 'utf8');
      if (!isIndexedPage(html)) continue;
      // Sent without waiting for the answer to the last: Pagefind's service indexes its messages one at a
      // time in the order they were sent and numbers the pages in that order, so the index is the one that
      // page by page makes (tests/search.test.ts holds it to that), and the next pages are read meanwhile.
      sent.push(
        index.addHTMLFile({ sourcePath: path, content: breakPrefixes(html) }).then(
          (added) => (added.errors.length > 0 ? new Error(`Pagefind could not index ${path}: ${added.errors.join('; ')}`) : undefined),
          (error: unknown) => new Error(`Pagefind could not index ${path}`, { cause: error }),
        ),
      );
      pages++;
      if (sent.length >= pagesInFlight) {
        const error = await sent.shift();
        if (error) throw error;
      }
    }
    for (const error of await Promise.all(sent.splice(0))) if (error) throw error;
    const built = await index.getFiles();
    if (built.errors.length > 0) throw new Error(`Pagefind could not build the index: ${built.errors.join('; ')}`);
    return { pages, files: built.files.filter((file) => !unusedFile.test(file.path)).map(({ path, content }) => ({ path, content })) };
  } finally {
    await Promise.all(sent);
    await index.deleteIndex();
  }
}

/**
 * Indexes the staged pages of a part and stages its index under the part's folder, or keeps the last
 * build's when its `key` is unchanged.
 */
export async function writeSearchIndex(
  staging: Staging,
  language: string,
  part: { folder: string; pages: readonly string[]; key: string },
  indexer: Indexer = indexPages,
): Promise<SearchIndexSummary | undefined> {
  const { folder, key } = part;
  // Indexing is the slowest step of a rebuild: when the indexed pages are the same, keep the last index.
  if (await staging.reuseFolder(folder, key)) return undefined;
  const built = await indexer({ pages: part.pages.map((path) => ({ path, file: staging.fileOf(path) })), language });
  let bytes = 0;
  for (const file of built.files) {
    await staging.write(`${folder}/${file.path}`, file.content, { key });
    bytes += file.content.byteLength;
  }
  return { pages: built.pages, files: built.files.length, bytes };
}

/** What the search page needs to know of the recent part: its folder's URL, if it has stories, and the URLs whose older hits to drop. */
export type RecentSearch = NonNullable<PageContext['searchRecent']>;

/** The index of a build, planned and its kept parts staged: `recent` for the search page, then `write` to make the rest. */
export interface PreparedSearchIndex {
  recent?: RecentSearch;
  /** Indexes the parts to pack and the recent part, with an indexer made for that many jobs. */
  write(indexerFor: (jobs: number) => { index: Indexer; close(): Promise<void> }): Promise<void>;
}

/**
 * Plans the index of the staged article pages, in their `parts` (see `searchIndexParts`), against what the live output's parts were packed
 * from (see search-plan.ts), and keeps the parts that stay; with `packAll`, every part is packed (an
 * output whose search page was not made with the plan). `code` is matbaa's code version: with the
 * language, it names what the parts were packed with.
 */
export async function prepareSearchIndex(
  staging: Staging,
  options: { outDir: string; language: string; code: string; parts: ReturnType<typeof searchIndexParts>; packAll?: boolean },
): Promise<PreparedSearchIndex> {
  const { language, code } = options;
  const basis = renderKey(code, 'search-basis', { language });
  // The same key as a part has always had: the code, the language and each page with its hash.
  const keyOf = (pages: Record<string, string>) => renderKey(code, 'search', { language, indexed: Object.entries(pages).map(([path, hash]) => `${path} ${hash}`) });
  const state = options.packAll ? undefined : parseSearchState(await readFile(join(options.outDir, searchStateName), 'utf8').catch(() => undefined));
  // Keyed on what the index reads of each page, not on its bytes: a page whose related stories changed is indexed as it was.
  const hashOf = (path: string) => staging.searchKeyOf(path) ?? '';
  const planned = planSearch(options.parts, hashOf, keyOf, state, basis);
  // A kept part whose files are not all there as packed is packed anew.
  const plans = await Promise.all(
    planned.map(async (plan): Promise<PartPlan> => {
      if (plan.action === 'pack' || (await staging.reuseFolder(plan.folder, plan.packed.key))) return plan;
      return { folder: plan.folder, pages: plan.pages, action: 'pack', packed: packedNow(plan.pages, hashOf, keyOf) };
    }),
  );
  const recentPages = [...new Set(plans.flatMap((plan) => (plan.action === 'overlay' ? plan.recent : [])))].sort();
  const superseded = [...new Set(plans.flatMap((plan) => (plan.action === 'overlay' ? plan.superseded : [])))].sort();
  const recent = superseded.length + recentPages.length > 0 ? { ...(recentPages.length > 0 ? { index: `/${recentFolder}/` } : {}), superseded: superseded.map(indexedUrl) } : undefined;
  return {
    recent,
    async write(indexerFor) {
      const jobs = plans.filter((plan) => plan.action === 'pack').map((plan) => ({ folder: plan.folder, pages: plan.pages, key: plan.packed.key }));
      if (recentPages.length > 0) {
        const pages = Object.fromEntries(recentPages.map((path) => [path, hashOf(path)]));
        // Keyed apart from any packed part of the same pages, by its folder's name among them.
        jobs.push({ folder: recentFolder, pages: recentPages, key: keyOf({ [recentFolder]: '', ...pages }) });
      }
      const indexer = indexerFor(jobs.length);
      try {
        await Promise.all(jobs.map((job) => writeSearchIndex(staging, language, job, indexer.index)));
      } finally {
        await indexer.close();
      }
      const parts = Object.fromEntries(plans.map((plan) => [plan.folder, plan.packed]));
      await staging.write(searchStateName, JSON.stringify({ basis, parts } satisfies SearchState));
    },
  };
}
