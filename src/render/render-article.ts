// One article page: a pure function of its inputs, so it can run in a worker and be cached by their hash.
import { VFile } from 'vfile';
import { toString } from 'hast-util-to-string';
import type { ArticleView, HeadLink } from '../../templates/props.ts';
import { articlePage } from '../../templates/article.tsx';
import type { SiteSettings } from '../content/settings.ts';
import { messageRecords, type MessageRecord } from '../messages.ts';
import { markdownTreeToHast, parseMarkdown } from '../markdown/processor.ts';
import { imageEntry, type ImageEntry } from '../markdown/content-images.ts';
import type { ArticleSummary } from '../site/plan.ts';
import { plural, readingMinutes, readingTimeForms } from '../arabic/plural.ts';
import type { FrontMatter } from '../content/schema.ts';
import { lintTree } from '../lint/lint-article.ts';
import { locateFromPlaces, type FrontMatterPlaces } from '../lint/front-matter-places.ts';
import type { LintSettings } from '../lint/settings.ts';
import type { AssetUrls } from './assets.ts';
import { articleImageView, shareVariant } from './image-view.ts';
import { serialisePage } from './serialise.ts';
import { searchDigest } from './search-digest.ts';
import { moreFromHeading } from './strings.ts';
import { absoluteUrl, layoutView, logoImage, nameUrl, sectionUrl, teaserView, timeView } from './views.ts';

/** Everything an article page depends on; plain data that a worker can receive and a cache can hash. */
export interface ArticleRenderInput {
  article: ArticleSummary;
  /** The file's path as editors see it, for messages. */
  displayPath: string;
  /** The source with its front matter blanked. */
  body: string;
  /** URLs of the articles this body links to, by content path. */
  links: Record<string, string>;
  /** The latest other articles of its section. */
  more: ArticleSummary[];
  /** Articles on the same subjects. */
  related: ArticleSummary[];
  site: SiteSettings;
  assets: AssetUrls;
  /** The build's time, ISO 8601, for the footer's year. */
  now: string;
  /** Feeds to link from the head. */
  feeds: HeadLink[];
  /**
   * The processed content images this page shows (hero, body, teasers), by content path. Absent, the
   * pictures are shown from their original files and the body's are not checked (a preview).
   */
  images?: Record<string, ImageEntry>;
  /** The Arabic style lint to run on the article, as `matbaa check` does; absent, no lint. */
  lint?: ArticleLint;
}

/** What the lint needs besides the body: the front matter, where its keys are, and which rules run. */
export interface ArticleLint {
  frontMatter: FrontMatter;
  places: FrontMatterPlaces;
  rules: LintSettings;
}

/** A rendered page and the content messages found while rendering it. */
export interface RenderedPage {
  path: string;
  html: string;
  messages: MessageRecord[];
  /** What the search index reads of the page, as a hash (see search-digest.ts), when it is indexed. */
  searchKey?: string;
}

/** Renders an article page: Markdown body into the article template, serialised once. */
export function renderArticle(input: ArticleRenderInput): RenderedPage {
  const { article, site } = input;
  const file = new VFile({ path: input.displayPath, value: input.body });
  const body = bodyTree(input, file);
  const bodyText = toString(body);
  const sectionLabel = site.sections[article.section] ?? article.section;
  const description = article.subtitle ?? truncate(bodyText.trim(), 160);
  // A story already under «اقرأ أيضاً» is not listed again under «المزيد من …».
  const more = input.more.filter((other) => !input.related.some((shown) => shown.url === other.url));

  const view: ArticleView = {
    headline: article.title,
    standfirst: article.subtitle,
    section: { label: sectionLabel, href: sectionUrl(article.section) },
    authors: article.authors,
    published: timeView(article.date, site),
    updated: article.updated ? timeView(article.updated, site) : undefined,
    readingTime: plural(readingMinutes(bodyText), readingTimeForms, site.dates.digits),
    hero: article.image ? articleImageView(article.image, imageEntry(input.images, article.imagePath)) : undefined,
    body,
    source: article.source,
    correction: article.correction && article.updated ? { text: article.correction, time: timeView(article.updated, site) } : undefined,
    tags: article.tags.map((tag) => ({ label: tag, href: nameUrl('tags', tag) })),
    related: input.related.map((other) => teaserView(other, site, input.images)),
    more:
      more.length > 0
        ? { heading: moreFromHeading(sectionLabel), href: sectionUrl(article.section), items: more.map((other) => teaserView(other, site, input.images)) }
        : undefined,
    draft: article.draft,
  };

  const url = absoluteUrl(article.url, site);
  const shared = shareVariant(imageEntry(input.images, article.imagePath));
  const image = article.image ? absoluteUrl(shared?.src ?? article.image.src, site) : undefined;
  const meta = [
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: site.name },
    { property: 'og:title', content: article.title },
    { property: 'og:description', content: description },
    { property: 'og:url', content: url },
    { property: 'og:locale', content: 'ar_AR' },
    ...(image ? [{ property: 'og:image', content: image }, { property: 'og:image:alt', content: article.image!.alt }] : []),
    ...(shared ? [{ property: 'og:image:width', content: String(shared.width) }, { property: 'og:image:height', content: String(shared.height) }] : []),
    { property: 'article:published_time', content: article.date },
    ...(article.updated ? [{ property: 'article:modified_time', content: article.updated }] : []),
    { property: 'article:section', content: sectionLabel },
    ...article.tags.map((tag) => ({ property: 'article:tag', content: tag })),
    { name: 'twitter:card', content: 'summary_large_image' },
  ];
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    // No `description`: the meta description and og:description already carry it, and Google's
    // article markup does not read it.
    ...(image ? { image: [image] } : {}),
    datePublished: article.date,
    dateModified: article.updated ?? article.date,
    author: article.authors.map((name) => ({ '@type': 'Person', name })),
    publisher: { '@type': 'Organization', name: site.name, url: site.baseUrl, logo: { '@type': 'ImageObject', url: absoluteUrl(logoImage, site) } },
    articleSection: sectionLabel,
    keywords: article.tags,
    inLanguage: site.language,
    isAccessibleForFree: true,
    mainEntityOfPage: url,
    ...(article.source ? { sourceOrganization: { '@type': 'Organization', name: article.source } } : {}),
    ...(article.correction ? { correction: article.correction } : {}),
  };

  const breadcrumbs = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [
      { name: site.name, item: site.baseUrl },
      { name: sectionLabel, item: absoluteUrl(sectionUrl(article.section), site) },
      { name: article.title, item: url },
    ].map((crumb, index) => ({ '@type': 'ListItem', position: index + 1, ...crumb })),
  };
  const layout = layoutView(
    {
      title: article.title,
      description,
      url: article.url,
      meta,
      links: input.feeds,
      robots: article.draft ? 'noindex' : undefined,
      jsonLd: [jsonLd, breadcrumbs],
      section: article.section,
    },
    site,
    { ...input.assets, stylesheets: input.assets.articleStylesheets ?? input.assets.stylesheets },
    input.now,
  );
  const page = articlePage(layout, view);
  return { path: article.outputPath, html: serialisePage(page), messages: messageRecords(file), searchKey: searchDigest(page) };
}

// The body's hast, with the lint's and the Markdown stage's messages on `file`. One parse: the lint
// reads the tree as written, then the Markdown stage transforms it. A function of its own, so the
// Markdown tree is garbage once the hast is made (a long article's trees are hundreds of megabytes).
function bodyTree(input: ArticleRenderInput, file: VFile) {
  const tree = parseMarkdown(file);
  if (input.lint) lintTree(tree, file, { frontMatter: input.lint.frontMatter, locateFrontMatter: locateFromPlaces(input.lint.places), rules: input.lint.rules });
  return markdownTreeToHast(tree, file, { sourcePath: input.article.sourcePath, links: input.links, lineBreaks: input.site.lineBreaks, images: input.images });
}

function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), length / 2))}…`;
}
