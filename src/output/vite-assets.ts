// Client assets (CSS, fonts, any script) bundled by Vite with hashed names; pages learn the
// names from Vite's manifest (its backend integration), so no HTML page is ever a Vite input.
// Everything Vite reads (the stylesheets, the client script, the locked packages) is part of matbaa's
// code version, so a bundle is kept in the build cache under that version and made once per version.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { AssetUrls } from '../render/assets.ts';
import { isSafeOutputPath, listFiles, type Staging } from './staging.ts';

/** The stylesheet entry designers edit, relative to the project root. */
export const stylesheetEntry = 'templates/styles/site.css';
/** The article page's stylesheet: the same rules without the listings', so a story weighs less. */
export const articleStylesheetEntry = 'templates/styles/article-page.css';
/** The search page's script, relative to the project root; no other page loads it. */
export const searchScriptEntry = 'src/client/search.ts';

// Font files (by their @fontsource names) that every page preloads: all four, since every page sets
// Arabic and Latin (digits, «», punctuation, the space) in both faces; the sooner they arrive, the
// shorter a reader sees the fallback faces (`font-display: swap`, templates/styles/fonts.css).
const preloadedFonts = ['noto-naskh-arabic-arabic-400-normal', 'noto-kufi-arabic-arabic-700-normal', 'noto-naskh-arabic-latin-400-normal', 'noto-kufi-arabic-latin-700-normal'];

interface ManifestChunk {
  file: string;
  css?: string[];
}

/** A bundle kept in the build cache: its URLs, and each file with the hash of its bytes. */
interface KeptBundle {
  urls: AssetUrls;
  files: { path: string; sha256: string; size: number }[];
}

/**
 * Stages the client assets under `assets/` and returns their URLs: from the bundle kept in `cacheDir`
 * for this `code` version when it is whole, else bundled by Vite (and kept).
 */
export async function buildAssets(projectRoot: string, staging: Staging, cache: { cacheDir: string; code: string }): Promise<AssetUrls> {
  const entry = join(cache.cacheDir, 'assets', cache.code);
  const list = await readBundleList(entry);
  // Files the live output holds as the list has them stay where they are, unread.
  if (list && (await staging.keep(list.files.map((file) => ({ path: file.path, hash: file.sha256, size: file.size }))))) return list.urls;
  const kept = list && (await readBundle(entry, list));
  if (kept) {
    for (const file of kept) await staging.write(file.path, file.bytes);
    return list.urls;
  }
  const bundle = await bundleAssets(projectRoot);
  for (const file of bundle.files) await staging.write(file.path, file.bytes);
  await keepBundle(entry, bundle);
  return bundle.urls;
}

// The list of the kept bundle, when there is one and its paths stay inside the output.
async function readBundleList(entry: string): Promise<KeptBundle | undefined> {
  try {
    const list = JSON.parse(await readFile(join(entry, 'bundle.json'), 'utf8')) as KeptBundle;
    if (!Array.isArray(list.files) || !list.files.every((file) => isSafeOutputPath(file.path) && typeof file.sha256 === 'string' && Number.isInteger(file.size))) return undefined;
    return list;
  } catch {
    return undefined;
  }
}

// The kept bundle's files when every one is there with its hash; a damaged one is made again.
async function readBundle(entry: string, list: KeptBundle): Promise<{ path: string; bytes: Buffer }[] | undefined> {
  try {
    const files = [];
    for (const file of list.files) {
      const bytes = await readFile(join(entry, ...file.path.split('/')));
      if (createHash('sha256').update(bytes).digest('hex') !== file.sha256) return undefined;
      files.push({ path: file.path, bytes });
    }
    return files;
  } catch {
    return undefined;
  }
}

// Writes the bundle into a fresh folder, its list last, and renames it into place; the cache only saves time, so failing to is ignored.
async function keepBundle(entry: string, bundle: { urls: AssetUrls; files: { path: string; bytes: Buffer }[] }): Promise<void> {
  const temporary = `${entry}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    for (const file of bundle.files) {
      const path = join(temporary, ...file.path.split('/'));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.bytes);
    }
    const list: KeptBundle = { urls: bundle.urls, files: bundle.files.map((file) => ({ path: file.path, sha256: createHash('sha256').update(file.bytes).digest('hex'), size: file.bytes.byteLength })) };
    await writeFile(join(temporary, 'bundle.json'), JSON.stringify(list));
    await rm(entry, { recursive: true, force: true });
    await rename(temporary, entry);
    // The bundles of other code versions are not needed again.
    for (const other of await readdir(dirname(entry))) if (other !== basename(entry) && !other.includes('.tmp-')) await rm(join(dirname(entry), other), { recursive: true, force: true });
  } catch {
    await rm(temporary, { recursive: true, force: true }).catch(() => {});
  }
}

// Bundles the client assets with Vite (loaded only then: it takes a few tenths of a second to load).
async function bundleAssets(projectRoot: string): Promise<{ urls: AssetUrls; files: { path: string; bytes: Buffer }[] }> {
  const { build } = await import('vite');
  const outDir = await mkdtemp(join(tmpdir(), 'matbaa-assets-'));
  try {
    await build({
      root: projectRoot,
      configFile: false,
      logLevel: 'silent',
      publicDir: false,
      base: '/',
      build: {
        outDir,
        emptyOutDir: true,
        assetsDir: 'assets',
        manifest: 'manifest.json',
        copyPublicDir: false,
        cssMinify: true,
        rolldownOptions: {
          input: { site: join(projectRoot, stylesheetEntry), article: join(projectRoot, articleStylesheetEntry), search: join(projectRoot, searchScriptEntry) },
        },
      },
    });
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const entry = manifest[stylesheetEntry];
    if (!entry) throw new Error(`Vite's manifest has no entry for ${stylesheetEntry}`);
    const article = manifest[articleStylesheetEntry];
    if (!article) throw new Error(`Vite's manifest has no entry for ${articleStylesheetEntry}`);
    const search = manifest[searchScriptEntry];
    if (!search) throw new Error(`Vite's manifest has no entry for ${searchScriptEntry}`);
    const files = await listFiles(join(outDir, 'assets'), 'assets');
    // The faces of the body and the headline are needed before first paint: preload them.
    const preloadFonts = files.filter((file) => preloadedFonts.some((name) => file.includes(name)) && file.endsWith('.woff2')).sort();
    const css = (chunk: ManifestChunk) => (chunk.file.endsWith('.css') ? [chunk.file] : (chunk.css ?? [])).map((file) => `/${file}`);
    return {
      urls: { stylesheets: css(entry), articleStylesheets: css(article), searchScript: `/${search.file}`, preloadFonts: preloadFonts.map((file) => `/${file}`) },
      files: await Promise.all(files.map(async (path) => ({ path, bytes: await readFile(join(outDir, path)) }))),
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
