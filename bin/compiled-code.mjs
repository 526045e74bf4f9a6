// matbaa compiled once per version of its code: the TypeScript sources and the pure-JavaScript
// dependencies bundled by esbuild into .matbaa/code/<code version>/ in matbaa's folder (the CLI and
// its two workers), so a build and each of its worker threads start by loading one file, not by
// compiling hundreds of modules through tsx. Keyed on the hash of the sources, so it is never stale;
// made aside and renamed into place, so a reader finds all of it or none.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { codeVersion } from './code-version.mjs';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
// Inside the project, not node_modules/ (which may be a link elsewhere): the compiled code finds the
// project from its own place, and its dependencies in the project's node_modules/.
const cacheRoot = join(projectRoot, '.matbaa', 'code');
const external = ['vite', 'sharp', 'pagefind', 'piscina', 'esbuild', 'tsx', 'lightningcss', 'fsevents'];
// Copies of older code are left an hour for builds still running on them, then removed.
const keepOld = 60 * 60 * 1000;

/** The folder of the compiled copy of the code as it is now: named by the hash of the sources and of this file, whose settings decide what the bundle is. */
export async function compiledCodeFolder() {
  const version = createHash('sha256').update(await codeVersion(projectRoot)).update(readFileSync(fileURLToPath(import.meta.url))).digest('hex');
  return join(cacheRoot, `code-${version.slice(0, 20)}`);
}

/** The compiled CLI module (with `main`), or undefined when it cannot be made (then run the sources). */
export async function compiledCli() {
  try {
    const dir = await compiledCodeFolder();
    if (!existsSync(join(dir, 'cli.mjs'))) await compile(dir);
    return await import(pathToFileURL(join(dir, 'cli.mjs')).href);
  } catch {
    return undefined;
  }
}

async function compile(dir) {
  const { build } = await import('esbuild');
  const temporary = `${dir}.tmp-${process.pid}`;
  await rm(temporary, { recursive: true, force: true });
  await build({
    absWorkingDir: projectRoot,
    // Named as src/render/render-pool.ts and src/output/search-index-pool.ts find their workers:
    // './render-worker.mjs' and './search-worker.mjs' beside themselves.
    entryPoints: { cli: 'src/cli.ts', 'render-worker': 'src/render/render-job.ts', 'search-worker': 'src/output/search-job.ts' },
    outdir: temporary,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Packages that find their own files (binaries, worker scripts, native addons) stay imports,
    // resolved from node_modules/ above the cache as from src/.
    external,
    // Bundled CommonJS packages `require` Node's modules: give the ESM output a real `require`.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    jsx: 'automatic',
    jsxImportSource: 'hastscript',
    logLevel: 'silent',
  });
  try {
    await rename(temporary, dir);
  } catch (error) {
    // Another process put the same code in place first.
    await rm(temporary, { recursive: true, force: true });
    if (!existsSync(join(dir, 'cli.mjs'))) throw error;
  }
  await removeOldCopies(dir);
}

async function removeOldCopies(current) {
  for (const name of await readdir(cacheRoot).catch(() => [])) {
    const path = join(cacheRoot, name);
    if (path === current || !name.startsWith('code-')) continue;
    const stats = await stat(path).catch(() => undefined);
    if (stats && Date.now() - stats.mtimeMs > keepOld) await rm(path, { recursive: true, force: true }).catch(() => {});
  }
}
