// The search page at /search/: a GET form whose `q` the page's script runs through the Pagefind
// index, and the latest stories, which are all a reader without JavaScript gets, with a word on why.
import { searchPage } from '../../templates/search.tsx';
import type { PluralForms } from '../arabic/plural.ts';
import type { ArticleSummary } from '../site/plan.ts';
import { serialiseJsonLd } from './json-ld.ts';
import type { RenderedPage } from './render-article.ts';
import type { PageContext } from './render-listing.ts';
import { serialisePage } from './serialise.ts';
import { uiStrings } from './strings.ts';
import { layoutView, teaserView } from './views.ts';

/** The search page's address; the home page's SearchAction points here with `?q=`. */
export const searchUrl = '/search/';

/** The search page's words, for the template and for its script. */
export interface SearchStrings {
  heading: string;
  label: string;
  submit: string;
  noScript: string;
  /** What the script says while and after it searches; `{query}` stands for what the reader typed. */
  messages: { searching: string; noResults: string; failed: string; results: PluralForms };
}

const arabic: SearchStrings = {
  heading: 'البحث',
  label: 'ابحث في الأخبار',
  submit: 'ابحث',
  noScript: 'البحث يحتاج إلى تفعيل JavaScript في المتصفح',
  messages: {
    searching: 'جارٍ البحث…',
    noResults: 'لم نجد ما يطابق «{query}».',
    failed: 'تعذّر البحث الآن. أعد المحاولة بعد قليل.',
    results: { one: 'نتيجة واحدة', two: 'نتيجتان', few: '{n} نتائج', many: '{n} نتيجة', other: '{n} نتيجة' },
  },
};

/** The search page's words for a site language; Arabic is the only edition today. */
export function searchStrings(language: string): SearchStrings {
  if (language === 'ar' || language.startsWith('ar-')) return arabic;
  throw new Error(`No search strings for language "${language}"`);
}

/** How many of the latest stories the page lists. */
export const latestCount = 10;

/** Renders the search page; the latest stories come from `articles`, newest first. */
export function renderSearch(articles: readonly ArticleSummary[], context: PageContext): RenderedPage {
  const { site } = context;
  const strings = searchStrings(site.language);
  const layout = layoutView(
    // Every query shares this one page, so search engines are asked to leave it out.
    { title: strings.heading, description: `${strings.heading} | ${site.name}`, url: searchUrl, robots: 'noindex', links: context.feeds() },
    site,
    context.assets,
    context.now,
  );
  const view = {
    heading: strings.heading,
    action: searchUrl,
    label: strings.label,
    submit: strings.submit,
    noScript: strings.noScript,
    latestHeading: uiStrings(site.language).latest,
    latest: articles.slice(0, latestCount).map((article) => teaserView(article, site, context.images)),
    // The script reads its words and the site's digits from the page, so it holds no language of its own.
    messages: serialiseJsonLd({ ...strings.messages, digits: site.dates.digits, indexes: context.searchIndexes ?? [], ...(context.searchRecent ? { recent: context.searchRecent } : {}) }),
    script: context.assets.searchScript,
  };
  return { path: 'search/index.html', html: serialisePage(searchPage(layout, view)), messages: [] };
}
