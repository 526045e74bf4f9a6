// The plain-data input of an article page: what `renderArticle` needs, gathered from the plan, so the
// build, `matbaa check` and the dev server hand the renderer the same thing.
import type { Article } from '../content/load-content.ts';
import type { SiteSettings } from '../content/settings.ts';
import { recordFrontMatterPlaces } from '../lint/front-matter-places.ts';
import type { ImageEntry } from '../markdown/content-images.ts';
import { moreFromSection, type PublishedPlan, type SitePlan } from '../site/plan.ts';
import type { ArticleRenderInput } from './render-article.ts';

/** An article page's input but its body, which the caller adds when the page is rendered (`{ ...input, body: article.body }`). */
export type ArticlePageInput = Omit<ArticleRenderInput, 'body'>;

/**
 * The plain-data input of one article page but its body: the URLs it links to, and the summaries and
 * pictures it shows, all from what the loader found, so no body is read to make it.
 */
export function articleInput(
  summary: SitePlan['articles'][number],
  article: Article,
  plan: PublishedPlan,
  site: SiteSettings,
  extra: Pick<ArticleRenderInput, 'assets' | 'now' | 'related' | 'feeds'>,
  /** Every processed image of the site; the page gets the ones it shows. Absent, pictures show from their originals. */
  images?: ReadonlyMap<string, ImageEntry>,
): ArticlePageInput {
  const links: Record<string, string> = {};
  for (const target of article.links) {
    const url = plan.urlBySource.get(target);
    if (url) links[target] = url;
  }
  const more = moreFromSection(plan, summary, site.moreFromSection);
  return {
    article: summary,
    displayPath: article.displayPath,
    links,
    more,
    site,
    lint: { frontMatter: article.frontMatter, places: recordFrontMatterPlaces(article.locateFrontMatter), rules: site.lint },
    ...extra,
    ...(images ? { images: pageImages([...[summary, ...extra.related, ...more].map((s) => s.imagePath), ...article.images], images) } : {}),
  };
}

// Only the images one page shows, so its input (and a cache key made from it) stays small: its hero,
// its body's pictures, and the thumbnails of the stories it lists.
function pageImages(paths: readonly (string | undefined)[], images: ReadonlyMap<string, ImageEntry>): Record<string, ImageEntry> {
  const shown: Record<string, ImageEntry> = {};
  for (const path of paths) {
    const entry = path === undefined ? undefined : images.get(path);
    if (path !== undefined && entry) shown[path] = entry;
  }
  return shown;
}
