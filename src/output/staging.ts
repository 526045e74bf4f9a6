// The only place that writes the site: a staging directory beside the output, moved into it file by file under a journal, or swapped in whole.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { link, lstat, mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { statKey } from '../content/article-cache.ts';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** The deploy manifest's name, inside the output: every file with its content hash. */
export const manifestName = '.matbaa-manifest.json';

/** What the manifest knows of one output file. */
export interface ManifestEntry {
  /** sha256 of the file's bytes. */
  hash: string;
  /** The hash of everything the page was rendered from, when it is a rendered page. */
  key?: string;
  /** What the search index reads of the page, as a hash (see render/search-digest.ts), when it is indexed. */
  searchKey?: string;
}

/** Output files added, changed and removed by a build, for uploading and purging only those. */
export interface OutputChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** A file a build expects to find unchanged in the live output. */
export interface KeptFile {
  path: string;
  /** sha256 of its bytes. */
  hash: string;
  /** Its size in bytes. */
  size: number;
}

/** A build's output in progress; nothing in `outDir` changes until `commit`. */
export interface Staging {
  /** Writes one file of the site; an unchanged file is left as it is in the live output, keeping its bytes and mtime. */
  write(path: string, contents: string | Uint8Array, meta?: Omit<ManifestEntry, 'hash'>): Promise<void>;
  /** Copies a file into the site, with the same care for unchanged files. */
  copy(source: string, path: string): Promise<void>;
  /** Keeps the live file at `path` when the last build rendered it from the same input `key`; false when it must be written. */
  reuse(path: string, key: string): Promise<boolean>;
  /** Keeps every live file under `folder/` when the last build made them all from the same input `key`. */
  reuseFolder(folder: string, key: string): Promise<boolean>;
  /** Keeps the live files when the last build wrote each with this hash and it still has this size; all of them or none. */
  keep(files: readonly KeptFile[]): Promise<boolean>;
  /**
   * Keeps every file of the last build not staged yet, but those `except` names, as it is in the live
   * output; false, keeping none, when one of them is not there any more.
   */
  keepRest(except: (path: string) => boolean): boolean;
  /** The content hash of a file staged so far. */
  hashOf(path: string): string | undefined;
  /** What the search index reads of a page staged so far, as a hash: its `searchKey`, else its content hash. */
  searchKeyOf(path: string): string | undefined;
  /** Where the bytes of a file staged so far are on disk now: the new file, or the live one it leaves as it is. */
  fileOf(path: string): string;
  /** Writes the deploy manifest, puts the staged site in place of the live one, and says what changed. */
  commit(): Promise<OutputChanges>;
  /** True when the live output was found as `expect` (see `openStaging`) describes it, and so not walked. */
  readonly asExpected: boolean;
  /** What the commit left in the output, for the next build to expect (see `OutputState`). */
  committedState(): Promise<OutputState>;
  /** Throws the staged files away; the live output stays as it was. */
  abort(): Promise<void>;
}

/**
 * What a build left in its output, for the next build to find it so: the hash of its manifest's bytes
 * and the stat of every folder ('' for the output itself). A file added to a folder, taken from it or
 * renamed in it moves the folder's stat, so an output whose folders all have theirs still holds the
 * files its manifest lists and no others, and need not be walked.
 */
export interface OutputState {
  manifest: string;
  folders: Record<string, string>;
}

// A folder's stat is taken this long after the commit's last change to it at the soonest: a file's
// time comes from a clock that moves a tick at a time (a few milliseconds), and a change made later
// within the same tick would leave the folder's time as it was.
const settleMs = 30;

// Past this share of the site's files written anew, a commit links the rest into the staging
// directory and swaps it in whole: one rename instead of two for every file.
const swapWholeShare = 0.5;

/**
 * Opens a fresh staging directory beside `outDir`, after restoring any output an interrupted commit left
 * half done. When the live output has a deploy manifest, only new and changed files are staged and
 * `commit` moves just those into place (see `commitInPlace`); without one, the whole site is staged and swapped in.
 * With `expect`, the state the last build left (see `committedState`), an output found so is not walked.
 */
export async function openStaging(outDir: string, options: { manifest?: string; expect?: OutputState } = {}): Promise<Staging> {
  const out = resolve(outDir);
  const parent = dirname(out);
  const name = basename(out);
  const manifestFile = options.manifest ?? manifestName;
  await mkdir(parent, { recursive: true });
  const unlock = lockOutput(parent, name);
  const dir = join(parent, `.${name}.staging-${process.pid}-${Date.now()}`);
  try {
    await recoverInterruptedSwap(parent, name);
    await mkdir(dir);
  } catch (error) {
    unlock();
    throw error;
  }
  const madeDirs = new Set<string>([dir]);

  const target = (path: string): string => {
    if (!isSafeOutputPath(path)) throw new Error(`Refusing to write outside the output: ${JSON.stringify(path)}`);
    return join(dir, ...path.split('/'));
  };

  const ensureDir = async (file: string) => {
    const folder = dirname(file);
    if (madeDirs.has(folder)) return;
    await mkdir(folder, { recursive: true });
    madeDirs.add(folder);
  };

  // The live output's manifest is read whole but parsed only when asked: a build with nothing to do
  // needs its hash alone.
  const manifestBytes = await readFile(join(out, manifestFile)).catch(() => undefined);
  const manifestHash = manifestBytes && createHash('sha256').update(manifestBytes).digest('hex');
  let parsed: Map<string, ManifestEntry> | undefined | null = null;
  const manifest = () => (parsed === null ? (parsed = parseManifest(manifestBytes)) : parsed);
  // What the live output holds: the files the manifest lists when it is as the last build left it,
  // else walked once. Only files the manifest vouches for (and that are still there, of the size it
  // implies) are left in place, and whatever else is there goes at the commit.
  const { expect } = options;
  const asExpected = expect !== undefined && manifestHash === expect.manifest && foldersAre(out, expect.folders);
  let listed: LiveFiles | undefined;
  const walked = manifestBytes && !asExpected ? walkOutput(out) : undefined;
  const live = (): LiveFiles | undefined => {
    const known = manifest();
    if (!known) return undefined;
    if (walked) return walked;
    return (listed ??= liveFiles(out, new Set([...known.keys(), manifestFile]), new Set(), new Set(Object.keys(expect!.folders))));
  };
  const entries = new Map<string, ManifestEntry>();
  // Files in the staging directory; every other entry stays as it is in the live output.
  const staged = new Set<string>();
  const livePath = (path: string) => join(out, ...path.split('/'));
  const isLive = (path: string) => live()?.files.has(path) ?? false;
  // The last build's entries by their first folder, for the index's parts, asked for folder by folder.
  let byFolder: Map<string, [string, ManifestEntry][]> | undefined;
  let committed: { at: number; inPlace: { put: string[]; remove: string[] } | undefined; files: string[]; manifest: string } | undefined;

  const write = async (path: string, contents: string | Uint8Array, meta: Omit<ManifestEntry, 'hash'> = {}) => {
    const file = target(path);
    // Once is all: a second write could leave the first one's bytes staged under the second's hash.
    if (entries.has(path)) throw new Error(`${path} was written twice in one build`);
    // Bytes before the first await: a page's string is let go of young, not kept across the writes.
    const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
    const hash = createHash('sha256').update(bytes).digest('hex');
    entries.set(path, { hash, ...meta });
    // The last manifest says what the live file holds (one of another size was changed since).
    const liveFiles = live();
    if (liveFiles) {
      if (manifest()!.get(path)?.hash === hash && liveFiles.sizeOf(path) === bytes.byteLength) return;
      await ensureDir(file);
      await writeFile(file, bytes, { flag: 'wx' });
      staged.add(path);
      return;
    }
    // Without one, the whole site is staged: a file with the same bytes is linked, keeping its mtime.
    await ensureDir(file);
    if (await sameBytes(livePath(path), bytes)) await link(livePath(path), file);
    else await writeFile(file, bytes, { flag: 'wx' });
    staged.add(path);
  };

  return {
    write,
    copy: async (source, path) => write(path, await readFile(source)),
    async reuse(path, key) {
      const entry = manifest()?.get(path);
      if (!entry || entry.key !== key || !isLive(path)) return false;
      entries.set(path, entry);
      return true;
    },
    async reuseFolder(folder, key) {
      if (!byFolder) {
        byFolder = new Map();
        for (const item of manifest() ?? []) {
          const first = item[0].slice(0, Math.max(0, item[0].indexOf('/')));
          const list = byFolder.get(first);
          if (list) list.push(item);
          else byFolder.set(first, [item]);
        }
      }
      const kept = folder.includes('/') ? [...(manifest() ?? [])].filter(([path]) => path.startsWith(`${folder}/`)) : (byFolder.get(folder) ?? []);
      if (kept.length === 0 || kept.some(([path, entry]) => entry.key !== key || !isLive(path))) return false;
      for (const [path, entry] of kept) entries.set(path, entry);
      return true;
    },
    async keep(files) {
      // Only the manifest can vouch for a live file's bytes without reading them.
      const previous = manifest();
      const liveFiles = live();
      if (!previous || !liveFiles) return false;
      if (files.some(({ path, hash, size }) => previous.get(path)?.hash !== hash || liveFiles.sizeOf(path) !== size)) return false;
      for (const { path, hash } of files) entries.set(path, { hash });
      return true;
    },
    keepRest(except) {
      const previous = manifest();
      if (!previous) return false;
      const kept = [...previous].filter(([path]) => !entries.has(path) && !except(path));
      if (kept.some(([path]) => !isLive(path))) return false;
      for (const [path, entry] of kept) entries.set(path, entry);
      return true;
    },
    hashOf: (path) => entries.get(path)?.hash,
    searchKeyOf: (path) => entries.get(path)?.searchKey ?? entries.get(path)?.hash,
    fileOf: (path) => (staged.has(path) ? target(path) : livePath(path)),
    asExpected,
    async commit() {
      const changes: OutputChanges = { added: [], changed: [], removed: [] };
      const previous = manifest();
      const liveFiles = live();
      for (const [path, entry] of entries) {
        const before = previous?.get(path);
        if (!before) changes.added.push(path);
        else if (before.hash !== entry.hash) changes.changed.push(path);
      }
      for (const path of previous?.keys() ?? []) if (!entries.has(path)) changes.removed.push(path);
      const writtenHash = await writeManifest(join(dir, manifestFile), entries);
      staged.add(manifestFile);

      let inPlace: { put: string[]; remove: string[] } | undefined;
      if (liveFiles && staged.size <= swapWholeShare * entries.size) {
        inPlace = commitInPlace({ out, staging: dir, backup: join(parent, `.${name}.old-${process.pid}-${Date.now()}`), journal: journalFile(parent, name, process.pid) }, liveFiles, entries, staged);
      } else {
        // Most of the site is new: the files left in place join the staged ones, and the whole is swapped in.
        for (const path of entries.keys()) {
          if (staged.has(path)) continue;
          const file = target(path);
          await ensureDir(file);
          await link(livePath(path), file);
        }
        await swapWhole(out, dir, parent, name);
      }
      committed = { at: Date.now(), inPlace, files: [...entries.keys(), manifestFile], manifest: writtenHash };
      unlock();
      for (const list of Object.values(changes)) list.sort();
      return changes;
    },
    async committedState() {
      if (!committed) throw new Error('The output is not committed yet');
      const { at: done, inPlace, files } = committed;
      const wait = done + settleMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // A commit in place into an output found as expected changed only the folders of the files it
      // moved; every other folder keeps the stat it was found with. Else every folder is asked. (A file
      // another program puts in the output between the commit and these stats is taken as ours: the
      // lock keeps out other builds, not other programs.)
      const folders: Record<string, string> = {};
      let asked: Iterable<string>;
      if (inPlace && asExpected) {
        Object.assign(folders, expect!.folders);
        asked = foldersOf([...inPlace.put, ...inPlace.remove]);
      } else {
        asked = new Set([...foldersOf(files), ...(walked?.folders ?? [])]);
      }
      for (const folder of asked) {
        const stats = folderStats(out, folder);
        if (stats) folders[folder] = statKey(stats);
        else delete folders[folder];
      }
      return { manifest: committed.manifest, folders };
    },
    async abort() {
      await rm(dir, { recursive: true, force: true });
      unlock();
    },
  };
}

// One build writes an output at a time: two commits in place at once would mix their files. The lock
// is a file beside the output naming the process that holds it; one left by a process that died is
// taken over. Returns the function that lets it go.
function lockOutput(parent: string, name: string): () => void {
  const file = join(parent, `.${name}.lock`);
  const release = () => {
    if (holderOf(file) === process.pid) rmSync(file, { force: true });
  };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(file);
      if (attempt > 0 || holder === process.pid || (holder !== undefined && isRunning(holder))) {
        throw new Error(`Another build (process ${holder ?? 'unknown'}) is writing ${join(parent, name)}; wait for it to end (or delete ${file} if no build is running)`);
      }
      rmSync(file, { force: true });
    }
  }
}

// The process id a lock file names, or undefined when there is none or it is not one.
function holderOf(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

// The deploy manifest, `{"version":1,"files":{…}}` with the paths sorted, written a slice at a time:
// at an archive's size it is some 15 MB of JSON, which as one string (and one object to make it from)
// was the last peak of a build's memory. Returns the hash of its bytes.
async function writeManifest(file: string, entries: ReadonlyMap<string, ManifestEntry>): Promise<string> {
  const paths = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256');
  const handle = await open(file, 'wx');
  const put = async (slice: string) => {
    hash.update(slice);
    await handle.write(slice);
  };
  try {
    let slice = '{"version":1,"files":{';
    for (const [index, path] of paths.entries()) {
      // Made by hand, not by JSON.stringify: a hash and a key are hex (see parseManifest), and at an archive's size this is twice as fast.
      const { hash: fileHash, key, searchKey } = entries.get(path)!;
      slice += `${index === 0 ? '' : ','}${JSON.stringify(path)}:{"hash":"${fileHash}"${key === undefined ? '' : `,"key":"${key}"`}${searchKey === undefined ? '' : `,"searchKey":"${searchKey}"`}}`;
      if (slice.length >= 1 << 20) {
        await put(slice);
        slice = '';
      }
    }
    await put(`${slice}}}`);
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

// Renames the staged site in place of the live one, and has the old one deleted after.
async function swapWhole(out: string, dir: string, parent: string, name: string): Promise<void> {
  const aside = join(parent, `.${name}.previous-${process.pid}`);
  const hadOutput = await exists(out);
  if (hadOutput) await rename(out, aside);
  await rename(dir, out);
  if (hadOutput) {
    // Deleting the old output file by file takes seconds at an archive's size, and nobody waits
    // for it: it is renamed out of the way and deleted after this process (see discardOldOutput).
    const old = join(parent, `.${name}.old-${process.pid}-${Date.now()}`);
    await rename(aside, old);
    discardOldOutput(old);
  }
}

/** What the live output holds: its regular files (each one's size asked when needed), anything else that is not a folder, and its folders. */
interface LiveFiles {
  files: Set<string>;
  others: Set<string>;
  folders: Set<string>;
  sizeOf(path: string): number | undefined;
}

function liveFiles(out: string, files: Set<string>, others: Set<string>, folders: Set<string>): LiveFiles {
  const sizes = new Map<string, number | undefined>();
  return {
    files,
    others,
    folders,
    sizeOf(path) {
      if (!files.has(path)) return undefined;
      if (!sizes.has(path)) sizes.set(path, lstatSync(join(out, ...path.split('/')), { throwIfNoEntry: false })?.size);
      return sizes.get(path);
    },
  };
}

// Synchronous, as are the sizes: tens of thousands of small calls finish several times sooner than
// through promises, and nothing else runs while a build opens its staging. A page reused by its key
// needs only to be there; a file written or kept by its hash needs its size too.
function walkOutput(out: string): LiveFiles {
  const live = liveFiles(out, new Set(), new Set(), new Set(['']));
  let entries;
  try {
    entries = readdirSync(out, { recursive: true, withFileTypes: true });
  } catch {
    return live;
  }
  // Paths made by slicing (`out` is resolved, so each folder starts with it), not by path.relative.
  for (const entry of entries) {
    const folder = entry.parentPath === out ? '' : entry.parentPath.slice(out.length + 1);
    const path = (folder ? `${folder}/${entry.name}` : entry.name).split(sep).join('/');
    if (entry.isDirectory()) live.folders.add(path);
    else if (entry.isFile()) live.files.add(path);
    else live.others.add(path);
  }
  return live;
}

// Whether every folder has the stat it was recorded with (see `OutputState`).
function foldersAre(out: string, folders: Readonly<Record<string, string>>): boolean {
  if (!Object.hasOwn(folders, '')) return false;
  for (const [folder, stat] of Object.entries(folders)) {
    const stats = folderStats(out, folder);
    if (!stats || statKey(stats) !== stat) return false;
  }
  return true;
}

// The stat of a folder of the output, or undefined when there is no folder there (nothing, or a file in its place or its parent's).
function folderStats(out: string, folder: string): Stats | undefined {
  try {
    const stats = lstatSync(folder === '' ? out : join(out, ...folder.split('/')));
    return stats.isDirectory() ? stats : undefined;
  } catch {
    return undefined;
  }
}

// The folders that hold these files, and the folders that hold those, up to the output itself ('').
function foldersOf(paths: Iterable<string>): Set<string> {
  const folders = new Set<string>(['']);
  for (const path of paths) {
    for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
      const folder = path.slice(0, end);
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

/**
 * What a commit in place is about to do, written before it moves anything: each file it puts in
 * place (and whether one was there), each it takes away. Whatever part of it was done, the moves can
 * be undone from this: the replaced files are in `backup`, the new ones still in `staging` or in place.
 */
interface CommitJournal {
  version: 1;
  out: string;
  staging: string;
  backup: string;
  put: { path: string; replaces: boolean }[];
  remove: string[];
}

// The file at a site path under `root` (the output, the staging folder, or the replaced files' folder).
const at = (root: string, path: string) => join(root, ...path.split('/'));

function journalFile(parent: string, name: string, pid: number): string {
  return join(parent, `.${name}.journal-${pid}.json`);
}

// Moves the staged files into the live output and the files they replace (and those no longer part
// of the site) aside, one rename each, so the work grows with the change and not with the site. The
// journal is the transaction: written first, deleted once every move is done. Synchronous, so a
// signal's handler never runs half-way through it; an error undoes it here, and a kill is undone by
// the next build (see recoverInterruptedSwap).
function commitInPlace(paths: Omit<CommitJournal, 'version' | 'put' | 'remove'> & { journal: string }, liveFiles: LiveFiles, entries: ReadonlyMap<string, ManifestEntry>, staged: ReadonlySet<string>): { put: string[]; remove: string[] } {
  const manifestLast = (a: string, b: string) => Number(isManifest(a)) - Number(isManifest(b));
  const put = [...staged].sort(manifestLast).map((path) => ({ path, replaces: liveFiles.files.has(path) || liveFiles.others.has(path) }));
  const remove = [...liveFiles.files, ...liveFiles.others].filter((path) => !entries.has(path) && !staged.has(path));
  const journal: CommitJournal = { version: 1, out: paths.out, staging: paths.staging, backup: paths.backup, put, remove };
  writeFileSync(`${paths.journal}.tmp`, JSON.stringify(journal));
  renameSync(`${paths.journal}.tmp`, paths.journal);
  const made = new Set<string>();
  const move = (from: string, to: string) => {
    const folder = dirname(to);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    renameSync(from, to);
  };
  try {
    for (const path of remove) move(at(paths.out, path), at(paths.backup, path));
    // A folder emptied by the removals goes too, so that a file of the same name can take its place.
    for (const path of remove) removeEmptyFolders(paths.out, dirname(at(paths.out, path)));
    for (const { path, replaces } of put) {
      if (replaces) move(at(paths.out, path), at(paths.backup, path));
      move(at(paths.staging, path), at(paths.out, path));
    }
  } catch (error) {
    undoCommit(journal);
    rmSync(paths.journal, { force: true });
    // Only the folders the replaced files were moved into are left of it.
    rmSync(paths.backup, { recursive: true, force: true });
    throw error;
  }
  rmSync(paths.journal);
  // What is left: the replaced files and the staging directory's empty folders.
  if (put.length + remove.length > 1000) {
    discardOldOutput(paths.backup);
    discardOldOutput(paths.staging);
  } else {
    rmSync(paths.backup, { recursive: true, force: true });
    rmSync(paths.staging, { recursive: true, force: true });
  }
  return { put: put.map(({ path }) => path), remove };
}

const isManifest = (path: string) => /^\.matbaa-manifest(\.shard-\d+-of-\d+)?\.json$/.test(path);

// Puts back every file a commit in place moved, whatever part of its moves was done.
function undoCommit(journal: CommitJournal): void {
  const back = (path: string) => {
    mkdirSync(dirname(at(journal.out, path)), { recursive: true });
    renameSync(at(journal.backup, path), at(journal.out, path));
  };
  for (const { path, replaces } of [...journal.put].reverse()) {
    if (isThere(at(journal.backup, path))) back(path);
    // A new file no longer in the staging directory was moved in: it goes.
    else if (!replaces && !isThere(at(journal.staging, path))) {
      rmSync(at(journal.out, path), { force: true });
      removeEmptyFolders(journal.out, dirname(at(journal.out, path)));
    }
  }
  for (const path of journal.remove) if (isThere(at(journal.backup, path))) back(path);
}

// Whether a journal read back moves files only where a commit beside `parent` would: its output and
// folders beside it of that output's, and site paths inside them; anything else is not acted on.
function isJournalOf(journal: CommitJournal, parent: string): boolean {
  const name = basename(journal.out ?? '');
  const beside = (dir: unknown) => typeof dir === 'string' && dirname(dir) === parent && basename(dir).startsWith(`.${name}.`);
  const paths = [...(Array.isArray(journal.put) ? journal.put.map((put) => put?.path) : [undefined]), ...(Array.isArray(journal.remove) ? journal.remove : [undefined])];
  return typeof journal.out === 'string' && dirname(journal.out) === parent && beside(journal.staging) && beside(journal.backup) && paths.every((path) => typeof path === 'string' && isSafeOutputPath(path));
}

// Whether anything is at `path`, a link to nowhere too.
const isThere = (path: string) => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

// Removes `folder` and the folders above it inside `out` for as long as they are empty.
function removeEmptyFolders(out: string, folder: string): void {
  for (let current = folder; current !== out && current.startsWith(out + sep); current = dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return;
    }
  }
}

/** Whether a site-relative output path stays inside the output directory. */
export function isSafeOutputPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Whether a value is a sha256 in hex, as every hash and key the manifest holds is. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** A deploy manifest's entries, or undefined when there is none or it cannot be trusted (an entry that is not as a build writes it is left out). */
export function parseManifest(bytes: Buffer | undefined): Map<string, ManifestEntry> | undefined {
  if (!bytes) return undefined;
  try {
    const data = JSON.parse(bytes.toString('utf8')) as { version?: number; files?: Record<string, ManifestEntry> };
    if (data.version !== 1 || typeof data.files !== 'object' || data.files === null) return undefined;
    const sha256OrNone = (value: unknown) => value === undefined || isSha256(value);
    return new Map(Object.entries(data.files).filter(([, entry]) => isSha256(entry?.hash) && sha256OrNone(entry.key) && sha256OrNone(entry.searchKey)));
  } catch {
    return undefined;
  }
}

async function sameBytes(path: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const stats = await lstat(path);
    if (!stats.isFile() || stats.size !== bytes.byteLength) return false;
    return Buffer.compare(await readFile(path), bytes) === 0;
  } catch {
    return false;
  }
}

/** Puts back an output that a swap cut short left aside, and clears staging folders of builds that died; safe to call at any time. */
export async function recoverOutput(outDir: string): Promise<void> {
  const out = resolve(outDir);
  try {
    await recoverInterruptedSwap(dirname(out), basename(out));
  } catch (error) {
    // No parent folder yet: nothing to recover.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

// A swap cut short between its two renames leaves the live output aside: put it back. A commit in
// place cut short leaves its journal: undo its moves. Then clear staging directories of builds that died.
async function recoverInterruptedSwap(parent: string, name: string): Promise<void> {
  const out = join(parent, name);
  // Journals first: a dead commit's replaced files are in an old- folder, to be moved back before it goes.
  for (const entry of await readdir(parent)) {
    const pid = journalPid(entry, name);
    if (pid !== undefined && !isRunning(pid)) undoJournal(join(parent, entry));
  }
  for (const entry of await readdir(parent)) {
    const path = join(parent, entry);
    if (entry.startsWith(`.${name}.previous-`)) {
      if (!(await exists(out))) await rename(path, out);
      else await rm(path, { recursive: true, force: true });
    } else if (entry.startsWith(`.${name}.staging-`) && !isRunning(Number(entry.split('-').at(-2)))) {
      await rm(path, { recursive: true, force: true });
    } else if (entry.startsWith(`.${name}.old-`) && !isRunning(Number(entry.split('-').at(-2)))) {
      // An old output whose deletion did not finish (its `rm` may still be at it, just after a
      // build): deleted as the last build's is, so this build does not wait on thousands of files.
      discardOldOutput(path);
    } else if (entry === `.${name}.lock`) {
      // The lock of a build that died: a later build takes it over anyway.
      const holder = holderOf(path);
      if (holder !== process.pid && (holder === undefined || !isRunning(holder))) await rm(path, { force: true });
    } else if (entry.startsWith(`.${name}.journal-`) && entry.endsWith('.json.tmp') && !isRunning(Number(entry.slice(`.${name}.journal-`.length, -'.json.tmp'.length)))) {
      // A journal a build died writing: it never moved a file.
      await rm(path, { force: true });
    }
  }
}

// The process id in a commit journal's name, or undefined when `entry` is not one (or a journal half written).
function journalPid(entry: string, name: string): number | undefined {
  const prefix = `.${name}.journal-`;
  if (!entry.startsWith(prefix) || !entry.endsWith('.json')) return undefined;
  const pid = Number(entry.slice(prefix.length, -'.json'.length));
  return Number.isInteger(pid) ? pid : undefined;
}

// Undoes the commit a journal describes and removes the journal; one that cannot be read was never
// acted on (it is renamed into place whole before the first move).
function undoJournal(file: string): void {
  let journal: CommitJournal | undefined;
  try {
    journal = JSON.parse(readFileSync(file, 'utf8')) as CommitJournal;
  } catch {
    journal = undefined;
  }
  if (journal?.version === 1 && isJournalOf(journal, dirname(file))) undoCommit(journal);
  rmSync(file, { force: true });
}

/**
 * Undoes what this process has under way beside `outDir`: removes its staging directory and, if a
 * commit was cut short, puts the live output back. Synchronous, for a signal handler to run before exiting.
 */
export function abandonStaging(outDir: string): void {
  const out = resolve(outDir);
  const parent = dirname(out);
  const name = basename(out);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  if (entries.includes(basename(journalFile(parent, name, process.pid)))) undoJournal(journalFile(parent, name, process.pid));
  if (holderOf(join(parent, `.${name}.lock`)) === process.pid) rmSync(join(parent, `.${name}.lock`), { force: true });
  for (const entry of entries) {
    const path = join(parent, entry);
    if (entry === `.${name}.previous-${process.pid}`) {
      if (!existsSync(out)) renameSync(path, out);
      else rmSync(path, { recursive: true, force: true });
    } else if (entry.startsWith(`.${name}.staging-${process.pid}-`)) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

// Old outputs this process has handed to an `rm` already (a build looks for leftovers twice).
const discarding = new Set<string>();

// Deletes a replaced output in a process of its own that outlives this one (`rm`, where there is one,
// else here and now). Should it not finish, the next build starts it again on what is left.
function discardOldOutput(path: string): void {
  if (discarding.has(path)) return;
  discarding.add(path);
  const here = () => rmSync(path, { recursive: true, force: true });
  try {
    const remover = spawn('rm', ['-rf', '--', path], { detached: true, stdio: 'ignore' });
    remover.on('error', here);
    remover.unref();
  } catch {
    here();
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Every file under `dir` as a site-relative path (links and other non-files skipped). */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await listFiles(join(dir, entry.name), path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

