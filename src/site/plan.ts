// The site's plan from front matter alone: every article's URL and output file, sections, and the
// summaries that listings and «المزيد من …» blocks show. Pure: no file access.
import type { Article } from '../content/load-content.ts';
import type { ArticleImage } from '../content/schema.ts';
import type { SiteSettings } from '../content/settings.ts';
import type { MessageRecord } from '../messages.ts';
import { zonedParts } from '../arabic/dates.ts';
import { resolveContentPath } from '../content/paths.ts';

/** What any page may know of an article: its front matter and where it lives, never its body. */
export interface ArticleSummary {
  sourcePath: string;
  /** Root-relative, percent-encoded: `/economy/%D8%A7.../`. */
  url: string;
  /** Output file, UTF-8 path inside the output directory: `economy/سعر-القمح/index.html`. */
  outputPath: string;
  slug: string;
  title: string;
  subtitle?: string;
  date: string;
  updated?: string;
  section: string;
  tags: string[];
  authors: string[];
  /** The hero image, its `src` made a root-relative URL of the copied file. */
  image?: ArticleImage;
  /** Content-relative path of the hero image file, for copying it. */
  imagePath?: string;
  source?: string;
  /** A correction note, shown with the time of `updated`. */
  correction?: string;
  draft: boolean;
}

/** Which articles a build publishes. */
export interface PlanOptions {
  includeDrafts: boolean;
  includeFuture: boolean;
  now: Date;
}

/** The plan: published articles newest first, by section, and the URL of every article path. */
export interface SitePlan {
  articles: ArticleSummary[];
  bySection: Map<string, ArticleSummary[]>;
  /** Content-relative source path → URL, for links between articles. */
  urlBySource: Map<string, string>;
  /** Articles held back because their date is still to come. */
  scheduled: ArticleSummary[];
  messages: MessageRecord[];
}

/** The part of the plan that pages show: what is published, by section, and where each story lives. */
export type PublishedPlan = Pick<SitePlan, 'articles' | 'bySection' | 'urlBySource'>;

/** Plans the site: URLs, sections and order, with an error for two articles on one URL. */
export function planSite(articles: readonly Article[], settings: SiteSettings, options: PlanOptions): SitePlan {
  const messages: MessageRecord[] = [];
  const byUrl = new Map<string, Article>();
  const published: ArticleSummary[] = [];
  const scheduled: ArticleSummary[] = [];

  for (const article of [...articles].sort((a, b) => compare(a.sourcePath, b.sourcePath))) {
    const summary = summarise(article, settings);
    const first = byUrl.get(summary.url);
    if (first) {
      messages.push({
        file: article.displayPath,
        line: 1,
        column: 1,
        severity: 'error',
        reason: `Duplicate URL \`${decodeURI(summary.url)}\`, expected each article to have its own; \`${first.displayPath}\` has it too`,
        ruleId: 'duplicate-url',
      });
      continue;
    }
    byUrl.set(summary.url, article);
    if (summary.draft && !options.includeDrafts) continue;
    if (Date.parse(summary.date) > options.now.getTime() && !options.includeFuture) {
      scheduled.push(summary);
      continue;
    }
    published.push(summary);
  }

  published.sort(newestFirst);
  return { ...publishedPlan(published, settings), scheduled: scheduled.sort(newestFirst).reverse(), messages };
}

/**
 * The published part of a plan from its summaries, newest first: `planSite` makes it so, and a build
 * makes it again from the summaries the last one kept, without reading an article.
 */
export function publishedPlan(articles: ArticleSummary[], settings: SiteSettings): PublishedPlan {
  const bySection = new Map<string, ArticleSummary[]>(Object.keys(settings.sections).map((key) => [key, []]));
  const urlBySource = new Map<string, string>();
  for (const summary of articles) {
    bySection.get(summary.section)?.push(summary);
    urlBySource.set(summary.sourcePath, summary.url);
  }
  return { articles, bySection, urlBySource };
}

/** The latest other articles of the article's section, for «المزيد من …». */
export function moreFromSection(plan: PublishedPlan, article: ArticleSummary, count: number): ArticleSummary[] {
  // Stops at `count`: a section of an archive holds thousands, and every article asks.
  const more: ArticleSummary[] = [];
  for (const other of plan.bySection.get(article.section) ?? []) {
    if (more.length >= count) break;
    if (other.sourcePath !== article.sourcePath) more.push(other);
  }
  return more;
}

function summarise(article: Article, settings: SiteSettings): ArticleSummary {
  const fm = article.frontMatter;
  const { year, month } = zonedParts(fm.date, settings.timeZone);
  const segments = settings.permalink
    .replaceAll(':section', fm.section)
    .replaceAll(':slug', article.slug)
    .replaceAll(':year', String(year))
    .replaceAll(':month', String(month).padStart(2, '0'))
    .split('/')
    .filter(Boolean);
  const imagePath = fm.image ? resolveContentPath(fm.image.src, article.sourcePath) : undefined;
  return {
    sourcePath: article.sourcePath,
    url: `/${segments.map(encodeURIComponent).join('/')}/`,
    outputPath: `${segments.join('/')}/index.html`,
    slug: article.slug,
    title: fm.title,
    subtitle: fm.subtitle,
    date: fm.date,
    updated: fm.updated,
    section: fm.section,
    tags: fm.tags ?? [],
    authors: fm.authors ?? [],
    image: fm.image && imagePath ? { ...fm.image, src: `/${imagePath.split('/').map(encodeURIComponent).join('/')}` } : undefined,
    imagePath,
    source: fm.source,
    correction: fm.correction,
    draft: fm.draft ?? false,
  };
}

function newestFirst(a: ArticleSummary, b: ArticleSummary): number {
  return Date.parse(b.date) - Date.parse(a.date) || compare(a.sourcePath, b.sourcePath);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
