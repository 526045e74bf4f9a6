// Every URL the site will have, checked once: no two pages on one URL, no alias over a page.
import type { Article } from '../content/load-content.ts';
import type { MessageRecord, Place } from '../messages.ts';
import type { SitePlan } from './plan.ts';
import { outputPathOf, urlOf } from './collections.ts';

/** A page the build will write, and who asked for it (for messages). */
export interface Route {
  url: string;
  outputPath: string;
  /** The content file that made it, when one did. */
  file?: string;
  place?: Place;
}

/** An old URL of an article that redirects to its new one. */
export interface Redirect extends Route {
  to: string;
}

/** Finds pages that share a URL, reporting each clash on the file that made the later one. */
export function findClashes(routes: readonly Route[]): MessageRecord[] {
  const messages: MessageRecord[] = [];
  const seen = new Map<string, Route>();
  for (const route of routes) {
    const key = route.outputPath.normalize('NFC');
    const first = seen.get(key);
    if (!first) {
      seen.set(key, route);
      continue;
    }
    const other = first.file ? `\`${first.file}\` has it too` : 'the site has a page there';
    messages.push({
      file: route.file ?? first.file ?? 'content',
      line: route.place?.line ?? 1,
      column: route.place?.column ?? 1,
      severity: 'error',
      reason: `Duplicate URL \`${safeDecode(route.url)}\`, expected each page to have its own; ${other}`,
      ruleId: 'duplicate-url',
    });
  }
  return messages;
}

/** The redirect page for an alias path written in front matter (already checked to stay on the site). */
export function aliasRoute(alias: string, to: string, file: string, place?: Place): Redirect {
  const segments = alias.split('/').filter(Boolean).map(safeDecode);
  return { url: urlOf(segments), outputPath: outputPathOf(segments), to, file, place };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The fixed pages and the articles, for the URL clash check. */
export function siteRoutes(plan: SitePlan, articles: ReadonlyMap<string, Article>): Route[] {
  return [
    { url: '/', outputPath: 'index.html' },
    { url: '/archive/', outputPath: 'archive/index.html' },
    { url: '/404.html', outputPath: '404.html' },
    { url: '/search/', outputPath: 'search/index.html' },
    ...plan.articles.map((a) => ({ url: a.url, outputPath: a.outputPath, file: articles.get(a.sourcePath)!.displayPath })),
  ];
}

/** The redirect pages of every article's `aliases`. */
export function collectRedirects(plan: SitePlan, articles: ReadonlyMap<string, Article>): Redirect[] {
  return plan.articles.flatMap((summary) => {
    const article = articles.get(summary.sourcePath)!;
    return (article.frontMatter.aliases ?? []).map((alias, index) =>
      aliasRoute(alias, summary.url, article.displayPath, article.locateFrontMatter(['aliases', index])),
    );
  });
}

/** The title of the article a redirect leads to, for its page. */
export function articleTitle(redirect: Redirect, plan: SitePlan): string {
  return plan.articles.find((a) => a.url === redirect.to)?.title ?? redirect.to;
}
