// The only place that writes the site: a staging directory beside the output, swapped in whole.
import { link, lstat, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** A build's output in progress; nothing in `outDir` changes until `commit`. */
export interface Staging {
  readonly dir: string;
  /** Writes one file of the site; an unchanged file is linked from the live output so it keeps its bytes and mtime. */
  write(path: string, contents: string | Uint8Array): Promise<void>;
  /** Copies a file into the site, with the same care for unchanged files. */
  copy(source: string, path: string): Promise<void>;
  /** Swaps the staged site in for the live one. */
  commit(): Promise<void>;
  /** Throws the staged files away; the live output stays as it was. */
  abort(): Promise<void>;
}

/** Opens a fresh staging directory beside `outDir`, after restoring any output an interrupted swap left aside. */
export async function openStaging(outDir: string): Promise<Staging> {
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

  const write = async (path: string, contents: string | Uint8Array) => {
    const file = target(path);
    await ensureDir(file);
    const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
    const live = join(out, ...path.split('/'));
    if (await sameBytes(live, bytes)) {
      await link(live, file);
      return;
    }
    await writeFile(file, bytes, { flag: 'wx' });
  };

  return {
    dir,
    write,
    copy: async (source, path) => write(path, await readFile(source)),
    async commit() {
      const aside = join(parent, `.${name}.previous-${process.pid}`);
      const hadOutput = await exists(out);
      if (hadOutput) await rename(out, aside);
      await rename(dir, out);
      if (hadOutput) await rm(aside, { recursive: true, force: true });
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

async function sameBytes(path: string, bytes: Uint8Array): Promise<boolean> {
  try {
    const stats = await lstat(path);
    if (!stats.isFile() || stats.size !== bytes.byteLength) return false;
    return Buffer.compare(await readFile(path), bytes) === 0;
  } catch {
    return false;
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
    }
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

