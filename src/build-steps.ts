// What a whole build (build.ts) and a build of a few edited articles (rebuild-edited.ts) do alike:
// the context pages are made in, the search index with its page, and the records the next build starts from.
import { join } from 'node:path';
import type { SiteSettings } from './content/settings.ts';
import type { ImageEntry } from './markdown/content-images.ts';
import { zonedParts } from './arabic/dates.ts';
import type { AssetUrls } from './render/assets.ts';
import { feedLinks } from './render/feeds.ts';
import type { PageContext } from './render/render-listing.ts';
import { renderSearch } from './render/render-search.ts';
import type { RenderedPage } from './render/render-article.ts';
import { prepareSearchIndex, searchIndexParts } from './output/search-index.ts';
import { partIndexer } from './output/search-index-pool.ts';
import type { Staging } from './output/staging.ts';
import { writeBuildRecord, type Inputs } from './output/up-to-date.ts';
import { writeSiteRecord, type PlanRecord } from './output/last-site.ts';
import type { ArticleSummary } from './site/plan.ts';

/** Stories under "related" on an article page. */
export const relatedCount = 4;

/** The build record (see output/up-to-date.ts), in the build cache beside the site record (see output/last-site.ts). */
export const buildRecordName = 'last-build.json';

/** What every page is made with besides its own data. */
export function pageContext(site: SiteSettings, assets: AssetUrls, now: Date, searchParts: ReturnType<typeof searchIndexParts>, images: ReadonlyMap<string, ImageEntry>): PageContext {
  return {
    site,
    assets,
    // Pages show only the build's year (in the footer): keyed on that, they stay cached all year.
    now: `${zonedParts(now, site.timeZone).year}-07-01T00:00:00Z`,
    searchIndexes: searchParts.slice(1).map((part) => `/${part.folder}/`),
    feeds: (section) => feedLinks(site, section),
    images: Object.fromEntries(images),
  };
}

/**
 * Indexes the staged article pages for search and writes the search page, which names the index's
 * recent part, so it comes after every article page is staged. A big archive is indexed in parts of
 * about a thousand stories, each keyed on its pages' bytes; a part where few stories changed stays as
 * it was, and those go to a small recent part (see output/search-plan.ts). The parts are built side by
 * side, each in a Pagefind service of its own.
 */
export async function writeSearch(
  staging: Staging,
  articles: readonly ArticleSummary[],
  context: PageContext,
  options: { outDir: string; code: string; parts: ReturnType<typeof searchIndexParts> },
  write: (page: RenderedPage) => Promise<void>,
): Promise<void> {
  const search = await prepareSearchIndex(staging, { outDir: options.outDir, language: context.site.language, code: options.code, parts: options.parts });
  await write(renderSearch(articles, { ...context, searchRecent: search.recent }));
  await search.write(partIndexer);
}

/** What the next build starts from: the output just committed, what it was made from (its plan new, or kept from the last build), and what the build said. */
export async function recordBuild<Result>(
  cacheDir: string,
  build: { staging: Staging; inputs: Inputs; validUntil: number; result: Result; plan: PlanRecord; newPlan: boolean },
): Promise<void> {
  const output = await build.staging.committedState();
  // Both name the output they go with (by its manifest), so a record left from another build is never taken for this one's.
  await writeSiteRecord(cacheDir, { output: output.manifest, settings: build.inputs.settings, files: Object.fromEntries(build.inputs.files), plan: build.plan }, { newPlan: build.newPlan });
  await writeBuildRecord(join(cacheDir, buildRecordName), { inputs: build.inputs.signature, output, validUntil: build.validUntil, result: build.result });
}
