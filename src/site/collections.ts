// Listings made from front matter alone: sections, tags, authors and the date archive, paginated.
import type { SiteSettings } from '../content/settings.ts';
import { zonedParts } from '../arabic/dates.ts';
import { slugify } from '../arabic/slug.ts';
import type { ArticleSummary, PublishedPlan, SitePlan } from './plan.ts';

/** What a listing is of. */
export type ListingKind = 'section' | 'tag' | 'author' | 'year' | 'month';

/** A list of articles with a page of its own (and more pages when it is long). */
export interface Listing {
  kind: ListingKind;
  /** Section key, tag or author name, or `2026` / `2026-11` for the archive. */
  key: string;
  /** Path segments of its first page, unencoded: `['tags', 'سوريا']`. */
  segments: string[];
  articles: ArticleSummary[];
}

/** One page of a listing. */
export interface ListingPage {
  listing: Listing;
  /** 1-based. */
  number: number;
  count: number;
  items: ArticleSummary[];
  url: string;
  outputPath: string;
  /** Every page's URL, first to last, for the numbered links. */
  pageUrls: string[];
}

/** The root-relative, percent-encoded URL of a path made of segments. */
export function urlOf(segments: readonly string[]): string {
  return segments.length === 0 ? '/' : `/${segments.map(encodeURIComponent).join('/')}/`;
}

/** The output file of a path made of segments. */
export function outputPathOf(segments: readonly string[]): string {
  return [...segments, 'index.html'].join('/');
}

/** Every listing of the site: one per section, tag and author, and the archive by year and by month. */
export function collectListings(plan: SitePlan, site: SiteSettings): Listing[] {
  const listings: Listing[] = [];
  for (const [section, articles] of plan.bySection) listings.push({ kind: 'section', key: section, segments: [section], articles });
  listings.push(...groupBy(plan.articles, (a) => a.tags, 'tag', 'tags'));
  listings.push(...groupBy(plan.articles, (a) => a.authors, 'author', 'authors'));

  const years = new Map<string, ArticleSummary[]>();
  const months = new Map<string, ArticleSummary[]>();
  for (const article of plan.articles) {
    const { year, month } = zonedParts(article.date, site.timeZone);
    const y = String(year);
    const m = `${y}-${String(month).padStart(2, '0')}`;
    (years.get(y) ?? years.set(y, []).get(y)!).push(article);
    (months.get(m) ?? months.set(m, []).get(m)!).push(article);
  }
  for (const [year, articles] of years) listings.push({ kind: 'year', key: year, segments: ['archive', year], articles });
  for (const [month, articles] of months) listings.push({ kind: 'month', key: month, segments: ['archive', ...month.split('-')], articles });
  return listings;
}

/** The slug of a tag or an author's name in URLs; names that make the same slug share a page. */
export function nameSlug(name: string): string {
  return slugify(name) || 'x';
}

// Tags and authors: one listing per slug, named as first written (newest article first).
function groupBy(articles: readonly ArticleSummary[], names: (a: ArticleSummary) => string[], kind: ListingKind, folder: string): Listing[] {
  const bySlug = new Map<string, Listing>();
  for (const article of articles) {
    for (const name of new Set(names(article))) {
      const slug = nameSlug(name);
      let listing = bySlug.get(slug);
      if (!listing) bySlug.set(slug, (listing = { kind, key: name, segments: [folder, slug], articles: [] }));
      // Names are deduplicated per article above, so an article joins each listing once.
      if (listing.articles.at(-1) !== article) listing.articles.push(article);
    }
  }
  return [...bySlug.values()].sort((a, b) => (a.segments[1]! < b.segments[1]! ? -1 : 1));
}

/** Splits a listing into pages of `size`: the first at its own URL, the next at `…/page/2/`. */
export function paginate(listing: Listing, size: number): ListingPage[] {
  const count = Math.max(1, Math.ceil(listing.articles.length / size));
  const segmentsOf = (n: number) => (n === 1 ? listing.segments : [...listing.segments, 'page', String(n)]);
  const pageUrls = Array.from({ length: count }, (_, i) => urlOf(segmentsOf(i + 1)));
  return pageUrls.map((url, i) => ({
    listing,
    number: i + 1,
    count,
    items: listing.articles.slice(i * size, (i + 1) * size),
    url,
    outputPath: outputPathOf(segmentsOf(i + 1)),
    pageUrls,
  }));
}

/** Finds related articles: most shared tags first, then the same section, then the newest; never itself, never a draft. */
export function relatedFinder(plan: PublishedPlan): (article: ArticleSummary, count: number) => ArticleSummary[] {
  // Plan order is newest first, so an article's index is its recency. A tag index of those indexes
  // keeps the work proportional to the articles that share a tag; counting into one typed array, reset
  // after each article, keeps that work to a few nanoseconds a shared tag (an archive of 10,000 stories
  // over 60 tags visits some 40 million).
  const { articles } = plan;
  const rank = new Map<ArticleSummary, number>(articles.map((article, index) => [article, index]));
  const byTag = new Map<string, number[]>();
  articles.forEach((article, index) => {
    for (const tag of new Set(article.tags)) (byTag.get(tag) ?? byTag.set(tag, []).get(tag)!).push(index);
  });
  const shared = new Int32Array(articles.length);
  const eligible = (article: ArticleSummary, other: ArticleSummary) => other.sourcePath !== article.sourcePath && !other.draft;

  return (article, count) => {
    if (count === 0) return [];
    const self = rank.get(article);
    const touched: number[] = [];
    for (const tag of new Set(article.tags)) {
      for (const index of byTag.get(tag) ?? []) {
        if (index === self || articles[index]!.draft) continue;
        const before = shared[index]!;
        shared[index] = before + 1;
        if (before === 0) touched.push(index);
      }
    }
    // Keep the best `count` in one pass (more shared tags, then the same section, then newer): a full
    // sort of every candidate costs too much at archive scale.
    const sameSection = (index: number) => (articles[index]!.section === article.section ? 1 : 0);
    const better = (a: number, b: number) => shared[a]! - shared[b]! || sameSection(a) - sameSection(b) || b - a;
    const best: number[] = [];
    for (const index of touched) {
      if (best.length === count && better(index, best[count - 1]!) <= 0) continue;
      let at = best.length;
      while (at > 0 && better(index, best[at - 1]!) > 0) at--;
      best.splice(at, 0, index);
      if (best.length > count) best.pop();
    }
    for (const index of touched) shared[index] = 0;
    const chosen = best.map((index) => articles[index]!);
    // The rest fill in by section, then by recency (both lists are newest first).
    for (const pool of [plan.bySection.get(article.section) ?? [], articles]) {
      for (const other of pool) {
        if (chosen.length >= count) return chosen;
        if (eligible(article, other) && !chosen.includes(other)) chosen.push(other);
      }
    }
    return chosen;
  };
}
