// The sitemap index, its sitemaps, the Google News sitemap and robots.txt, written with `sitemap`'s streams.
// Pure: no file access and no clock; it is async only because those streams are.
import { ErrorLevel, SitemapIndexStream, SitemapStream, streamToPromise, type IndexItem, type SitemapItemLoose } from 'sitemap';
import type { SiteSettings } from '../content/settings.ts';
import type { ArticleSummary } from '../site/plan.ts';
import { absoluteUrl } from './views.ts';

/** A page for the sitemap. */
export interface SitemapEntry {
  /** Root-relative, percent-encoded. */
  url: string;
  /** ISO 8601. */
  lastmod?: string;
}

/** A sitemap or robots file, its path relative to the output root. */
export interface SitemapFile {
  path: string;
  contents: string;
}

/** The clock and the limits of the sitemaps. */
export interface RenderSitemapsOptions {
  /** The build's time, ISO 8601: the end of the news sitemap's 48-hour window. */
  now: string;
  /** URLs per sitemap file; at most, and by default, the protocol's 50,000. */
  maxUrlsPerSitemap?: number;
  /** Bytes per uncompressed sitemap file; at most, and by default, the protocol's 50 MiB. */
  maxBytesPerSitemap?: number;
}

const protocolMaxUrls = 50_000;
const protocolMaxBytes = 52_428_800;
/** Google reads at most 1,000 `<news:news>` entries from one news sitemap. */
const newsMaxUrls = 1_000;
/** How long a story stays in the news sitemap after it is published. */
export const newsWindowMs = 48 * 60 * 60 * 1000;

const indexPath = 'sitemap-index.xml';
const newsPath = 'news-sitemap.xml';

/**
 * The sitemap index, `sitemaps/sitemap-N.xml`, the news sitemap (articles of the last 48 hours, the newest
 * 1,000) and a robots.txt naming both; robots.txt only counts at the host's root, so a `baseUrl` with a
 * path needs its own at the root.
 */
export async function renderSitemaps(
  entries: readonly SitemapEntry[],
  newsArticles: readonly ArticleSummary[],
  site: SiteSettings,
  options: RenderSitemapsOptions,
): Promise<SitemapFile[]> {
  const maxUrls = limit('maxUrlsPerSitemap', options.maxUrlsPerSitemap, protocolMaxUrls);
  const maxBytes = limit('maxBytesPerSitemap', options.maxBytesPerSitemap, protocolMaxBytes);

  const pages = entries.map((entry) => urlItem(entry.url, entry.lastmod, site));
  const sitemaps: SitemapFile[] = [];
  const index: IndexItem[] = [];
  for (const [number, urlset] of (await splitUrlsets(pages, maxUrls, maxBytes)).entries()) {
    const path = `sitemaps/sitemap-${number + 1}.xml`;
    sitemaps.push({ path, contents: urlset.xml });
    index.push(indexItem(path, urlset.items, site));
  }

  const news = recentNews(newsArticles, Date.parse(options.now)).map((article) => ({
    ...urlItem(article.url, article.updated ?? article.date, site),
    news: {
      publication: { name: site.name, language: newsLanguage(site.language) },
      publication_date: article.date,
      title: article.title,
    },
  }));
  index.push(indexItem(newsPath, news, site));

  return [
    { path: indexPath, contents: await renderIndex(index) },
    ...sitemaps,
    { path: newsPath, contents: await renderUrlset(news, true) },
    { path: 'robots.txt', contents: robotsTxt(site) },
  ];
}

function limit(name: string, value: number | undefined, protocolMax: number): number {
  if (value === undefined) return protocolMax;
  if (!Number.isInteger(value) || value < 1 || value > protocolMax) {
    throw new RangeError(`Unexpected \`${name}\` ${value}, expected a whole number from 1 to ${protocolMax}`);
  }
  return value;
}

function urlItem(url: string, lastmod: string | undefined, site: SiteSettings): SitemapItemLoose {
  // The streams validate inside `_transform`, where a throw escapes every caller: check dates first.
  if (lastmod !== undefined && Number.isNaN(Date.parse(lastmod))) {
    throw new Error(`Unexpected lastmod \`${lastmod}\` for \`${url}\`, expected an ISO 8601 date`);
  }
  return { url: absoluteUrl(url, site), lastmod };
}

/** Articles published in the 48 hours up to `now` (none from the future), the newest first, at most 1,000. */
function recentNews(articles: readonly ArticleSummary[], now: number): ArticleSummary[] {
  return articles
    .filter((article) => {
      const published = Date.parse(article.date);
      return published <= now && now - published <= newsWindowMs;
    })
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
    .slice(0, newsMaxUrls);
}

/** Google News wants an ISO 639 code: the language tag's primary subtag. */
function newsLanguage(language: string): string {
  return language.split('-')[0]!.toLowerCase();
}

interface Urlset {
  items: readonly SitemapItemLoose[];
  xml: string;
}

/** Splits at `maxUrls` URLs, then halves any file still over `maxBytes`. */
async function splitUrlsets(items: readonly SitemapItemLoose[], maxUrls: number, maxBytes: number): Promise<Urlset[]> {
  const urlsets: Urlset[] = [];
  for (let start = 0; start < items.length; start += maxUrls) {
    urlsets.push(...(await withinBytes(items.slice(start, start + maxUrls), maxBytes)));
  }
  return urlsets;
}

async function withinBytes(items: readonly SitemapItemLoose[], maxBytes: number): Promise<Urlset[]> {
  const xml = await renderUrlset(items, false);
  if (Buffer.byteLength(xml, 'utf8') <= maxBytes) return [{ items, xml }];
  if (items.length === 1) {
    throw new Error(`Sitemap entry \`${items[0]!.url}\` alone makes a file over ${maxBytes} bytes, expected a shorter URL or a larger \`maxBytesPerSitemap\``);
  }
  const half = Math.ceil(items.length / 2);
  return [...(await withinBytes(items.slice(0, half), maxBytes)), ...(await withinBytes(items.slice(half), maxBytes))];
}

async function renderUrlset(items: readonly SitemapItemLoose[], news: boolean): Promise<string> {
  // `SitemapStream` refuses to end without a URL; a quiet news day still needs the file it names.
  if (items.length === 0) {
    return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${
      news ? ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' : ''
    }></urlset>`;
  }
  const stream = new SitemapStream({
    level: ErrorLevel.THROW,
    xmlns: { news, xhtml: false, image: false, video: false },
  });
  return collect(stream, items);
}

async function renderIndex(items: readonly IndexItem[]): Promise<string> {
  return collect(new SitemapIndexStream({ level: ErrorLevel.THROW }), items);
}

async function collect(stream: SitemapStream | SitemapIndexStream, items: readonly (SitemapItemLoose | IndexItem)[]): Promise<string> {
  const done = streamToPromise(stream);
  for (const item of items) stream.write(item);
  stream.end();
  return (await done).toString('utf8');
}

/** An index entry, its lastmod the newest inside the file. */
function indexItem(path: string, items: readonly SitemapItemLoose[], site: SiteSettings): IndexItem {
  let lastmod: string | undefined;
  for (const item of items) {
    if (item.lastmod !== undefined && (lastmod === undefined || Date.parse(item.lastmod) > Date.parse(lastmod))) lastmod = item.lastmod;
  }
  return { url: absoluteUrl(`/${path}`, site), ...(lastmod === undefined ? {} : { lastmod }) };
}

function robotsTxt(site: SiteSettings): string {
  return [
    'User-agent: *',
    'Allow: /',
    '',
    `Sitemap: ${absoluteUrl(`/${indexPath}`, site)}`,
    `Sitemap: ${absoluteUrl(`/${newsPath}`, site)}`,
    '',
  ].join('\n');
}
