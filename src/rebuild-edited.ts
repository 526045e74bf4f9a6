// A build after a few articles' bodies were edited and nothing else: when every other file is as the
// last build read it, and each edited article shows other pages what it did (the same front matter,
// the same stories and pictures in its body), no page but its own changes. Then only those pages are
// made, with the search index that holds them, from the plan the last build kept (output/last-site.ts);
// every other file stays as it is. Anything else, and any error, is left to the whole build.
import { join } from 'node:path';
import type { BuildOptions, BuildResult } from './build.ts';
import { loadArticle, loadContent, type Article } from './content/load-content.ts';
import type { SiteSettings } from './content/settings.ts';
import type { ImageEntry } from './markdown/content-images.ts';
import { hasErrors, sortMessages, type MessageRecord } from './messages.ts';
import { articleInput } from './render/article-input.ts';
import { articleKey, sharedDigests } from './render/render-key.ts';
import { pageRenderer } from './render/render-pool.ts';
import { latestCount as searchLatestCount, searchUrl } from './render/render-search.ts';
import { processImages } from './output/images.ts';
import { readSiteRecord, shownOf, type SiteRecord } from './output/last-site.ts';
import { openPageCache } from './output/page-cache.ts';
import { isSearchIndexPath, searchIndexParts } from './output/search-index.ts';
import type { Staging } from './output/staging.ts';
import { changedFiles, type BuildRecord, type Inputs } from './output/up-to-date.ts';
import { buildAssets } from './output/vite-assets.ts';
import { cachedRelated } from './site/related-cache.ts';
import { publishedPlan, type ArticleSummary } from './site/plan.ts';
import { pageContext, recordBuild, relatedCount, writeSearch } from './build-steps.ts';
import { projectRoot } from './project-root.ts';

// Past this many edited articles the whole build, with its worker threads, is as quick.
const mostEdited = 48;

/** What the caller knows already: the code, the cache, this build's inputs and the last build's record, whose output is the live one. */
export interface EditedBuild {
  options: BuildOptions;
  now: Date;
  code: string;
  cacheDir: string;
  inputs: Inputs;
  /** The last build's record: the live output is the one it made (`Staging.asExpected`). */
  record: BuildRecord<Omit<BuildResult, 'changes'>>;
}

/**
 * Builds the pages of the edited articles alone into `staging`, opened on the live output the record
 * names, and commits it; or aborts it and returns undefined when the whole build must run.
 */
export async function rebuildEdited(build: EditedBuild, staging: Staging): Promise<BuildResult | undefined> {
  try {
    const result = await rebuildInto(build, staging);
    if (!result) await staging.abort();
    return result;
  } catch (error) {
    await staging.abort();
    throw error;
  }
}

async function rebuildInto(build: EditedBuild, staging: Staging): Promise<BuildResult | undefined> {
  const { options, code, cacheDir, inputs, record } = build;
  const last = await readSiteRecord(cacheDir);
  if (!last || last.output !== record.output.manifest || last.settings !== inputs.settings) return undefined;
  const paths = editedArticles(last, inputs);
  if (!paths) return undefined;

  // The settings are read again (their file is unchanged, and they are quick to read); the edited articles are read whole.
  const content = await loadContent(options.contentDir, { articles: false });
  if (!content.settings || hasErrors(content.messages)) return undefined;
  const site: SiteSettings = options.baseUrl ? { ...content.settings, baseUrl: new URL(options.baseUrl).href } : content.settings;
  const edited: { article: Article; messages: MessageRecord[] }[] = [];
  for (const path of paths) {
    const { article, messages } = await loadArticle(options.contentDir, join(options.contentDir, path), content.settings);
    if (!article || hasErrors(messages) || shownOf(article) !== last.plan.shown[article.sourcePath]) return undefined;
    edited.push({ article, messages });
  }

  const plan = publishedPlan(last.plan.articles, content.settings);
  const summaryOf = new Map(plan.articles.map((summary) => [summary.sourcePath, summary]));
  const assets = await buildAssets(projectRoot, staging, { cacheDir, code });
  const related = await cachedRelated(plan, relatedCount, join(cacheDir, 'related.json'));
  const searchParts = searchIndexParts(plan.articles.map((summary) => summary.outputPath));
  const plain = pageContext(site, assets, build.now, searchParts, new Map());
  const inputOf = (article: Article, images?: ReadonlyMap<string, ImageEntry>) => {
    const summary = summaryOf.get(article.sourcePath)!;
    return articleInput(summary, article, plan, site, { assets, now: plain.now, related: related(summary), feeds: plain.feeds(summary.section) }, images);
  };
  // Only the pictures these pages show (the edited ones and the search page's latest stories): every
  // other picture's files stay as they are, with the rest of the site.
  const wanted = new Set<string>();
  const show = (summary: ArticleSummary) => summary.imagePath !== undefined && wanted.add(summary.imagePath);
  plan.articles.slice(0, searchLatestCount).forEach(show);
  for (const { article } of edited) {
    const input = inputOf(article);
    [input.article, ...input.related, ...input.more].forEach(show);
    for (const path of article.images) if (inputs.files.has(`0:${path}`)) wanted.add(path);
  }
  const { images } = await processImages([...wanted].map((contentPath) => ({ contentPath })), { contentDir: options.contentDir, cacheDir, staging, recordSources: false, recordedEncoder: true });
  const context = { ...plain, images: Object.fromEntries(images) };

  const messages: MessageRecord[] = [];
  const digest = sharedDigests();
  const cache = openPageCache(cacheDir);
  const renderer = pageRenderer(edited.length);
  try {
    for (const { article, messages: loaded } of edited) {
      const input = inputOf(article, images);
      const key = articleKey(code, input, article.sourceHash, digest);
      messages.push(...loaded);
      const cached = await cache.get(key);
      const page = cached ?? (await renderer.render({ ...input, body: article.body }));
      // A page with an error is left to the whole build, which reports it with everything else.
      if (hasErrors(page.messages)) return undefined;
      if (!cached) await cache.set(key, page);
      messages.push(...page.messages);
      await staging.write(input.article.outputPath, page.html, { key, ...(page.searchKey ? { searchKey: page.searchKey } : {}) });
    }
  } finally {
    await renderer.close();
  }
  // Everything else the last build made stays, but the search index and its page, made again below.
  const remade = (path: string) => path === searchPage || isSearchIndexPath(path);
  if (!staging.keepRest(remade)) return undefined;
  await writeSearch(staging, plan.articles, context, { outDir: options.outDir, code, parts: searchParts }, async (page) => {
    await staging.write(page.path, page.html);
  });
  const changes = await staging.commit();
  // The last build's messages, but those of the edited files, which were made again.
  const files = new Set(edited.map(({ article }) => article.displayPath));
  const result = { ...record.result, messages: sortMessages([...record.result.messages.filter((message) => !files.has(message.file)), ...messages]) };
  await recordBuild(cacheDir, { staging, inputs, validUntil: record.validUntil, result, plan: last.plan, newPlan: false });
  return { ...result, changes, editedOnly: edited.map(({ article }) => article.displayPath) };
}

const searchPage = `${searchUrl.slice(1)}index.html`;

// The content paths of the edited articles, when nothing else changed: no file added or taken away,
// and every changed file a published article (one in the last plan); else undefined.
function editedArticles(last: SiteRecord, inputs: Inputs): string[] | undefined {
  const changed = changedFiles(last.files, inputs.files);
  if (!changed || changed.length === 0 || changed.length > mostEdited) return undefined;
  const paths: string[] = [];
  for (const file of changed) {
    // Files of the first folder, content/ (see `readInputs`).
    if (!file.startsWith('0:')) return undefined;
    const path = file.slice(2);
    if (!Object.hasOwn(last.plan.shown, path)) return undefined;
    paths.push(path);
  }
  return paths;
}
