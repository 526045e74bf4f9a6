// The only place that writes the site: a staging directory beside the output, swapped in whole.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { link, lstat, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import type { MessageRecord } from '../messages.ts';
import { basename, dirname, join, resolve } from 'node:path';

/** The deploy manifest's name, inside the output: every file with its content hash. */
export const manifestName = '.matbaa-manifest.json';

/** What the manifest knows of one output file. */
export interface ManifestEntry {
  /** sha256 of the file's bytes. */
  hash: string;
  /** The hash of everything the page was rendered from, when it is a rendered page. */
  key?: string;
  /** The content messages rendering it gave, reported again when it is reused. */
  messages?: MessageRecord[];
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
  readonly dir: string;
  /** Writes one file of the site; an unchanged file is linked from the live output so it keeps its bytes and mtime. */
  write(path: string, contents: string | Uint8Array, meta?: Omit<ManifestEntry, 'hash'>): Promise<void>;
  /** Copies a file into the site, with the same care for unchanged files. */
  copy(source: string, path: string): Promise<void>;
  /** Keeps the live file at `path` when the last build rendered it from the same input `key`; its messages, or undefined when it must be rendered. */
  reuse(path: string, key: string): Promise<MessageRecord[] | undefined>;
  /** Keeps every live file under `folder/` when the last build made them all from the same input `key`. */
  reuseFolder(folder: string, key: string): Promise<boolean>;
  /** Keeps the live files when the last build wrote each with this hash and it still has this size; all of them or none. */
  keep(files: readonly KeptFile[]): Promise<boolean>;
  /** The content hash of a file staged so far. */
  hashOf(path: string): string | undefined;
  /** Writes the deploy manifest, swaps the staged site in for the live one, and says what changed. */
  commit(): Promise<OutputChanges>;
  /** Throws the staged files away; the live output stays as it was. */
  abort(): Promise<void>;
}

/** Opens a fresh staging directory beside `outDir`, after restoring any output an interrupted swap left aside. */
export async function openStaging(outDir: string, options: { manifest?: string } = {}): Promise<Staging> {
  const out = resolve(outDir);
  const parent = dirname(out);
  const name = basename(out);
  await mkdir(parent, { recursive: true });
  await recoverInterruptedSwap(parent, name);
  const dir = join(parent, `.${name}.staging-${process.pid}-${Date.now()}`);
  await mkdir(dir);
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

  const previous = await readManifest(out, options.manifest ?? manifestName);
  const entries = new Map<string, ManifestEntry>();
  const live = (path: string) => join(out, ...path.split('/'));

  const write = async (path: string, contents: string | Uint8Array, meta: Omit<ManifestEntry, 'hash'> = {}) => {
    const file = target(path);
    // Bytes before the first await: a page's string is let go of young, not kept across the writes.
    const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
    await ensureDir(file);
    const hash = createHash('sha256').update(bytes).digest('hex');
    entries.set(path, { hash, ...meta });
    // The last manifest says what the live file holds (one of another size was changed since); without one, compare the bytes.
    const unchanged = previous ? previous.get(path)?.hash === hash && (await sizeOf(live(path))) === bytes.byteLength : await sameBytes(live(path), bytes);
    if (unchanged) await link(live(path), file);
    else await writeFile(file, bytes, { flag: 'wx' });
  };

  return {
    dir,
    write,
    copy: async (source, path) => write(path, await readFile(source)),
    async reuse(path, key) {
      const entry = previous?.get(path);
      if (!entry || entry.key !== key || !(await isFile(live(path)))) return undefined;
      const file = target(path);
      await ensureDir(file);
      await link(live(path), file);
      entries.set(path, entry);
      return entry.messages ?? [];
    },
    async reuseFolder(folder, key) {
      const kept = [...(previous ?? [])].filter(([path]) => path.startsWith(`${folder}/`));
      if (kept.length === 0 || kept.some(([, entry]) => entry.key !== key)) return false;
      for (const [path] of kept) if (!(await isFile(live(path)))) return false;
      for (const [path, entry] of kept) {
        const file = target(path);
        await ensureDir(file);
        await link(live(path), file);
        entries.set(path, entry);
      }
      return true;
    },
    async keep(files) {
      // Only the manifest can vouch for a live file's bytes without reading them.
      if (!previous) return false;
      const staged = files.map((kept) => ({ ...kept, file: target(kept.path) }));
      // Each file is a round trip to the disk; they are asked all at once.
      const sizes = await Promise.all(staged.map(({ path }) => sizeOf(live(path))));
      if (staged.some(({ path, hash, size }, i) => previous.get(path)?.hash !== hash || sizes[i] !== size)) return false;
      await Promise.all(
        staged.map(async ({ path, hash, file }) => {
          await ensureDir(file);
          await link(live(path), file);
          entries.set(path, { hash });
        }),
      );
      return true;
    },
    hashOf: (path) => entries.get(path)?.hash,
    async commit() {
      const changes: OutputChanges = { added: [], changed: [], removed: [] };
      for (const [path, entry] of entries) {
        const before = previous?.get(path);
        if (!before) changes.added.push(path);
        else if (before.hash !== entry.hash) changes.changed.push(path);
      }
      for (const path of previous?.keys() ?? []) if (!entries.has(path)) changes.removed.push(path);
      const sorted = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      await writeFile(join(dir, options.manifest ?? manifestName), JSON.stringify({ version: 1, files: sorted }));

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
      for (const list of Object.values(changes)) list.sort();
      return changes;
    },
    async abort() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a site-relative output path stays inside the output directory. */
export function isSafeOutputPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

// The live output's manifest, or undefined when there is none or it cannot be trusted.
async function readManifest(out: string, name: string): Promise<Map<string, ManifestEntry> | undefined> {
  try {
    const data = JSON.parse(await readFile(join(out, name), 'utf8')) as { version?: number; files?: Record<string, ManifestEntry> };
    if (data.version !== 1 || typeof data.files !== 'object' || data.files === null) return undefined;
    return new Map(Object.entries(data.files).filter(([, entry]) => typeof entry?.hash === 'string'));
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

// The size of a regular file, or undefined when there is none at `path`.
async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const stats = await lstat(path);
    return stats.isFile() ? stats.size : undefined;
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

// A swap cut short between its two renames leaves the live output aside: put it back, and clear
// staging directories of builds that died.
async function recoverInterruptedSwap(parent: string, name: string): Promise<void> {
  const out = join(parent, name);
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
    }
  }
}

/**
 * Undoes what this process has under way beside `outDir`: removes its staging directory and, if a
 * swap was cut short, puts the live output back. Synchronous, for a signal handler to run before exiting.
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

