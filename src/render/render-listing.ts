// The pages made from article summaries alone: home, listings, the archive, 404 and redirects.
import { archivePage } from '../../templates/archive.tsx';
import { homePage } from '../../templates/home.tsx';
import { listingPage } from '../../templates/listing.tsx';
import { notFoundPage } from '../../templates/not-found.tsx';
import type { HeadLink, Pagination } from '../../templates/props.ts';
import { redirectPage } from '../../templates/redirect.tsx';
import type { SiteSettings } from '../content/settings.ts';
import type { Listing, ListingPage } from '../site/collections.ts';
import { urlOf } from '../site/collections.ts';
import type { Redirect } from '../site/routes.ts';
import type { ArticleSummary } from '../site/plan.ts';
import { monthName, yearMonthLabel } from '../arabic/dates.ts';
import { formatInteger } from '../arabic/digits.ts';
import type { AssetUrls } from './assets.ts';
import type { ImageEntry } from '../markdown/content-images.ts';
import type { RenderedPage } from './render-article.ts';
import { serialisePage } from './serialise.ts';
import { uiStrings } from './strings.ts';
import { absoluteUrl, dateStyle, layoutView, logoImage, sectionUrl, teaserView } from './views.ts';

/** What every listing-type page needs besides its own data. */
export interface PageContext {
  site: SiteSettings;
  assets: AssetUrls;
  now: string;
  /** Feeds to link from the head; a section page adds its own. */
  feeds: (section?: string) => HeadLink[];
  /** The processed hero images, by content path, for the teasers' thumbnails; absent, the originals. */
  images?: Readonly<Record<string, ImageEntry>>;
  /** URLs of the search index's further parts, merged into /pagefind/ by the search page. */
  searchIndexes?: string[];
  /** The recent part of the search index, searched beside the others, and the pages whose hits it replaces. */
  searchRecent?: { index?: string; superseded: string[] };
}

/** The home page: the lead story, the latest, then the newest few of each section. */
export function renderHome(articles: readonly ArticleSummary[], bySection: ReadonlyMap<string, readonly ArticleSummary[]>, context: PageContext): RenderedPage {
  const { site } = context;
  const strings = uiStrings(site.language);
  const [lead, ...rest] = articles;
  const layout = layoutView(
    {
      title: site.name,
      description: site.description || site.name,
      url: '/',
      links: context.feeds(),
      jsonLd: [
        { '@context': 'https://schema.org', '@type': 'WebSite', name: site.name, url: site.baseUrl, inLanguage: site.language, potentialAction: { '@type': 'SearchAction', target: `${absoluteUrl('/search/', site)}?q={query}`, 'query-input': 'required name=query' } },
        { '@context': 'https://schema.org', '@type': 'Organization', name: site.name, url: site.baseUrl, logo: absoluteUrl(logoImage, site) },
      ],
    },
    site,
    context.assets,
    context.now,
  );
  const view = {
    heading: site.name,
    lead: lead ? teaserView(lead, site, context.images) : undefined,
    latestHeading: strings.latest,
    latest: rest.slice(0, 8).map((article) => teaserView(article, site, context.images)),
    sections: [...bySection]
      .filter(([, list]) => list.length > 0)
      .map(([section, list]) => ({ heading: site.sections[section] ?? section, href: sectionUrl(section), items: list.slice(0, 4).map((a) => teaserView(a, site, context.images)) })),
  };
  return { path: 'index.html', html: serialisePage(homePage(layout, view)), messages: [] };
}

/**
 * Everything one listing page is rendered from, as plain data a worker thread can take: the page with
 * its listing's own article list left out, the pictures its teasers show, and its head's feed links.
 */
export interface ListingRenderInput {
  page: ListingPage;
  site: SiteSettings;
  assets: AssetUrls;
  now: string;
  feeds: HeadLink[];
  images: Record<string, ImageEntry>;
}

/** The plain-data input of one listing page. */
export function listingInput(page: ListingPage, context: PageContext): ListingRenderInput {
  const images: Record<string, ImageEntry> = {};
  for (const item of page.items) {
    const entry = item.imagePath === undefined ? undefined : context.images?.[item.imagePath];
    if (entry) images[item.imagePath!] = entry;
  }
  return {
    page: { ...page, listing: { ...page.listing, articles: [] } },
    site: context.site,
    assets: context.assets,
    now: context.now,
    feeds: context.feeds(page.listing.kind === 'section' ? page.listing.key : undefined),
    images,
  };
}

/** Renders one listing page from its plain-data input (on a worker thread, or here). */
export function renderListing(input: ListingRenderInput): RenderedPage {
  const { page, feeds, ...context } = input;
  return renderListingPage(page, { ...context, feeds: () => feeds });
}

/** One page of a section, tag, author or archive listing. */
export function renderListingPage(page: ListingPage, context: PageContext): RenderedPage {
  const { site } = context;
  const strings = uiStrings(site.language);
  const heading = listingHeading(page.listing, site);
  const number = formatInteger(page.number, site.dates.digits);
  const title = page.number > 1 ? `${heading} - ${strings.pagination} ${number}` : heading;
  const previous = page.number > 1 ? page.pageUrls[page.number - 2] : undefined;
  const next = page.number < page.count ? page.pageUrls[page.number] : undefined;
  const links: HeadLink[] = [
    ...context.feeds(page.listing.kind === 'section' ? page.listing.key : undefined),
    ...(previous ? [{ rel: 'prev', href: previous }] : []),
    ...(next ? [{ rel: 'next', href: next }] : []),
  ];
  const pagination: Pagination | undefined =
    page.count > 1
      ? {
          previous,
          next,
          pages: page.pageUrls.map((href, i) => ({ href, label: formatInteger(i + 1, site.dates.digits), current: i + 1 === page.number })),
        }
      : undefined;
  const layout = layoutView(
    {
      title,
      description: `${heading} | ${site.name}`,
      url: page.url,
      links,
      section: page.listing.kind === 'section' ? page.listing.key : undefined,
      jsonLd: [{ '@context': 'https://schema.org', '@type': 'CollectionPage', name: heading, url: absoluteUrl(page.url, site), inLanguage: site.language }],
    },
    site,
    context.assets,
    context.now,
  );
  const listing = { heading: title, headingHidden: false, items: page.items.map((article) => teaserView(article, site, context.images)), pagination };
  return { path: page.outputPath, html: serialisePage(listingPage(layout, listing)), messages: [] };
}

/** The archive's front page: years and their months, newest first. */
export function renderArchiveIndex(listings: readonly Listing[], context: PageContext): RenderedPage {
  const { site } = context;
  const strings = uiStrings(site.language);
  const months = listings.filter((l) => l.kind === 'month');
  const years = listings
    .filter((l) => l.kind === 'year')
    .sort((a, b) => Number(b.key) - Number(a.key))
    .map((year) => ({
      year: { href: urlOf(year.segments), label: formatInteger(Number(year.key), site.dates.digits) },
      months: months
        .filter((m) => m.key.startsWith(`${year.key}-`))
        .sort((a, b) => (a.key < b.key ? 1 : -1))
        .map((m) => ({ href: urlOf(m.segments), label: monthName(Number(m.key.slice(5)), site.dates.months) })),
    }));
  const layout = layoutView({ title: strings.archive, description: `${strings.archive} | ${site.name}`, url: '/archive/', links: context.feeds() }, site, context.assets, context.now);
  return { path: 'archive/index.html', html: serialisePage(archivePage(layout, { heading: strings.archive, years })), messages: [] };
}

/** The 404 page, served by CDNs for any unknown address. */
export function renderNotFound(latest: readonly ArticleSummary[], context: PageContext): RenderedPage {
  const { site } = context;
  const strings = uiStrings(site.language);
  const layout = layoutView(
    { title: strings.notFoundTitle, description: strings.notFoundTitle, url: '/404.html', robots: 'noindex', links: context.feeds() },
    site,
    context.assets,
    context.now,
  );
  const view = { heading: strings.notFoundTitle, text: strings.notFoundText, latest: latest.slice(0, 6).map((a) => teaserView(a, site, context.images)) };
  return { path: '404.html', html: serialisePage(notFoundPage(layout, view)), messages: [] };
}

/** The page at an article's old address, sending readers and crawlers on to the new one. */
export function renderRedirect(redirect: Redirect, title: string, site: SiteSettings): RenderedPage {
  const strings = uiStrings(site.language);
  const target = absoluteUrl(redirect.to, site);
  return { path: redirect.outputPath, html: serialisePage(redirectPage({ lang: site.language, dir: site.direction, title, target, text: strings.redirecting })), messages: [] };
}

/** The `_redirects` file Netlify and Cloudflare Pages read: one permanent redirect a line. */
export function renderRedirectsFile(redirects: readonly Redirect[]): { path: string; contents: string } {
  return { path: '_redirects', contents: redirects.map((r) => `${r.url} ${r.to} 301\n`).join('') };
}

function listingHeading(listing: Listing, site: SiteSettings): string {
  const strings = uiStrings(site.language);
  switch (listing.kind) {
    case 'section':
      return site.sections[listing.key] ?? listing.key;
    case 'tag':
    case 'author':
      return listing.key;
    case 'year':
      return `${strings.archive} ${formatInteger(Number(listing.key), site.dates.digits)}`;
    case 'month':
      return `${strings.archive} ${yearMonthLabel(Number(listing.key.slice(0, 4)), Number(listing.key.slice(5)), dateStyle(site))}`;
    default:
      throw new Error(`Unknown listing kind: ${String((listing as Listing).kind)}`);
  }
}
