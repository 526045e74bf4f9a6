// The build, read top to bottom: load → validate → plan → render → write.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadContent, type Article } from './content/load-content.ts';
import { hasErrors, sortMessages, type MessageRecord } from './messages.ts';
import { findContentLinks } from './markdown/content-links.ts';
import { findContentImages, isProcessed, unreadableImageReason, type ImageEntry } from './markdown/content-images.ts';
import { moreFromSection, planSite, type SitePlan } from './site/plan.ts';
import { collectListings, paginate, relatedFinder } from './site/collections.ts';
import { aliasRoute, findClashes, type Redirect, type Route } from './site/routes.ts';
import { renderArticle, type ArticleRenderInput, type RenderedPage } from './render/render-article.ts';
import { renderArchiveIndex, renderHome, renderListingPage, renderNotFound, renderRedirect, renderRedirectsFile, type PageContext } from './render/render-listing.ts';
import { feedLinks, renderFeeds } from './render/feeds.ts';
import { renderSitemaps, type SitemapEntry } from './render/sitemaps.ts';
import { renderSearch } from './render/render-search.ts';
import { listFiles, openStaging } from './output/staging.ts';
import { buildAssets } from './output/vite-assets.ts';
import { processImages } from './output/images.ts';
import { writeSearchIndex } from './output/search-index.ts';
import type { SiteSettings } from './content/settings.ts';
import { recordFrontMatterPlaces } from './lint/front-matter-places.ts';

/** The matbaa project itself: templates/ and public/ live here. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

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
  /** The build cache (processed images), safe to delete; default `.matbaa/cache` in the working directory. */
  cacheDir?: string;
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
}

/** Files in content/ that are copied to the site as they are, at the same path. */
export const contentAssetPattern = /\.(jpe?g|png|webp|avif|gif|svg|pdf)$/i;

/** Builds the site from `contentDir` into `outDir`; on any content error the previous output is left untouched. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const now = options.now ?? new Date();
  const pages: PageCounts = { article: 0, home: 0, listing: 0, archive: 0, notFound: 0, search: 0, redirect: 0 };
  const loaded = await loadContent(options.contentDir);
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

  const staging = await openStaging(options.outDir);
  try {
    const assets = await buildAssets(projectRoot, staging);
    const nowIso = now.toISOString();
    // Images before pages: every page shows its pictures' files and true sizes.
    const contentFiles = await listFiles(options.contentDir);
    const cacheDir = options.cacheDir ?? join(process.cwd(), '.matbaa', 'cache');
    const images = (await processImages(wantedImages(plan, articles, new Set(contentFiles)), { contentDir: options.contentDir, cacheDir, staging })).images;
    messages.push(...heroImageProblems(plan, articles, images));
    const context: PageContext = { site, assets, now: nowIso, feeds: (section) => feedLinks(site, section), images: Object.fromEntries(images) };
    const write = async (page: RenderedPage) => {
      messages.push(...page.messages);
      await staging.write(page.path, page.html);
    };

    const related = relatedFinder(plan);
    for (const summary of plan.articles) {
      await write(renderArticle(articleInput(summary, articles.get(summary.sourcePath)!, plan, site, { assets, now: nowIso, related: related(summary, 4), feeds: context.feeds(summary.section) }, images)));
      pages.article++;
      options.onProgress?.(pages.article, plan.articles.length);
    }
    if (hasErrors(messages)) {
      await staging.abort();
      return failed();
    }

    await write(renderHome(plan.articles, plan.bySection, context));
    pages.home++;
    for (const page of listingPages) {
      await write(renderListingPage(page, context));
      pages.listing++;
    }
    await write(renderArchiveIndex(listings, context));
    pages.archive++;
    await write(renderNotFound(plan.articles, context));
    pages.notFound++;
    await write(renderSearch(plan.articles, context));
    pages.search++;
    for (const redirect of redirects) {
      await write(renderRedirect(redirect, articleTitle(redirect, plan), site));
      pages.redirect++;
    }
    const redirectsFile = renderRedirectsFile(redirects);
    await staging.write(redirectsFile.path, redirectsFile.contents);

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
    await writeSearchIndex(staging, site.language);
    await staging.commit();
  } catch (error) {
    await staging.abort();
    throw error;
  }
  const [next] = plan.scheduled;
  const nextRelease = next && { count: plan.scheduled.length, date: next.date, file: articles.get(next.sourcePath)!.displayPath };
  return { messages: sortMessages(messages), written: true, pages, scheduled: plan.scheduled.length, nextRelease };
}

/** The plain-data input of one article page: its body, the URLs it links to, and the summaries it shows. */
export function articleInput(
  summary: SitePlan['articles'][number],
  article: Article,
  plan: SitePlan,
  site: SiteSettings,
  extra: Pick<ArticleRenderInput, 'assets' | 'now' | 'related' | 'feeds'>,
  /** Every processed image of the site; the page gets the ones it shows. Absent, pictures show from their originals. */
  images?: ReadonlyMap<string, ImageEntry>,
): ArticleRenderInput {
  const links: Record<string, string> = {};
  for (const target of findContentLinks(article.body, summary.sourcePath)) {
    const url = plan.urlBySource.get(target);
    if (url) links[target] = url;
  }
  const more = moreFromSection(plan, summary, site.moreFromSection);
  return {
    article: summary,
    displayPath: article.displayPath,
    body: article.body,
    links,
    more,
    site,
    lint: { frontMatter: article.frontMatter, places: recordFrontMatterPlaces(article.locateFrontMatter), rules: site.lint },
    ...extra,
    ...(images ? { images: pageImages([...[summary, ...extra.related, ...more].map((s) => s.imagePath), ...findContentImages(article.body, summary.sourcePath)], images) } : {}),
  };
}

// Only the images one page shows, so its input (and a cache key made from it) stays small: its hero,
// its body's pictures, and the thumbnails of the stories it lists.
function pageImages(paths: readonly (string | undefined)[], images: ReadonlyMap<string, ImageEntry>): Record<string, ImageEntry> {
  const shown: Record<string, ImageEntry> = {};
  for (const path of paths) {
    const entry = path === undefined ? undefined : images.get(path);
    if (path !== undefined && entry) shown[path] = entry;
  }
  return shown;
}

// Every image a published page may show: the heroes, and the pictures in bodies that are files of
// content/ (a missing one is reported where the body shows it).
function wantedImages(plan: SitePlan, articles: ReadonlyMap<string, Article>, contentFiles: ReadonlySet<string>): { contentPath: string }[] {
  const wanted = new Set<string>();
  for (const summary of plan.articles) {
    if (summary.imagePath) wanted.add(summary.imagePath);
    for (const path of findContentImages(articles.get(summary.sourcePath)!.body, summary.sourcePath)) if (contentFiles.has(path)) wanted.add(path);
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

/** The fixed pages and the articles, for the URL clash check. */
export function siteRoutes(plan: SitePlan, articles: ReadonlyMap<string, Article>): Route[] {
  return [
    { url: '/', outputPath: 'index.html' },
    { url: '/archive/', outputPath: 'archive/index.html' },
    { url: '/404.html', outputPath: '404.html' },
    { url: '/search/', outputPath: 'search/index.html' },
    ...plan.articles.map((a) => ({ url: a.url, outputPath: a.outputPath, file: articles.get(a.sourcePath)!.displayPath })),
  ];
}

/** The redirect pages of every article's `aliases`. */
export function collectRedirects(plan: SitePlan, articles: ReadonlyMap<string, Article>): Redirect[] {
  return plan.articles.flatMap((summary) => {
    const article = articles.get(summary.sourcePath)!;
    return (article.frontMatter.aliases ?? []).map((alias, index) =>
      aliasRoute(alias, summary.url, article.displayPath, article.locateFrontMatter(['aliases', index])),
    );
  });
}

/** The title of the article a redirect leads to, for its page. */
export function articleTitle(redirect: Redirect, plan: SitePlan): string {
  return plan.articles.find((a) => a.url === redirect.to)?.title ?? redirect.to;
}

function newest(articles: readonly { date: string; updated?: string }[]): string | undefined {
  let best: string | undefined;
  for (const a of articles) {
    const time = a.updated ?? a.date;
    if (!best || Date.parse(time) > Date.parse(best)) best = time;
  }
  return best;
}
