// Every article's related stories, kept in the build cache between builds: ranking them visits tens
// of millions of shared tags at archive scale, and they change only when some article's tags, section,
// draft state or place in the order does, which most builds (an edited body, a fixed typo) leave alone.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeCacheFile } from '../cache-file.ts';
import { relatedFinder } from './collections.ts';
import type { ArticleSummary, PublishedPlan } from './plan.ts';

/** The `count` related stories of each of the plan's articles, as `relatedFinder` ranks them, from `file` when it holds this plan's. */
export async function cachedRelated(plan: PublishedPlan, count: number, file: string): Promise<(article: ArticleSummary) => ArticleSummary[]> {
  const { articles } = plan;
  const fingerprint = relatedFingerprint(plan, count);
  let lists = await readStored(file, fingerprint, articles.length);
  const place = new Map(articles.map((article, index) => [article, index]));
  if (!lists) {
    const find = relatedFinder(plan);
    lists = articles.map((article) => find(article, count).map((other) => place.get(other)!));
    await writeCacheFile(file, JSON.stringify({ fingerprint, related: lists }));
  }
  const found = lists;
  return (article) => found[place.get(article)!]!.map((index) => articles[index]!);
}

// Everything the ranking reads, article by article in the plan's order (newest first).
function relatedFingerprint(plan: PublishedPlan, count: number): string {
  const hash = createHash('sha256').update(`related ${count}\n`);
  for (const article of plan.articles) hash.update(`${article.sourcePath}\0${article.section}\0${article.draft ? 'draft' : ''}\0${article.tags.join('\0')}\n`);
  return hash.digest('hex');
}

// The stored lists when they are this plan's and whole: one list of indexes into the plan an article.
async function readStored(file: string, fingerprint: string, length: number): Promise<number[][] | undefined> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { fingerprint?: unknown; related?: unknown };
    if (data.fingerprint !== fingerprint || !Array.isArray(data.related) || data.related.length !== length) return undefined;
    const lists = data.related as unknown[];
    const whole = lists.every((list) => Array.isArray(list) && list.every((index) => Number.isInteger(index) && index >= 0 && index < length));
    return whole ? (lists as number[][]) : undefined;
  } catch {
    return undefined;
  }
}
