// Whether the last build's output is still what a build would make now: the same code, options and
// files (content/ and public/, by size, time and inode), an output no one has added to or taken from,
// and a clock before the first moment a page changes by itself (a scheduled story falls due, a story
// leaves the news sitemap, the year in the footer turns). Then a build has nothing to do but report.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { writeCacheFile } from '../cache-file.ts';
import { statKey } from '../content/article-cache.ts';
import type { OutputState } from './staging.ts';

/** What the last complete build was made from, what it wrote, until when it holds, and what it reported. */
export interface BuildRecord<Result> {
  inputs: string;
  /** What it left in the output (see `OutputState`). */
  output: OutputState;
  /** Milliseconds since the epoch: from then on a page would change with no file changed. */
  validUntil: number;
  result: Result;
}

/** What a build reads besides the clock, as one hash and file by file. */
export interface Inputs {
  /** A hash of the settings and of every file's stat: the same, the same build. */
  signature: string;
  /** A hash of the settings alone (code, options). */
  settings: string;
  /** Each file's stat (see `statKey`), by its folder's place in the list and its path: `0:articles/a.md`. */
  files: Map<string, string>;
}

/** Reads the stat of every file under `folders`, and hashes them with `settings` (code, options). */
export function readInputs(settings: unknown, folders: readonly string[]): Inputs {
  const settingsHash = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
  const hash = createHash('sha256').update(settingsHash);
  const files = new Map<string, string>();
  for (const [index, folder] of folders.entries()) {
    hash.update(`\0${resolve(folder)}\0`);
    for (const entry of filesUnder(folder)) {
      const stats = lstatSync(join(folder, entry), { throwIfNoEntry: false });
      // ctime too: a file rewritten with the same size within the same millisecond still moves it.
      const stat = stats ? statKey(stats) : 'gone';
      files.set(`${index}:${entry}`, stat);
      hash.update(`${entry}\0${stat}\n`);
    }
  }
  return { signature: hash.digest('hex'), settings: settingsHash, files };
}

/** The files whose stat changed between two reads of the same folders, or undefined when one was added or taken away. */
export function changedFiles(before: Readonly<Record<string, string>>, now: Inputs['files']): string[] | undefined {
  if (Object.keys(before).length !== now.size) return undefined;
  const changed: string[] = [];
  for (const [file, stat] of now) {
    if (!Object.hasOwn(before, file)) return undefined;
    if (before[file] !== stat) changed.push(file);
  }
  return changed;
}

/** The record of the last build into `outDir` kept in `file`, if there is one and it is whole. */
export async function readBuildRecord<Result>(file: string): Promise<BuildRecord<Result> | undefined> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as Partial<BuildRecord<Result>>;
    if (typeof record.inputs !== 'string' || !isOutputState(record.output) || typeof record.validUntil !== 'number' || record.result === undefined) return undefined;
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
  // Resolved, so every entry's folder starts with it as given (with no trailing separator).
  const root = resolve(dir);
  let entries;
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  // Paths made by slicing, not by path.relative: at an archive's size its normalising took 90 ms.
  const start = root.endsWith(sep) ? root.length : root.length + 1;
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => {
      const folder = entry.parentPath === root ? '' : entry.parentPath.slice(start);
      return (folder ? `${folder}/${entry.name}` : entry.name).split(sep).join('/');
    })
    .sort();
}

function isOutputState(value: unknown): value is OutputState {
  const state = value as Partial<OutputState> | null;
  return typeof state?.manifest === 'string' && typeof state.folders === 'object' && state.folders !== null && Object.values(state.folders).every((stat) => typeof stat === 'string');
}
