// Client assets (CSS, fonts, any script) bundled by Vite with hashed names; pages learn the
// names from Vite's manifest (its backend integration), so no HTML page is ever a Vite input.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { AssetUrls } from '../render/assets.ts';
import { listFiles, type Staging } from './staging.ts';

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

/** Bundles the client assets with Vite, stages them under `assets/`, and returns their URLs. */
export async function buildAssets(projectRoot: string, staging: Staging): Promise<AssetUrls> {
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
    for (const file of files) await staging.write(file, await readFile(join(outDir, file)));
    // The faces of the body and the headline are needed before first paint: preload them.
    const preloadFonts = files.filter((file) => preloadedFonts.some((name) => file.includes(name)) && file.endsWith('.woff2')).sort();
    const css = (chunk: ManifestChunk) => (chunk.file.endsWith('.css') ? [chunk.file] : (chunk.css ?? [])).map((file) => `/${file}`);
    return { stylesheets: css(entry), articleStylesheets: css(article), searchScript: `/${search.file}`, preloadFonts: preloadFonts.map((file) => `/${file}`) };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
