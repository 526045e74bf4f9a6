// What templates receive: prepared, display-ready data. Templates arrange it; they compute nothing.
import type { Element, Root } from 'hast';

/** The labels the page chrome uses, from the site's language (see src/render/strings.ts). */
export interface UiStrings {
  skipToContent: string;
  home: string;
  sectionsNav: string;
  published: string;
  updated: string;
  by: string;
  readingTime: string;
  tags: string;
  photo: string;
  latest: string;
  footer: string;
  related: string;
  pagination: string;
  previousPage: string;
  nextPage: string;
  archive: string;
  notFoundTitle: string;
  notFoundText: string;
  redirecting: string;
  correction: string;
  search: string;
  feeds: string;
  /** The banner over a draft article, seen only in `matbaa dev` and builds with drafts. */
  draftBanner: string;
}

/** A link to an article in a listing or a «المزيد من …» block. */
export interface ArticleTeaser {
  href: string;
  title: string;
  standfirst?: string;
  sectionLabel: string;
  sectionHref: string;
  date: TimeView;
  image?: ImageView;
}

/** A point in time, shown as Arabic text and given to machines as ISO 8601. */
export interface TimeView {
  datetime: string;
  text: string;
}

/** An image with its caption and credit kept apart, and the files it comes in. */
export interface ImageView {
  /** The file for browsers that take no `srcset`: in the original's format. */
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
  /** The size of `src` in pixels, so the page keeps the picture's place before it loads. */
  width?: number;
  height?: number;
  /** The files in `src`'s format with their widths: `url 480w, url 800w`. */
  srcset?: string;
  /** How wide the picture is shown, so the browser picks a file from the `srcset`s. */
  sizes?: string;
  /** Smaller encodings of the same picture, best first, each a `<source>` of a `<picture>`. */
  sources?: { type: string; srcset: string }[];
}

/** One entry of the section navigation. */
export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

/** A `<link>` in the head: feeds, previous and next pages. */
export interface HeadLink {
  rel: string;
  href: string;
  type?: string;
  title?: string;
}

/** A link with a label: tags, breadcrumbs, archive months. */
export interface LabelledLink {
  href: string;
  label: string;
}

/** The document around every page: head metadata, header, footer. */
export interface LayoutView {
  lang: string;
  dir: 'rtl' | 'ltr';
  siteName: string;
  title: string;
  description: string;
  canonical: string;
  /** `noindex` for pages search engines should skip (404, drafts). */
  robots?: string;
  links: HeadLink[];
  meta: { name?: string; property?: string; content: string }[];
  /** JSON-LD documents, already serialised and escaped for a script element. */
  jsonLd: string[];
  stylesheets: string[];
  preloadFonts: string[];
  nav: NavItem[];
  strings: UiStrings;
  year: string;
}

/** The article page's own content. */
export interface ArticleView {
  headline: string;
  standfirst?: string;
  section: { label: string; href: string };
  authors: string[];
  published: TimeView;
  updated?: TimeView;
  readingTime: string;
  hero?: ImageView;
  body: Root;
  source?: string;
  /** A correction note and when it was made. */
  correction?: { text: string; time: TimeView };
  tags: LabelledLink[];
  more?: { heading: string; href: string; items: ArticleTeaser[] };
  related: ArticleTeaser[];
  /** A draft, shown with a banner saying it will not be published. */
  draft?: boolean;
}

/** A listing page: the home page or a section. */
export interface ListingView {
  heading: string;
  /** Visually hidden when the heading would only repeat the site name (home). */
  headingHidden: boolean;
  lead?: ArticleTeaser;
  items: ArticleTeaser[];
  /** Numbered page links, when the listing has more than one page. */
  pagination?: Pagination;
}

/** Links between the pages of a long listing. */
export interface Pagination {
  previous?: string;
  next?: string;
  pages: { href: string; label: string; current: boolean }[];
}

/** The home page: the lead story, the latest, then a block per section. */
export interface HomeView {
  heading: string;
  lead?: ArticleTeaser;
  latest: ArticleTeaser[];
  latestHeading: string;
  sections: { heading: string; href: string; items: ArticleTeaser[] }[];
}

/** The archive's front page: every year with its months. */
export interface ArchiveView {
  heading: string;
  years: { year: LabelledLink; months: LabelledLink[] }[];
}

/** The page of an unknown address. */
export interface NotFoundView {
  heading: string;
  text: string;
  latest: ArticleTeaser[];
}

/** The hast of a whole page, ready to serialise. */
export type PageTree = Root;
/** A piece of a page. */
export type Part = Element;
