// `matbaa index`: the search index of an output built in shards and merged.
import { join } from 'node:path';
import { loadContent } from './content/load-content.ts';
import type { MessageRecord } from './messages.ts';
import { listFiles, openStaging, parseManifest } from './output/staging.ts';
import { isIndexedPage, isSearchIndexPath, prepareSearchIndex, searchIndexParts } from './output/search-index.ts';
import { codeVersion } from './output/code-version.ts';
import { projectRoot } from './project-root.ts';
import { partIndexer } from './output/search-index-pool.ts';
import { readdir, readFile } from 'node:fs/promises';

/** Indexes the pages in `outDir` as a whole build would, in a new staged copy swapped in whole. */
export async function indexSite(options: { outDir: string; contentDir: string }): Promise<{ pages: number; messages: MessageRecord[] }> {
  const { settings, messages } = await loadContent(options.contentDir, { articles: false });
  if (!settings) return { pages: 0, messages };
  const staging = await openStaging(options.outDir);
  try {
    const articles: string[] = [];
    const searchKeys = await shardSearchKeys(options.outDir);
    for (const path of await listFiles(options.outDir)) {
      // The shards' manifests give way to the merged site's one; an old index gives way to the new.
      if (isSearchIndexPath(path) || /^\.matbaa-manifest(\.shard-\d+-of-\d+)?\.json$/.test(path)) continue;
      const bytes = await readFile(join(options.outDir, path));
      const searchKey = searchKeys.get(path);
      await staging.write(path, bytes, searchKey ? { searchKey } : {});
      if (path.endsWith('.html') && isIndexedPage(bytes.toString('utf8'))) articles.push(path);
    }
    // The same parts as a whole build makes, so the merged site matches it file for file; side by side,
    // as the build does. Every part packed: the search page was made with no recent part.
    const search = await prepareSearchIndex(staging, { outDir: options.outDir, language: settings.language, code: await codeVersion(projectRoot), parts: searchIndexParts(articles.sort()), packAll: true });
    await search.write(partIndexer);
    await staging.commit();
    return { pages: articles.length, messages };
  } catch (error) {
    await staging.abort();
    throw error;
  }
}

// What the index reads of each page (see render/search-digest.ts), as the shards' builds recorded it
// in their manifests: the merged site's search state is then a whole build's.
async function shardSearchKeys(outDir: string): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const name of await readdir(outDir)) {
    if (!/^\.matbaa-manifest\.shard-\d+-of-\d+\.json$/.test(name)) continue;
    // A manifest that cannot be read gives no keys: those pages are keyed by their bytes.
    const manifest = parseManifest(await readFile(join(outDir, name)).catch(() => undefined));
    for (const [path, entry] of manifest ?? []) if (entry.searchKey) keys.set(path, entry.searchKey);
  }
  return keys;
}
