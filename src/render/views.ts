// Display-ready data for templates, made from settings and article summaries.
import type { ArticleTeaser, LayoutView, TimeView } from '../../templates/props.ts';
import type { SiteSettings } from '../content/settings.ts';
import type { ArticleSummary } from '../site/plan.ts';
import { formatDateTime, zonedParts, type DateStyle } from '../arabic/dates.ts';
import { formatInteger } from '../arabic/digits.ts';
import type { AssetUrls } from './assets.ts';
import { imageEntry, type ImageEntry } from '../markdown/content-images.ts';
import { thumbnailView } from './image-view.ts';
import { serialiseJsonLd } from './json-ld.ts';
import { nameSlug, urlOf } from '../site/collections.ts';
import { uiStrings } from './strings.ts';

/** The page-specific parts of the document head. */
export interface PageHead {
  title: string;
  description: string;
  /** Root-relative URL of this page. */
  url: string;
  meta?: LayoutView['meta'];
  links?: LayoutView['links'];
  robots?: string;
  jsonLd?: unknown[];
  /** The section this page belongs to, to mark it in the navigation. */
  section?: string;
}

/** The settings' date style. */
export function dateStyle(site: SiteSettings): DateStyle {
  return { timeZone: site.timeZone, months: site.dates.months, digits: site.dates.digits, hijri: site.dates.hijri };
}

/** A time as Arabic text in the site's zone and as the ISO string the editor wrote. */
export function timeView(iso: string, site: SiteSettings): TimeView {
  return { datetime: iso, text: formatDateTime(iso, dateStyle(site)) };
}

/** The absolute URL of a root-relative one. */
export function absoluteUrl(url: string, site: SiteSettings): string {
  return new URL(url.replace(/^\//, ''), site.baseUrl).href;
}

/** The URL of a section's page. */
export function sectionUrl(section: string): string {
  return `/${encodeURIComponent(section)}/`;
}

/** An article as a teaser in a list; its thumbnail from the processed images, when given. */
export function teaserView(article: ArticleSummary, site: SiteSettings, images?: Readonly<Record<string, ImageEntry>>): ArticleTeaser {
  return {
    href: article.url,
    title: article.title,
    standfirst: article.subtitle,
    sectionLabel: site.sections[article.section] ?? article.section,
    sectionHref: sectionUrl(article.section),
    date: timeView(article.date, site),
    image: article.image ? thumbnailView({ src: article.image.src, alt: article.image.alt }, imageEntry(images, article.imagePath)) : undefined,
  };
}

/** The URL of a tag's or an author's page. */
export function nameUrl(folder: 'tags' | 'authors', name: string): string {
  return urlOf([folder, nameSlug(name)]);
}

// Open Graph and Twitter tags every page carries; articles add their own before these.
function shareMeta(head: PageHead, site: SiteSettings): LayoutView['meta'] {
  const has = (property: string) => head.meta?.some((tag) => tag.property === property || tag.name === property);
  const tags: LayoutView['meta'] = [];
  if (!has('og:type')) tags.push({ property: 'og:type', content: 'website' });
  if (!has('og:site_name')) tags.push({ property: 'og:site_name', content: site.name });
  if (!has('og:title')) tags.push({ property: 'og:title', content: head.title });
  if (!has('og:description')) tags.push({ property: 'og:description', content: head.description });
  if (!has('og:url')) tags.push({ property: 'og:url', content: absoluteUrl(head.url, site) });
  if (!has('og:locale')) tags.push({ property: 'og:locale', content: 'ar_AR' });
  if (!has('og:image')) tags.push({ property: 'og:image', content: absoluteUrl(shareImage, site) });
  if (!has('twitter:card')) tags.push({ name: 'twitter:card', content: 'summary_large_image' });
  return tags;
}

/** The site's picture for pages without their own (public/share.png), and its logo (public/logo.png). */
export const shareImage = '/share.png';
export const logoImage = '/logo.png';

/** The document around a page: head, navigation, footer. */
export function layoutView(head: PageHead, site: SiteSettings, assets: AssetUrls, now: string): LayoutView {
  const strings = uiStrings(site.language);
  return {
    lang: site.language,
    dir: site.direction,
    siteName: site.name,
    title: head.title === site.name ? site.name : `${head.title} | ${site.name}`,
    description: head.description,
    canonical: absoluteUrl(head.url, site),
    robots: head.robots,
    links: head.links ?? [],
    meta: [...(head.meta ?? []), ...shareMeta(head, site)],
    jsonLd: (head.jsonLd ?? []).map(serialiseJsonLd),
    stylesheets: assets.stylesheets,
    preloadFonts: assets.preloadFonts ?? [],
    nav: Object.entries(site.sections).map(([key, label]) => ({ href: sectionUrl(key), label, current: key === head.section })),
    strings,
    year: formatInteger(zonedParts(now, site.timeZone).year, site.dates.digits),
  };
}
