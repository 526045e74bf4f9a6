// `matbaa check`: every check the build makes, and the Arabic style lint, without writing the site.
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { loadContent, normaliseText, type Article } from './content/load-content.ts';
import { messageRecords, sortMessages, type MessageRecord } from './messages.ts';
import { markdownTreeToHast, parseMarkdown } from './markdown/processor.ts';
import { lintTree } from './lint/lint-article.ts';
import { applyFixes } from './lint/fix.ts';
import { planSite } from './site/plan.ts';
import { collectListings, paginate } from './site/collections.ts';
import { collectRedirects, findClashes, siteRoutes } from './site/routes.ts';
import { articleInput } from './render/article-input.ts';
import { originalImages } from './content/image-facts.ts';
import { listFiles } from './output/staging.ts';

/** What to check. */
export interface CheckOptions {
  contentDir: string;
  now?: Date;
}

/** The messages of a check, and for each article the lint findings that carry a safe fix. */
export interface CheckResult {
  messages: MessageRecord[];
  /** Per article file: its source as loaded and the lint messages with fixes. */
  fixable: { article: Article; messages: VFileMessage[] }[];
}

/** Checks the content as `build` would (schema, unique URLs, links, images) and lints every article. */
export async function checkSite(options: CheckOptions): Promise<CheckResult> {
  const loaded = await loadContent(options.contentDir);
  const messages = [...loaded.messages];
  const fixable: CheckResult['fixable'] = [];
  const site = loaded.settings;
  if (!site) return { messages: sortMessages(messages), fixable };

  // Drafts and scheduled stories are checked too: they will be published one day.
  const plan = planSite(loaded.articles, site, { includeDrafts: true, includeFuture: true, now: options.now ?? new Date() });
  messages.push(...plan.messages);
  const articles = new Map(loaded.articles.map((article) => [article.sourcePath, article]));
  const listingPages = collectListings(plan, site).flatMap((listing) => paginate(listing, site.pageSize));
  messages.push(...findClashes([...siteRoutes(plan, articles), ...listingPages, ...collectRedirects(plan, articles)]));

  // Pictures in article bodies that exist in content/, with their true sizes: a missing one is an error at its line.
  const contentFiles = new Set(await listFiles(options.contentDir));
  const wanted = plan.articles.flatMap((summary) => articles.get(summary.sourcePath)!.images);
  const images = await originalImages(options.contentDir, wanted.filter((path) => contentFiles.has(path)));
  for (const summary of plan.articles) {
    const article = articles.get(summary.sourcePath)!;
    const input = articleInput(summary, article, plan, site, { assets: { stylesheets: [] }, now: '', related: [], feeds: [] });
    const file = new VFile({ path: article.displayPath, value: article.body });
    // One parse, as the build does: the lint reads the tree as written, then the Markdown stage transforms it.
    const tree = parseMarkdown(file);
    const lint = lintTree(tree, file, { frontMatter: article.frontMatter, locateFrontMatter: article.locateFrontMatter, rules: site.lint });
    markdownTreeToHast(tree, file, { sourcePath: summary.sourcePath, links: input.links, lineBreaks: site.lineBreaks, images });
    messages.push(...messageRecords(file));
    const withFixes = lint.filter((message) => message.expected !== undefined && message.expected.length === 1);
    if (withFixes.length > 0) fixable.push({ article, messages: withFixes });
  }
  return { messages: sortMessages(messages), fixable };
}

/** The source of an article with the safe fixes made, in the file's own line ends and BOM. */
export function fixedSource(original: string, messages: readonly VFileMessage[]): string {
  // The loader normalised the text (BOM dropped, LF, NFC) and lint offsets count in that text.
  const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
  const crlf = original.includes('\r\n');
  const normalised = normaliseText(original);
  const fixed = applyFixes(normalised, messages);
  return bom + (crlf ? fixed.replace(/\n/g, '\r\n') : fixed);
}
