// The home page and the section pages, from article summaries alone.
import { listingPage } from '../../templates/listing.tsx';
import type { SiteSettings } from '../content/settings.ts';
import type { ArticleSummary } from '../site/plan.ts';
import type { AssetUrls } from './assets.ts';
import type { RenderedPage } from './render-article.ts';
import { serialisePage } from './serialise.ts';
import { layoutView, sectionUrl, teaserView } from './views.ts';

/** The home page: the lead story, then the latest articles. */
export function renderHome(articles: readonly ArticleSummary[], site: SiteSettings, assets: AssetUrls, now: string): RenderedPage {
  const [lead, ...rest] = articles;
  const layout = layoutView(
    {
      title: site.name,
      description: site.description || site.name,
      url: '/',
      jsonLd: [{ '@context': 'https://schema.org', '@type': 'WebSite', name: site.name, url: site.baseUrl, inLanguage: site.language }],
    },
    site,
    assets,
    now,
  );
  const listing = {
    heading: site.name,
    headingHidden: true,
    lead: lead ? teaserView(lead, site) : undefined,
    items: rest.slice(0, 30).map((article) => teaserView(article, site)),
  };
  return { path: 'index.html', html: serialisePage(listingPage(layout, listing)), messages: [] };
}

/** A section page: its articles, newest first. */
export function renderSection(section: string, articles: readonly ArticleSummary[], site: SiteSettings, assets: AssetUrls, now: string): RenderedPage {
  const label = site.sections[section] ?? section;
  const url = sectionUrl(section);
  const layout = layoutView({ title: label, description: `${label} | ${site.name}`, url, section }, site, assets, now);
  const listing = { heading: label, headingHidden: false, items: articles.map((article) => teaserView(article, site)) };
  return { path: `${section}/index.html`, html: serialisePage(listingPage(layout, listing)), messages: [] };
}
