// What the last complete build was made of, file by file and story by story, kept in the build cache
// so that a build after a few edited bodies can tell that no other page changes (see
// src/rebuild-edited.ts). Safe to delete: without it, the whole build runs.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonParts, writeCacheFile } from '../cache-file.ts';
import type { Article } from '../content/load-content.ts';
import type { ArticleSummary } from '../site/plan.ts';

/** The last build's inputs and plan. */
export interface SiteRecord {
  /** The hash of the manifest of the output it made (see `OutputState`): a record of another build is not this output's. */
  output: string;
  /** The hash of its settings (see `Inputs.settings`). */
  settings: string;
  /** Every file it read, with its stat (see `Inputs.files`). */
  files: Record<string, string>;
  plan: PlanRecord;
}

/** The plan part of the record, in a file of its own: a build of edited bodies keeps it as it was, and does not write it again. */
export interface PlanRecord {
  /** Names this plan in the site record, so a plan file left by another build is not taken for its. */
  id: string;
  /** The published stories' summaries, newest first, from which `publishedPlan` makes the plan again. */
  articles: ArticleSummary[];
  /** What other pages may show of each published story, by its source path (see `shownOf`). */
  shown: Record<string, string>;
}

const siteFile = 'last-site.json';
const planFile = 'last-plan.json';

/**
 * What other pages may take from an article, as a hash: its front matter's text (its summary, slug and
 * front-matter places come from it), and the stories and pictures its body links to and shows (which
 * decide the images the build processes). The same hash, the same every page but the article's own.
 */
export function shownOf(article: Pick<Article, 'frontHash' | 'links' | 'images'>): string {
  return createHash('sha256').update(JSON.stringify([article.frontHash, article.links, article.images])).digest('hex');
}

/** The record kept in the build cache `cacheDir`, when there is one and it is whole. */
export async function readSiteRecord(cacheDir: string): Promise<SiteRecord | undefined> {
  try {
    const [record, plan] = await Promise.all([siteFile, planFile].map(async (name) => JSON.parse(await readFile(join(cacheDir, name), 'utf8')) as unknown));
    const site = record as Partial<Omit<SiteRecord, 'plan'> & { plan: string }>;
    const { id, articles, shown } = plan as Partial<PlanRecord>;
    const isMap = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');
    if (typeof site.output !== 'string' || typeof site.settings !== 'string' || !isMap(site.files) || site.plan !== id) return undefined;
    if (typeof id !== 'string' || !isMap(shown) || !Array.isArray(articles)) return undefined;
    // Every published story has its hash, and no other: a record cut short is not a plan.
    if (articles.length !== Object.keys(shown!).length || !articles.every((summary) => Object.hasOwn(shown!, summary?.sourcePath))) return undefined;
    return { output: site.output, settings: site.settings, files: site.files!, plan: { id, articles, shown: shown! } };
  } catch {
    return undefined;
  }
}

/** Keeps the record (cache files: a failure to write them is ignored); the plan's file only when `newPlan`. */
export async function writeSiteRecord(cacheDir: string, record: SiteRecord, options: { newPlan: boolean }): Promise<void> {
  // The plan first: a site record never names a plan that is not there.
  if (options.newPlan) await writeCacheFile(join(cacheDir, planFile), jsonParts({ ...record.plan }));
  await writeCacheFile(join(cacheDir, siteFile), JSON.stringify({ ...record, plan: record.plan.id }));
}
