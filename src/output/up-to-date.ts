// Whether the last build's output is still what a build would make now: the same code, options and
// files (content/ and public/, by size, time and inode), an output no one has added to or taken from,
// and a clock before the first moment a page changes by itself (a scheduled story falls due, a story
// leaves the news sitemap, the year in the footer turns). Then a build has nothing to do but report.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { writeCacheFile } from '../cache-file.ts';
import { manifestName } from './staging.ts';

/** What the last complete build was made from, what it wrote, until when it holds, and what it reported. */
export interface BuildRecord<Result> {
  inputs: string;
  output: string;
  /** Milliseconds since the epoch: from then on a page would change with no file changed. */
  validUntil: number;
  result: Result;
}

/** A hash of everything a build reads besides the clock: `settings` (code, options) and every file under `folders`. */
export async function inputsSignature(settings: unknown, folders: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(settings));
  for (const folder of folders) {
    hash.update(`\0${resolve(folder)}\0`);
    // ctime too: a file rewritten with the same size within the same millisecond still moves it.
    for (const entry of filesUnder(folder)) {
      const stats = lstatSync(join(folder, entry), { throwIfNoEntry: false });
      hash.update(`${entry}\0${stats ? `${stats.size} ${stats.mtimeMs} ${stats.ctimeMs} ${stats.ino}` : 'gone'}\n`);
    }
  }
  return hash.digest('hex');
}

/**
 * A hash of the output: its deploy manifest's bytes and the paths of every file in it, or undefined
 * without a manifest. `files`, when the caller knows them (a commit just made them), saves the walk.
 */
export async function outputSignature(outDir: string, files?: readonly string[]): Promise<string | undefined> {
  const manifest = await readFile(join(outDir, manifestName)).catch(() => undefined);
  if (!manifest) return undefined;
  const hash = createHash('sha256').update(manifest);
  for (const path of files ?? filesUnder(outDir)) hash.update(`${path}\n`);
  return hash.digest('hex');
}

/** The record of the last build into `outDir` kept in `file`, if there is one and it is whole. */
export async function readBuildRecord<Result>(file: string): Promise<BuildRecord<Result> | undefined> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as Partial<BuildRecord<Result>>;
    if (typeof record.inputs !== 'string' || typeof record.output !== 'string' || typeof record.validUntil !== 'number' || record.result === undefined) return undefined;
    return record as BuildRecord<Result>;
  } catch {
    return undefined;
  }
}

/** Keeps the record of a complete build (a cache file: a failure to write it is ignored). */
export async function writeBuildRecord<Result>(file: string, record: BuildRecord<Result>): Promise<void> {
  await writeCacheFile(file, JSON.stringify(record));
}


// Every file under `dir` (links and all, as names only), sorted. Synchronous, as are the stats above:
// tens of thousands of small calls finish several times sooner than through promises.
function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
