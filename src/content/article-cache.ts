// What reading an article's front matter found, kept between builds by the hash of the file's bytes:
// an unchanged file is not split, parsed, validated or checked against the body limits again. Safe to
// delete; a cache of another matbaa or other sections is ignored, a damaged one is read as empty.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { jsonParts, writeCacheFile } from '../cache-file.ts';
import type { Place } from '../messages.ts';
import type { FrontMatter } from './schema.ts';
import type { ParsedYaml, YamlPath } from './yaml.ts';

/** An article file that passed every check of the loader, as far as its bytes decide. */
export interface CheckedArticle {
  frontMatter: FrontMatter;
  /** Where the body starts in the normalised text (see `blankFrontMatter`). */
  bodyStart: number;
  /** sha256 of the normalised text before `bodyStart`: the same hash, the same front matter, places and all. */
  frontHash: string;
  /** The place of every key and value in the front matter (see `recordPlaces`). */
  places: PlaceList;
  /** What the body links to and shows, resolved from the file's place `from` (the loader makes them anew for another). */
  references?: BodyReferences;
}

/** The content files an article's body refers to, found from its content path `from`. */
export interface BodyReferences {
  from: string;
  links: string[];
  images: string[];
}

/**
 * What the last load read at a content path: the file's size, times and inode (`statKey`), the hash
 * of its bytes, and its text's length. A file whose stat is the same is taken to hold the same bytes,
 * as the build's up-to-date check takes it, and is not read again until its page renders (which checks the hash).
 */
export interface FileRecord {
  stat: string;
  sourceHash: string;
  bodyLength: number;
}

/** The cache of one build: entries found are kept, entries not asked for are dropped on `save`. */
export interface ArticleCache {
  get(sourceHash: string): CheckedArticle | undefined;
  set(sourceHash: string, entry: CheckedArticle): void;
  /** The record and checked entry of a file that is as the last load read it (the same `stat`), else undefined. */
  unchanged(sourcePath: string, stat: string): { record: FileRecord; checked: CheckedArticle } | undefined;
  /** Records what was read at `sourcePath`. */
  setFile(sourcePath: string, record: FileRecord): void;
  /** Writes the entries this build used, when they differ from what was read. */
  save(): Promise<void>;
}

/** The key of a file's stat for `FileRecord`: a file rewritten, even to the same size within the same millisecond, moves its ctime. */
export function statKey(stats: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): string {
  return `${stats.size} ${stats.mtimeMs} ${stats.ctimeMs} ${stats.ino}`;
}

/** Opens the cache in `file` for a loader whose results `fingerprint` names (matbaa's code, the site's sections). */
export async function openArticleCache(file: string, fingerprint: string): Promise<ArticleCache> {
  const { stored, files: storedFiles } = await readStored(file, fingerprint);
  const used = new Map<string, CheckedArticle>();
  const files = new Map<string, FileRecord>();
  let added = false;
  return {
    unchanged(sourcePath, stat) {
      const record = storedFiles.get(sourcePath);
      const checked = record?.stat === stat ? stored.get(record.sourceHash) : undefined;
      if (!record || !checked) return undefined;
      used.set(record.sourceHash, checked);
      files.set(sourcePath, record);
      return { record, checked };
    },
    setFile(sourcePath, record) {
      files.set(sourcePath, record);
      const before = storedFiles.get(sourcePath);
      if (before?.stat !== record.stat || before.sourceHash !== record.sourceHash || before.bodyLength !== record.bodyLength) added = true;
    },
    get(sourceHash) {
      const entry = stored.get(sourceHash);
      if (entry) used.set(sourceHash, entry);
      return entry;
    },
    set(sourceHash, entry) {
      used.set(sourceHash, entry);
      // Setting back what was read changes nothing to save.
      if (stored.get(sourceHash) !== entry) added = true;
    },
    async save() {
      if (!added && used.size === stored.size && files.size === storedFiles.size) return;
      await writeCacheFile(file, jsonParts({ fingerprint, entries: [...used], files: [...files] }));
    },
  };
}

async function readStored(file: string, fingerprint: string): Promise<{ stored: Map<string, CheckedArticle>; files: Map<string, FileRecord> }> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { fingerprint?: unknown; entries?: unknown; files?: unknown };
    if (data.fingerprint !== fingerprint || !Array.isArray(data.entries)) return { stored: new Map(), files: new Map() };
    const files = Array.isArray(data.files) ? (data.files as [string, FileRecord][]).filter(isFileRecord) : [];
    return { stored: new Map((data.entries as [string, CheckedArticle][]).filter(isEntry)), files: new Map(files) };
  } catch {
    return { stored: new Map(), files: new Map() };
  }
}

function isFileRecord(entry: unknown): entry is [string, FileRecord] {
  if (!Array.isArray(entry) || typeof entry[0] !== 'string') return false;
  const record = entry[1] as Partial<FileRecord> | undefined;
  return typeof record?.stat === 'string' && typeof record.sourceHash === 'string' && Number.isInteger(record.bodyLength);
}

function isEntry(entry: unknown): entry is [string, CheckedArticle] {
  if (!Array.isArray(entry) || typeof entry[0] !== 'string') return false;
  const value = entry[1] as Partial<CheckedArticle> | undefined;
  if (value?.references !== undefined && !isReferences(value.references)) delete value.references;
  return typeof value?.frontMatter === 'object' && value.frontMatter !== null && Number.isInteger(value.bodyStart) && typeof value.frontHash === 'string' && Array.isArray(value.places);
}

function isReferences(value: unknown): value is BodyReferences {
  const references = value as Partial<BodyReferences> | null;
  const strings = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string');
  return typeof references?.from === 'string' && strings(references.links) && strings(references.images);
}

/** The fingerprint of a loader: matbaa's code and the sections the schema accepts. */
export function articleCacheFingerprint(code: string, sections: readonly string[]): string {
  return createHash('sha256').update(code).update('\n').update(JSON.stringify(sections)).digest('hex');
}

/**
 * Places as a flat list of triples, `title#value`, line, column, …: compact, since an archive holds
 * thousands of articles and a place is rarely asked for. The key strings are shared between articles.
 */
export type PlaceList = (string | number)[];

const keyStrings = new Map<string, string>();

/** Records the place of every key and value of the parsed front matter `value`. */
export function recordPlaces(value: unknown, locate: ParsedYaml['locate']): PlaceList {
  const places: PlaceList = [];
  const record = (path: readonly PropertyKey[], part: 'key' | 'value') => {
    const key = placeKey(path, part);
    const shared = keyStrings.get(key) ?? keyStrings.set(key, key).get(key)!;
    const { line, column } = locate(path, part);
    places.push(shared, line, column);
  };
  // A list item, like the whole, has one place for both parts, as the parsed YAML answers.
  record([], 'value');
  record([], 'key');
  const walk = (node: unknown, path: PropertyKey[]) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        record([...path, index], 'value');
        record([...path, index], 'key');
        walk(item, [...path, index]);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const key of Object.keys(node)) {
        record([...path, key], 'key');
        record([...path, key], 'value');
        walk((node as Record<string, unknown>)[key], [...path, key]);
      }
    }
  };
  walk(value, []);
  return places;
}

/** A locate function over recorded places that answers as the parsed YAML's would: a path not there points at its nearest recorded parent. */
export function locateFromRecord(places: PlaceList): ParsedYaml['locate'] {
  // A scan of the list, not a map: a front matter has a few dozen places, and a map an article would
  // stay in memory with it, for thousands of articles.
  const find = (key: string): Place | undefined => {
    for (let i = 0; i + 2 < places.length; i += 3) if (places[i] === key) return { line: Number(places[i + 1]), column: Number(places[i + 2]) };
    return undefined;
  };
  return (path: YamlPath, part = 'value') => {
    const exact = find(placeKey(path, part));
    if (exact) return exact;
    for (let length = path.length - 1; length >= 0; length--) {
      const parent = find(placeKey(path.slice(0, length), 'value'));
      if (parent) return parent;
    }
    return { line: 1, column: 1 };
  };
}

function placeKey(path: readonly PropertyKey[], part: 'key' | 'value'): string {
  return `${path.map(String).join('.')}#${part}`;
}
