// The plain-data input of an article page: what `renderArticle` needs, gathered from the plan, so the
// build, `matbaa check` and the dev server hand the renderer the same thing.
import type { Article } from '../content/load-content.ts';
import type { SiteSettings } from '../content/settings.ts';
import { recordFrontMatterPlaces } from '../lint/front-matter-places.ts';
import { findContentLinks } from '../markdown/content-links.ts';
import { findContentImages, type ImageEntry } from '../markdown/content-images.ts';
import { moreFromSection, type SitePlan } from '../site/plan.ts';
import type { ArticleRenderInput } from './render-article.ts';

/** The plain-data input of one article page: its body, the URLs it links to, and the summaries it shows. */
export function articleInput(
  summary: SitePlan['articles'][number],
  article: Article,
  plan: SitePlan,
  site: SiteSettings,
  extra: Pick<ArticleRenderInput, 'assets' | 'now' | 'related' | 'feeds'>,
  /** Every processed image of the site; the page gets the ones it shows. Absent, pictures show from their originals. */
  images?: ReadonlyMap<string, ImageEntry>,
): ArticleRenderInput {
  // Read once: the article makes its body from its bytes on every read.
  const { body } = article;
  const links: Record<string, string> = {};
  for (const target of findContentLinks(body, summary.sourcePath)) {
    const url = plan.urlBySource.get(target);
    if (url) links[target] = url;
  }
  const more = moreFromSection(plan, summary, site.moreFromSection);
  return {
    article: summary,
    displayPath: article.displayPath,
    body,
    links,
    more,
    site,
    lint: { frontMatter: article.frontMatter, places: recordFrontMatterPlaces(article.locateFrontMatter), rules: site.lint },
    ...extra,
    ...(images ? { images: pageImages([...[summary, ...extra.related, ...more].map((s) => s.imagePath), ...findContentImages(body, summary.sourcePath)], images) } : {}),
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
