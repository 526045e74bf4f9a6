// RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the whole site and for each section, built with `feed`.
// Pure: no file access and no clock; the build's time comes in as an option.
import { Feed, type Category, type FeedOptions, type Item } from 'feed';
import type { SiteSettings } from '../content/settings.ts';
import type { ArticleSummary } from '../site/plan.ts';
import { absoluteUrl, sectionUrl } from './views.ts';

/** A feed file, its path relative to the output root. */
export interface FeedFile {
  path: string;
  contents: string;
}

/** What a feed needs beyond the articles and the settings. */
export interface RenderFeedsOptions {
  /** The build's time, ISO 8601: a feed's `updated` only when the site has no article at all. */
  now: string;
  /** The article's body as HTML, for `feeds.fullContent`; its URLs must be absolute, as feed readers have no base URL. */
  bodyHtml?: (article: ArticleSummary) => string;
}

/** A feed for a page's head: `<link rel="alternate" type href title>`. */
export interface FeedLink {
  rel: 'alternate';
  type: string;
  /** Root-relative. */
  href: string;
  title: string;
}

type FeedFormat = 'rss' | 'atom' | 'json';

const feedFormats: readonly FeedFormat[] = ['rss', 'atom', 'json'];

const formatFiles: Record<FeedFormat, { file: string; type: string; label: string }> = {
  rss: { file: 'feed.xml', type: 'application/rss+xml', label: 'RSS' },
  atom: { file: 'atom.xml', type: 'application/atom+xml', label: 'Atom' },
  json: { file: 'feed.json', type: 'application/feed+json', label: 'JSON Feed' },
};

/** The site, or one section: where its feeds live and what they are called. */
interface FeedScope {
  /** Root-relative URL of the page the feed follows, also its feeds' folder: `/` or `/middle-east/`. */
  pageUrl: string;
  title: string;
  articles: readonly ArticleSummary[];
}

/** RSS 2.0, Atom and JSON Feed for the whole site and for each section, newest `feeds.limit` articles each. */
export function renderFeeds(
  articles: readonly ArticleSummary[],
  site: SiteSettings,
  options: RenderFeedsOptions,
): FeedFile[] {
  const { bodyHtml } = options;
  if (site.feeds.fullContent && !bodyHtml) {
    throw new Error('Missing `options.bodyHtml` while `feeds.fullContent` is on, expected a function giving each article’s body HTML');
  }
  const bodies = new Map<ArticleSummary, string>();
  const content = (article: ArticleSummary): string | undefined => {
    if (!site.feeds.fullContent || !bodyHtml) return undefined;
    let body = bodies.get(article);
    if (body === undefined) {
      body = bodyHtml(article);
      bodies.set(article, body);
    }
    return body;
  };

  // A feed's `updated` is the newest change among its items, never the build's clock, so an unchanged
  // site gives byte-identical feeds (no needless re-fetching, no noise in deploy diffs). An empty section
  // falls back to the site's newest change, and only a site with no article at all to `now`.
  const siteUpdated = newestChange(articles) ?? options.now;
  const files: FeedFile[] = [];
  for (const scope of feedScopes(articles, site)) {
    const items = scope.articles.slice(0, site.feeds.limit);
    const updated = newestChange(items) ?? siteUpdated;
    for (const format of feedFormats) {
      files.push({
        path: `${scope.pageUrl.slice(1)}${formatFiles[format].file}`,
        contents: renderFeed(format, scope, items, updated, site, content),
      });
    }
  }
  return files;
}

/** The feeds a page should link from its head: the site's, then the section's when given. */
export function feedLinks(site: SiteSettings, section?: string): FeedLink[] {
  const scopes = [{ pageUrl: '/', title: site.name }];
  if (section !== undefined) scopes.push({ pageUrl: sectionUrl(section), title: sectionFeedTitle(section, site) });
  return scopes.flatMap((scope) =>
    feedFormats.map((format) => ({
      rel: 'alternate' as const,
      type: formatFiles[format].type,
      href: `${scope.pageUrl}${formatFiles[format].file}`,
      title: `${scope.title} (${formatFiles[format].label})`,
    })),
  );
}

function feedScopes(articles: readonly ArticleSummary[], site: SiteSettings): FeedScope[] {
  return [
    { pageUrl: '/', title: site.name, articles },
    ...Object.keys(site.sections).map((section) => ({
      pageUrl: sectionUrl(section),
      title: sectionFeedTitle(section, site),
      articles: articles.filter((article) => article.section === section),
    })),
  ];
}

function sectionFeedTitle(section: string, site: SiteSettings): string {
  const label = site.sections[section];
  if (label === undefined) throw new Error(`Unknown section \`${section}\`, expected one of the keys of \`sections\` in the site settings`);
  return `${label} | ${site.name}`;
}

function renderFeed(
  format: FeedFormat,
  scope: FeedScope,
  items: readonly ArticleSummary[],
  updated: string,
  site: SiteSettings,
  content: (article: ArticleSummary) => string | undefined,
): string {
  const pageUrl = absoluteUrl(scope.pageUrl, site);
  const feedUrl = (which: FeedFormat) => absoluteUrl(`${scope.pageUrl}${formatFiles[which].file}`, site);
  const feedOptions: FeedOptions = {
    id: pageUrl,
    title: scope.title,
    description: site.description || scope.title,
    link: pageUrl,
    language: site.language,
    updated: new Date(updated),
    generator: 'matbaa',
    // Each format takes its own self link from here: RSS `atom:link`, Atom `link rel=self`, JSON `feed_url`.
    feedLinks: { rss: feedUrl('rss'), atom: feedUrl('atom'), json: feedUrl('json') },
  };
  const feed = new Feed(feedOptions);
  for (const article of items) feed.addItem(feedItem(article, format, site, content(article)));

  switch (format) {
    case 'rss':
      return feed.rss2();
    case 'atom':
      return withAtomLanguage(feed.atom1(), site.language);
    case 'json':
      return toJsonFeed11(feed.json1(), items, site.language);
    default:
      throw new Error(`Unknown feed format \`${String(format)}\`, expected rss, atom or json`);
  }
}

function feedItem(article: ArticleSummary, format: FeedFormat, site: SiteSettings, content: string | undefined): Item {
  const url = absoluteUrl(article.url, site);
  const names = [...new Set([site.sections[article.section] ?? article.section, ...article.tags])];
  return {
    // Atom entry titles are `type="html"` in `feed`; RSS and JSON titles are plain text.
    title: format === 'atom' ? escapeHtml(article.title) : article.title,
    // Without an id, RSS gets `<guid isPermaLink="true">` with the link; Atom and JSON need one.
    id: format === 'rss' ? undefined : url,
    link: url,
    date: new Date(article.updated ?? article.date),
    published: new Date(article.date),
    // The standfirst is plain text, and every format carries this field as HTML.
    description: article.subtitle === undefined ? undefined : escapeHtml(article.subtitle),
    content: content === undefined ? undefined : guardCdata(content),
    author: article.authors.length > 0 ? article.authors.map((name) => ({ name })) : undefined,
    // Atom categories are attributes: `feed` escapes `&` and xml-js `"`, but nothing escapes `<`, which an
    // attribute may not hold, so such names stay out of Atom (RSS and JSON keep them).
    category: names.filter((name) => format !== 'atom' || !name.includes('<')).map((name): Category => ({ name, term: name })),
  };
}

// xml-js splits only the first `]]>` of a CDATA section; in HTML text `]]&gt;` means the same.
function guardCdata(html: string): string {
  return html.replaceAll(']]>', ']]&gt;');
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

const atomRoot = '<feed xmlns="http://www.w3.org/2005/Atom">';

// `feed` has no option for the Atom root's attributes, so `xml:lang` goes onto the one root tag it writes.
function withAtomLanguage(xml: string, language: string): string {
  if (!xml.includes(atomRoot)) throw new Error(`Unexpected Atom root from \`feed\`, expected \`${atomRoot}\` to add \`xml:lang\` to`);
  return xml.replace(atomRoot, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${language}">`);
}

/** The JSON Feed 1 that `feed` writes, as far as this module reads it. */
interface JsonFeedVersion1 {
  version: string;
  items: Array<{ content_html?: string } & Record<string, unknown>>;
}

// `feed` writes JSON Feed 1; 1.1 adds `language` and `authors` (keeping `author` for 1.0 readers) and
// wants `summary` as plain text, where `feed` reuses the HTML description.
function toJsonFeed11(json: string, items: readonly ArticleSummary[], language: string): string {
  const { items: feedItems, ...feed } = JSON.parse(json) as JsonFeedVersion1;
  if (feedItems.length !== items.length) throw new Error('Unexpected JSON Feed from `feed`, expected one item per article');
  return JSON.stringify(
    {
      ...feed,
      version: 'https://jsonfeed.org/version/1.1',
      language,
      items: feedItems.map((item, index) => {
        const article = items[index]!;
        return {
          ...item,
          ...(article.subtitle === undefined ? {} : { summary: article.subtitle }),
          // JSON Feed requires `content_html` or `content_text`; without a body or a standfirst there is nothing else.
          ...(item.content_html === undefined ? { content_text: '' } : {}),
          ...(article.authors.length > 0 ? { authors: article.authors.map((name) => ({ name })) } : {}),
        };
      }),
    },
    null,
    2,
  );
}

/** The newest `updated ?? date` among the articles, as its ISO string. */
function newestChange(articles: readonly ArticleSummary[]): string | undefined {
  let newest: string | undefined;
  for (const article of articles) {
    const changed = article.updated ?? article.date;
    if (newest === undefined || Date.parse(changed) > Date.parse(newest)) newest = changed;
  }
  return newest;
}
