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
        rolldownOptions: { input: { site: join(projectRoot, stylesheetEntry) } },
      },
    });
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
    const entry = manifest[stylesheetEntry];
    if (!entry) throw new Error(`Vite's manifest has no entry for ${stylesheetEntry}`);
    for (const file of await listFiles(join(outDir, 'assets'), 'assets')) {
      await staging.write(file, await readFile(join(outDir, file)));
    }
    const stylesheets = entry.file.endsWith('.css') ? [entry.file] : (entry.css ?? []);
    return { stylesheets: stylesheets.map((file) => `/${file}`) };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
