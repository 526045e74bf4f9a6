// What the last complete build was made of, file by file and story by story, kept in the build cache
// so that a build after a few edited bodies can tell that no other page changes (see
// src/rebuild-edited.ts). Safe to delete: without it, the whole build runs.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeCacheFile } from '../cache-file.ts';
import type { Article } from '../content/load-content.ts';
import type { ArticleSummary } from '../site/plan.ts';

/** The last build's inputs and plan. */
export interface SiteRecord {
  /** The output it made (see `outputSignature`): a record of another build is not this output's. */
  output: string;
  /** The hash of its settings (see `Inputs.settings`). */
  settings: string;
  /** Every file it read, with its stat (see `Inputs.files`). */
  files: Record<string, string>;
  /** The published stories' summaries, newest first, from which `publishedPlan` makes the plan again. */
  articles: ArticleSummary[];
  /** What other pages may show of each published story, by its source path (see `shownOf`). */
  shown: Record<string, string>;
}

/**
 * What other pages may take from an article, as a hash: its front matter's text (its summary, slug and
 * front-matter places come from it), and the stories and pictures its body links to and shows (which
 * decide the images the build processes). The same hash, the same every page but the article's own.
 */
export function shownOf(article: Pick<Article, 'frontHash' | 'links' | 'images'>): string {
  return createHash('sha256').update(JSON.stringify([article.frontHash, article.links, article.images])).digest('hex');
}

/** The record in `file`, when there is one and it is whole. */
export async function readSiteRecord(file: string): Promise<SiteRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as Partial<SiteRecord>;
    const isMap = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');
    if (typeof record.output !== 'string' || typeof record.settings !== 'string' || !isMap(record.files) || !isMap(record.shown) || !Array.isArray(record.articles)) return undefined;
    // Every published story has its hash, and no other: a record cut short is not a plan.
    if (record.articles.length !== Object.keys(record.shown!).length || !record.articles.every((summary) => Object.hasOwn(record.shown!, summary?.sourcePath))) return undefined;
    return record as SiteRecord;
  } catch {
    return undefined;
  }
}

/** Keeps the record (a cache file: a failure to write it is ignored). */
export async function writeSiteRecord(file: string, record: SiteRecord): Promise<void> {
  await writeCacheFile(file, JSON.stringify(record));
}
