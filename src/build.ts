// The build, read top to bottom: load → validate → plan → render → write.
import { join, resolve } from 'node:path';
import { loadContent, type Article } from './content/load-content.ts';
import { hasErrors, sortMessages, type MessageRecord } from './messages.ts';
import { isProcessed, unreadableImageReason, type ImageEntry } from './markdown/content-images.ts';
import { planSite, type ArticleSummary, type SitePlan } from './site/plan.ts';
import { collectListings, paginate, type ListingPage } from './site/collections.ts';
import { cachedRelated } from './site/related-cache.ts';
import { articleTitle, collectRedirects, findClashes, siteRoutes } from './site/routes.ts';
import { type RenderedPage } from './render/render-article.ts';
import type { EncodedPage } from './render/encoded-page.ts';
import { articleInput, type ArticlePageInput } from './render/article-input.ts';
import { listingInput, renderArchiveIndex, renderHome, renderNotFound, renderRedirect, renderRedirectsFile, type PageContext } from './render/render-listing.ts';
import { renderFeeds } from './render/feeds.ts';
import { renderSearch } from './render/render-search.ts';
import { newsWindowMs, renderSitemaps, type SitemapEntry } from './render/sitemaps.ts';
import { listFiles, openStaging, recoverOutput, type OutputChanges } from './output/staging.ts';
import { buildAssets } from './output/vite-assets.ts';
import { codeVersion } from './output/code-version.ts';
import { openPageCache } from './output/page-cache.ts';
import { openPageMessages } from './output/page-messages.ts';
import { articleKey, renderKey, sharedDigests } from './render/render-key.ts';
import { renderHeadersFile } from './render/headers.ts';
import { pageRenderer, longBody } from './render/render-pool.ts';
import { inParallel } from './in-parallel.ts';
import { zonedParts } from './arabic/dates.ts';
import { availableParallelism } from 'node:os';
import { createHash, randomUUID } from 'node:crypto';
import { processImages } from './output/images.ts';
import { searchIndexParts } from './output/search-index.ts';
import { readBuildRecord, readInputs } from './output/up-to-date.ts';
import { shownOf } from './output/last-site.ts';
import { buildRecordName, pageContext, recordBuild, relatedCount, writeSearch } from './build-steps.ts';
import { rebuildEdited } from './rebuild-edited.ts';
import type { SiteSettings } from './content/settings.ts';
import { keepHeapsTight } from './heap-growth.ts';

/** The matbaa project itself: templates/ and public/ live here. */
export { projectRoot } from './project-root.ts';
import { projectRoot } from './project-root.ts';

// Pages asked of the live output and the cache at once: enough to keep the disk's queue full, few
// enough that the bodies in hand take little memory.
const filesAtOnce = 64;

/** What to build and from where. */
export interface BuildOptions {
  contentDir: string;
  outDir: string;
  /** Overrides the settings' baseUrl (e.g. a preview deployment). */
  baseUrl?: string;
  includeDrafts?: boolean;
  includeFuture?: boolean;
  /** The build's clock: what counts as published, and the news sitemap's window. */
  now?: Date;
  /** Told after each article page, for a progress line. */
  onProgress?: (done: number, total: number) => void;
  /** The build cache (rendered pages, processed images), safe to delete; default `.matbaa/cache` in the working directory. */
  cacheDir?: string;
  /** Build only shard `index` (1-based) of `count`: a deterministic share of the article pages, and in shard 1 everything else but the search index. */
  shard?: { index: number; count: number };
}

/** Pages written, by type. */
export type PageCounts = Record<'article' | 'home' | 'listing' | 'archive' | 'notFound' | 'search' | 'redirect', number>;

/** What a build did: its messages, and how many pages of each type it wrote. */
export interface BuildResult {
  messages: MessageRecord[];
  /** False when errors stopped the build before the output was swapped in. */
  written: boolean;
  pages: PageCounts;
  /** Articles held back because their date is still to come. */
  scheduled: number;
  /** How many are held back, and the first of them to be due. */
  nextRelease?: { count: number; date: string; file: string };
  /** Output files added, changed and removed since the last build. */
  changes?: OutputChanges;
  /** True when the last build still held and nothing was done. */
  upToDate?: boolean;
  /** The articles whose pages alone were made, when only their bodies changed (see rebuild-edited.ts); the rest of the site stayed as it was. */
  editedOnly?: string[];
}

/** Files in content/ that are copied to the site as they are, at the same path. */
export const contentAssetPattern = /\.(jpe?g|png|webp|avif|gif|svg|pdf)$/i;

/** Builds the site from `contentDir` into `outDir`; on any content error the previous output is left untouched. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const now = options.now ?? new Date();
  // Even a build that fails on content first restores an output an interrupted swap left aside.
  await recoverOutput(options.outDir);
  const pages: PageCounts = { article: 0, home: 0, listing: 0, archive: 0, notFound: 0, search: 0, redirect: 0 };
  const code = await codeVersion(projectRoot);
  const cacheDir = options.cacheDir ?? join(process.cwd(), '.matbaa', 'cache');
  // When the last build still holds (see output/up-to-date.ts), there is nothing to do but say again
  // what it said; when only some articles' bodies changed, only their pages are made (see
  // rebuild-edited.ts). Not for a shard, whose output is one part of a site.
  const inputs = options.shard
    ? undefined
    : readInputs(
        { code, cwd: process.cwd(), out: resolve(options.outDir), baseUrl: options.baseUrl, drafts: options.includeDrafts ?? false, future: options.includeFuture ?? false },
        [options.contentDir, join(projectRoot, 'public')],
      );
  if (inputs) {
    const record = await readBuildRecord<Omit<BuildResult, 'changes'>>(join(cacheDir, buildRecordName));
    if (record && now.getTime() < record.validUntil) {
      // Opened first: the output is locked, then found as the last build left it (or walked once).
      const staging = await openStaging(options.outDir, { expect: record.output });
      const same = staging.asExpected;
      if (same && record.inputs === inputs.signature) {
        await staging.abort();
        return { ...record.result, changes: { added: [], changed: [], removed: [] }, upToDate: true };
      }
      if (same) {
        const edited = await rebuildEdited({ options, now, code, cacheDir, inputs, record }, staging);
        if (edited) return edited;
      } else await staging.abort();
    }
  }
  // Bodies are not held: each page that renders reads its own again (see `Article.body`).
  const loaded = await loadContent(options.contentDir, { cache: { file: join(cacheDir, 'articles.json'), code }, holdBodies: false });
  keepHeapsTight(loaded.articles.length);
  const messages = [...loaded.messages];
  const failed = (): BuildResult => ({ messages: sortMessages(messages), written: false, pages, scheduled: 0 });
  if (!loaded.settings || hasErrors(messages)) return failed();

  const site: SiteSettings = options.baseUrl ? { ...loaded.settings, baseUrl: new URL(options.baseUrl).href } : loaded.settings;
  const plan = planSite(loaded.articles, site, { includeDrafts: options.includeDrafts ?? false, includeFuture: options.includeFuture ?? false, now });
  messages.push(...plan.messages);
  const articles = new Map<string, Article>(loaded.articles.map((article) => [article.sourcePath, article]));
  const listings = collectListings(plan, site);
  const listingPages = listings.flatMap((listing) => paginate(listing, site.pageSize));
  const redirects = collectRedirects(plan, articles);
  messages.push(...findClashes([...siteRoutes(plan, articles), ...listingPages, ...redirects]));
  if (hasErrors(messages)) return failed();

  const { shard } = options;
  const inShard = (summary: ArticleSummary) => !shard || shardOf(summary.sourcePath, shard.count) === shard.index - 1;
  const siteWide = !shard || shard.index === 1;
  const staging = await openStaging(options.outDir, { manifest: shard ? `.matbaa-manifest.shard-${shard.index}-of-${shard.count}.json` : undefined });
  let changes: OutputChanges;
  try {
    const assets = await buildAssets(projectRoot, staging, { cacheDir, code });
    const nowIso = now.toISOString();
    // Images before pages: every page shows its pictures' files and true sizes.
    const contentFiles = await listFiles(options.contentDir);
    const images = (await processImages(wantedImages(plan, articles, new Set(contentFiles)), { contentDir: options.contentDir, cacheDir, staging })).images;
    messages.push(...heroImageProblems(plan, articles, images));
    const searchParts = searchIndexParts(plan.articles.map((a) => a.outputPath));
    const context = pageContext(site, assets, now, searchParts, images);
    const pageMessages = await openPageMessages(cacheDir);
    const write = async (page: RenderedPage | EncodedPage, key?: string) => {
      messages.push(...page.messages);
      if (key) pageMessages.set(key, page.messages);
      await staging.write(page.path, page.html, { ...(key ? { key } : {}), ...(page.searchKey ? { searchKey: page.searchKey } : {}) });
    };
    // A live page rendered from the same input stays, and says again what rendering it said.
    const reuse = async (path: string, key: string) => {
      const said = pageMessages.get(key);
      if (!said || !(await staging.reuse(path, key))) return false;
      messages.push(...said);
      pageMessages.set(key, said);
      return true;
    };

    const related = await cachedRelated(plan, relatedCount, join(cacheDir, 'related.json'));
    const digest = sharedDigests();
    const cache = openPageCache(cacheDir);
    let done = 0;
    const mine = plan.articles.filter(inShard);
    const progress = () => options.onProgress?.(++done, mine.length);
    // In a function of its own, so the jobs' inputs are let go of before the search index is built.
    const renderPages = async () => {
      // An article page comes from the last build when its input is the same, else from the cache,
      // else it is rendered (on worker threads when there are many).
      // Pages waiting to render hold neither their input nor their body: each is made again when the
      // page's turn comes (the body read from the article's file), so an archive's worth is never held at once.
      const pageInput = (summary: ArticleSummary, article: Article): ArticlePageInput =>
        articleInput(summary, article, plan, site, { assets, now: context.now, related: related(summary), feeds: context.feeds(summary.section) }, images);
      const waiting: ({ summary: ArticleSummary; article: Article; length: number; key: string } | undefined)[] = [];
      await inParallel(mine, filesAtOnce, async (summary, index) => {
        const article = articles.get(summary.sourcePath)!;
        const key = articleKey(code, pageInput(summary, article), article.sourceHash, digest);
        pages.article++;
        const reused = await reuse(summary.outputPath, key);
        const cached = reused ? undefined : await cache.get(key);
        if (cached) await write({ path: summary.outputPath, ...cached }, key);
        else if (!reused) waiting[index] = { summary, article, length: article.bodyLength, key };
        if (reused || cached) progress();
      });
      const toRender = waiting.filter((job) => job !== undefined);
      // Listing pages go to the same workers as the articles, side by side with them: each job is sent
      // only its page's summaries and pictures.
      const listingsWaiting: { page: ListingPage; key: string }[] = [];
      if (siteWide) {
        await inParallel(listingPages, filesAtOnce, async (page, index) => {
          pages.listing++;
          const key = renderKey(code, 'listing', listingKey(page, context, digest));
          if (!(await reuse(page.outputPath, key))) listingsWaiting[index] = { page, key };
        });
      }
      const listingsToRender = listingsWaiting.filter((job) => job !== undefined);
      type Job = { article: (typeof toRender)[number] } | { listing: (typeof listingsToRender)[number] };
      const jobs: Job[] = [...toRender.map((article) => ({ article })), ...listingsToRender.map((listing) => ({ listing }))];
      const renderer = pageRenderer(jobs.length);
      try {
        await inParallel(
          jobs,
          4 * availableParallelism(),
          async (job) => {
            if ('listing' in job) {
              const { page, key } = job.listing;
              await write(await renderer.renderListing(listingInput(page, context)), key);
              return;
            }
            const { summary, article, key } = job.article;
            const page = await renderer.render({ ...pageInput(summary, article), body: article.body });
            // A page that failed is not kept: the build stops on it, and the next one tries it again.
            if (!hasErrors(page.messages)) await cache.set(key, page);
            await write(page, key);
            progress();
          },
          // A long article renders alone: with nothing else in flight beside it, not even on the workers.
          { weight: (job) => ('article' in job ? job.article.length : 1), weightLimit: longBody },
        );
      } finally {
        await renderer.close();
      }
    };
    await renderPages();
    if (hasErrors(messages)) {
      await staging.abort();
      return failed();
    }

    if (siteWide) {
      await write(renderHome(plan.articles, plan.bySection, context));
      pages.home++;
      await write(renderArchiveIndex(listings, context));
      pages.archive++;
      await write(renderNotFound(plan.articles, context));
      pages.notFound++;
      for (const redirect of redirects) {
        await write(renderRedirect(redirect, articleTitle(redirect, plan), site));
        pages.redirect++;
      }
      for (const file of [renderRedirectsFile(redirects), renderHeadersFile()]) await staging.write(file.path, file.contents);

      for (const file of renderFeeds(plan.articles, site, { now: nowIso })) await staging.write(file.path, file.contents);
      const sitemapEntries: SitemapEntry[] = [
        { url: '/', lastmod: newest(plan.articles) },
        ...plan.articles.map((a) => ({ url: a.url, lastmod: a.updated ?? a.date })),
        ...listingPages.map((page) => ({ url: page.url, lastmod: newest(page.items) })),
        { url: '/archive/', lastmod: newest(plan.articles) },
      ];
      for (const file of await renderSitemaps(sitemapEntries, plan.articles, site, { now: nowIso })) await staging.write(file.path, file.contents);

      const publicDir = join(projectRoot, 'public');
      for (const path of await listFiles(publicDir)) await staging.copy(join(publicDir, path), path);
      for (const path of contentFiles) {
        // A processed image is published as its encoded files (in _img/), not as it came.
        if (contentAssetPattern.test(path) && !isProcessed(images.get(path))) await staging.copy(join(options.contentDir, path), path);
      }
      // The search index reads the staged pages, so it comes after all of them.
    }
    // A sharded build leaves the index to `matbaa index` over the merge, and its first shard writes the search page.
    if (!shard) await writeSearch(staging, plan.articles, context, { outDir: options.outDir, code, parts: searchParts }, write);
    else if (siteWide) await write(renderSearch(plan.articles, context));
    if (siteWide) pages.search++;
    changes = await staging.commit();
    await pageMessages.save();
  } catch (error) {
    await staging.abort();
    throw error;
  }
  const [next] = plan.scheduled;
  const nextRelease = next && { count: plan.scheduled.length, date: next.date, file: articles.get(next.sourcePath)!.displayPath };
  const result = { messages: sortMessages(messages), written: true, pages, scheduled: plan.scheduled.length, ...(nextRelease ? { nextRelease } : {}) };
  if (inputs) {
    const shown = Object.fromEntries(plan.articles.map((summary) => [summary.sourcePath, shownOf(articles.get(summary.sourcePath)!)]));
    const validUntil = pagesChangeAt(plan, site, now, options.includeFuture ?? false);
    await recordBuild(cacheDir, { staging, inputs, validUntil, result, plan: { id: randomUUID(), articles: plan.articles, shown }, newPlan: true });
  }
  return { ...result, changes };
}

// Every image a published page may show: the heroes, and the pictures in bodies that are files of
// content/ (a missing one is reported where the body shows it).
function wantedImages(plan: SitePlan, articles: ReadonlyMap<string, Article>, contentFiles: ReadonlySet<string>): { contentPath: string }[] {
  const wanted = new Set<string>();
  for (const summary of plan.articles) {
    if (summary.imagePath) wanted.add(summary.imagePath);
    for (const path of articles.get(summary.sourcePath)!.images) if (contentFiles.has(path)) wanted.add(path);
  }
  return [...wanted].map((contentPath) => ({ contentPath }));
}

// A hero image that exists but cannot be read as a picture, reported at its `src` in the front matter.
function heroImageProblems(plan: SitePlan, articles: ReadonlyMap<string, Article>, images: ReadonlyMap<string, ImageEntry>): MessageRecord[] {
  return plan.articles.flatMap((summary) => {
    const entry = summary.imagePath === undefined ? undefined : images.get(summary.imagePath);
    if (!entry || isProcessed(entry)) return [];
    const article = articles.get(summary.sourcePath)!;
    const src = article.frontMatter.image?.src ?? String(summary.imagePath);
    const place = article.locateFrontMatter(['image', 'src']);
    return [{ file: article.displayPath, line: place.line, column: place.column, severity: 'error' as const, reason: unreadableImageReason(src, entry.problem), ruleId: 'invalid-image' }];
  });
}

// The first moment at which a page of this site would change with no file changed: a scheduled story
// falls due (or, with --future, one shown early enters the news sitemap), a story leaves the news
// sitemap, or the year in the footer turns (a day early, for the zones ahead of UTC). A site with no
// story at all dates its feeds by the clock, so it holds no time at all.
function pagesChangeAt(plan: SitePlan, site: SiteSettings, now: Date, includeFuture: boolean): number {
  const at = now.getTime();
  if (plan.articles.length === 0) return at;
  let until = Date.UTC(zonedParts(now, site.timeZone).year + 1, 0, 1) - 24 * 60 * 60 * 1000;
  if (!includeFuture && plan.scheduled[0]) until = Math.min(until, Date.parse(plan.scheduled[0].date));
  for (const article of plan.articles) {
    const published = Date.parse(article.date);
    if (published > at) until = Math.min(until, published);
    else if (at - published <= newsWindowMs) until = Math.min(until, published + newsWindowMs + 1);
  }
  return until;
}

function newest(articles: readonly { date: string; updated?: string }[]): string | undefined {
  let best: string | undefined;
  let bestTime = -Infinity;
  for (const a of articles) {
    const time = a.updated ?? a.date;
    const ms = Date.parse(time);
    if (best === undefined || ms > bestTime) [best, bestTime] = [time, ms];
  }
  return best;
}

// What a listing page shows, for its cache key: not the whole listing it is a page of, and what it
// shares with other pages by digest.
function listingKey(page: ListingPage, context: PageContext, digest: (value: object) => string): unknown {
  const { listing, items, ...shown } = page;
  const images = items.map((item) => {
    const entry = item.imagePath ? context.images?.[item.imagePath] : undefined;
    return entry && digest(entry);
  });
  return { kind: listing.kind, key: listing.key, segments: listing.segments, ...shown, items: items.map(digest), images, site: digest(context.site), assets: digest(context.assets), now: context.now };
}

/** The shard (0-based) an article's page belongs to: stable across builds and machines. */
export function shardOf(sourcePath: string, count: number): number {
  return createHash('sha256').update(sourcePath).digest().readUInt32BE(0) % count;
}
