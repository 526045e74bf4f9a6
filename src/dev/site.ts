// The dev server's site: the build's plan, routes and render functions, one requested page at a time.
// The dev plugin loads this module through Vite's ssrLoadModule, so an edited template or stage is
// picked up by the next request without a restart. Pure: no file access.
import type { Article } from '../content/load-content.ts';
import type { SiteSettings } from '../content/settings.ts';
import type { MessageRecord } from '../messages.ts';
import { articleInput } from '../render/article-input.ts';
import { planSite, type ArticleSummary, type SitePlan } from '../site/plan.ts';
import { collectListings, paginate, relatedFinder, type Listing, type ListingPage } from '../site/collections.ts';
import { articleTitle, collectRedirects, findClashes, siteRoutes, type Redirect } from '../site/routes.ts';
import type { AssetUrls } from '../render/assets.ts';
import { feedLinks } from '../render/feeds.ts';
import { renderArticle, type RenderedPage } from '../render/render-article.ts';
import { renderArchiveIndex, renderHome, renderListingPage, renderNotFound, renderRedirect, type PageContext } from '../render/render-listing.ts';
import { renderSearch, searchUrl } from '../render/render-search.ts';

/** What a URL of the site shows. */
export type DevRoute =
  | { kind: 'article'; summary: ArticleSummary }
  | { kind: 'home' }
  | { kind: 'listing'; page: ListingPage }
  | { kind: 'archive' }
  | { kind: 'search' }
  | { kind: 'notFound' }
  | { kind: 'redirect'; redirect: Redirect };

/** The planned site, drafts and future articles included, and the page of every URL. */
export interface DevSite {
  settings: SiteSettings;
  plan: SitePlan;
  /** Articles by content path, for their bodies. */
  articles: Map<string, Article>;
  listings: Listing[];
  /** Route by its URL's key (see `routeKey`), with the URL as the site writes it. */
  routes: Map<string, { url: string; route: DevRoute }>;
  related: ReturnType<typeof relatedFinder>;
  /** The plan's and the URL check's messages, as a build would report them. */
  messages: MessageRecord[];
}

/** A response to one request: a page, or a redirect to the URL the site writes. */
export type DevResponse = (RenderedPage & { status: 200 | 404 }) | { status: 301; location: string };

// As many related articles as the build shows.
const relatedCount = 4;

/** Plans the site from the loaded articles as a build with drafts and future articles would. */
export function planDevSite(articles: readonly Article[], settings: SiteSettings, now: Date): DevSite {
  const plan = planSite(articles, settings, { includeDrafts: true, includeFuture: true, now });
  const bySource = new Map(articles.map((article) => [article.sourcePath, article]));
  const listings = collectListings(plan, settings);
  const listingPages = listings.flatMap((listing) => paginate(listing, settings.pageSize));
  const redirects = collectRedirects(plan, bySource);
  const messages = [...plan.messages, ...findClashes([...siteRoutes(plan, bySource), ...listingPages, ...redirects])];

  const routes: DevSite['routes'] = new Map();
  const add = (url: string, route: DevRoute) => {
    if (!routes.has(routeKey(url))) routes.set(routeKey(url), { url, route });
  };
  add('/', { kind: 'home' });
  add('/archive/', { kind: 'archive' });
  add('/404.html', { kind: 'notFound' });
  add(searchUrl, { kind: 'search' });
  for (const summary of plan.articles) add(summary.url, { kind: 'article', summary });
  for (const page of listingPages) add(page.url, { kind: 'listing', page });
  for (const redirect of redirects) add(redirect.url, { kind: 'redirect', redirect });
  return { settings, plan, articles: bySource, listings, routes, related: relatedFinder(plan), messages };
}

/** Whether the plan would come out the same with `next` in place of `previous`: the plan reads front matter, never a body. */
export function samePlace(previous: Article, next: Article): boolean {
  return previous.sourcePath === next.sourcePath && previous.slug === next.slug && JSON.stringify(previous.frontMatter) === JSON.stringify(next.frontMatter);
}

/** The site with one article's body replaced, for an edit that left its front matter as it was (see `samePlace`). */
export function withArticle(site: DevSite, article: Article): DevSite {
  return { ...site, articles: new Map(site.articles).set(article.sourcePath, article) };
}

/** Renders the page at `pathname` with the build's render functions; an unknown URL gets the 404 page. */
export function renderDevPage(site: DevSite, pathname: string, assets: AssetUrls, now: Date): DevResponse {
  const key = routeKey(pathname);
  const found = site.routes.get(key);
  if (!found) {
    // As static hosts do, a folder's URL without its slash is sent to the one with it.
    const folder = key.endsWith('/') ? undefined : site.routes.get(`${key}/`);
    if (folder) return { status: 301, location: folder.url };
    return { ...renderRoute(site, { kind: 'notFound' }, assets, now), status: 404 };
  }
  return { ...renderRoute(site, found.route, assets, now), status: found.route.kind === 'notFound' ? 404 : 200 };
}

/** The key of a URL path: percent-decoded, NFC, without a trailing `index.html`, so any spelling of a URL finds its page. */
export function routeKey(pathname: string): string {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    path = pathname;
  }
  return path.normalize('NFC').replace(/\/index\.html$/, '/');
}

function renderRoute(site: DevSite, route: DevRoute, assets: AssetUrls, now: Date): RenderedPage {
  const { settings, plan } = site;
  const nowIso = now.toISOString();
  const context: PageContext = { site: settings, assets, now: nowIso, feeds: (section) => feedLinks(settings, section) };
  switch (route.kind) {
    case 'article': {
      const { summary } = route;
      const article = site.articles.get(summary.sourcePath);
      if (!article) throw new Error(`No article for \`${summary.sourcePath}\`, expected the plan to come from the loaded articles`);
      const extra = { assets, now: nowIso, related: site.related(summary, relatedCount), feeds: context.feeds(summary.section) };
      return renderArticle({ ...articleInput(summary, article, plan, settings, extra), body: article.body });
    }
    case 'home':
      return renderHome(plan.articles, plan.bySection, context);
    case 'listing':
      return renderListingPage(route.page, context);
    case 'archive':
      return renderArchiveIndex(site.listings, context);
    case 'search':
      return renderSearch(plan.articles, context);
    case 'notFound':
      return renderNotFound(plan.articles, context);
    case 'redirect':
      return renderRedirect(route.redirect, articleTitle(route.redirect, plan), settings);
    default:
      throw new Error(`Unknown route kind \`${String((route as DevRoute).kind)}\``);
  }
}
