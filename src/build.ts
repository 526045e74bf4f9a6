// The build, read top to bottom: load → validate → plan → render → write.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadContent, type Article } from './content/load-content.ts';
import { hasErrors, sortMessages, type MessageRecord } from './messages.ts';
import { findContentLinks } from './markdown/content-links.ts';
import { moreFromSection, planSite } from './site/plan.ts';
import { renderArticle, type RenderedPage } from './render/render-article.ts';
import { renderHome, renderSection } from './render/render-listing.ts';
import { listFiles, openStaging } from './output/staging.ts';
import { buildAssets } from './output/vite-assets.ts';

/** The matbaa project itself: templates/ and public/ live here. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/** What to build and from where. */
export interface BuildOptions {
  contentDir: string;
  outDir: string;
  /** Overrides the settings' baseUrl (e.g. a preview deployment). */
  baseUrl?: string;
  includeDrafts?: boolean;
  includeFuture?: boolean;
  /** The build's clock: what counts as published. */
  now?: Date;
}

/** What a build did: its messages, and how many pages of each type it wrote. */
export interface BuildResult {
  messages: MessageRecord[];
  /** False when errors stopped the build before the output was swapped in. */
  written: boolean;
  pages: { article: number; home: number; section: number };
  /** Articles held back because their date is still to come. */
  scheduled: number;
}

// Files in content/ that are copied to the site as they are, at the same path.
const contentAssetPattern = /\.(jpe?g|png|webp|avif|gif|svg|pdf)$/i;

/** Builds the site from `contentDir` into `outDir`; on any content error the previous output is left untouched. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const now = options.now ?? new Date();
  const pages = { article: 0, home: 0, section: 0 };
  const loaded = await loadContent(options.contentDir);
  const messages = [...loaded.messages];
  const failed = (): BuildResult => ({ messages: sortMessages(messages), written: false, pages, scheduled: 0 });
  if (!loaded.settings || hasErrors(messages)) return failed();

  const site = options.baseUrl ? { ...loaded.settings, baseUrl: new URL(options.baseUrl).href } : loaded.settings;
  const plan = planSite(loaded.articles, site, {
    includeDrafts: options.includeDrafts ?? false,
    includeFuture: options.includeFuture ?? false,
    now,
  });
  messages.push(...plan.messages);
  if (hasErrors(messages)) return failed();

  const articles = new Map<string, Article>(loaded.articles.map((article) => [article.sourcePath, article]));
  const staging = await openStaging(options.outDir);
  try {
    const assets = await buildAssets(projectRoot, staging);
    const write = async (page: RenderedPage) => {
      messages.push(...page.messages);
      await staging.write(page.path, page.html);
    };

    for (const summary of plan.articles) {
      const article = articles.get(summary.sourcePath)!;
      const links: Record<string, string> = {};
      for (const target of findContentLinks(article.body, summary.sourcePath)) {
        const url = plan.urlBySource.get(target);
        if (url) links[target] = url;
      }
      await write(
        renderArticle({
          article: summary,
          displayPath: article.displayPath,
          body: article.body,
          links,
          more: moreFromSection(plan, summary, site.moreFromSection),
          site,
          assets,
          now: now.toISOString(),
        }),
      );
      pages.article++;
    }
    await write(renderHome(plan.articles, site, assets, now.toISOString()));
    pages.home++;
    for (const [section, list] of plan.bySection) {
      await write(renderSection(section, list, site, assets, now.toISOString()));
      pages.section++;
    }
    if (hasErrors(messages)) {
      await staging.abort();
      return failed();
    }

    const publicDir = join(projectRoot, 'public');
    for (const path of await listFiles(publicDir)) await staging.copy(join(publicDir, path), path);
    for (const path of await listFiles(options.contentDir)) {
      if (contentAssetPattern.test(path)) await staging.copy(join(options.contentDir, path), path);
    }
    await staging.commit();
  } catch (error) {
    await staging.abort();
    throw error;
  }
  return { messages: sortMessages(messages), written: true, pages, scheduled: plan.scheduled.length };
}
