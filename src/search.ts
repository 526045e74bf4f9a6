// `matbaa index`: the search index of an output built in shards and merged.
import { join } from 'node:path';
import { loadContent } from './content/load-content.ts';
import type { MessageRecord } from './messages.ts';
import { listFiles, openStaging } from './output/staging.ts';
import { writeSearchIndex } from './output/search-index.ts';

/** Indexes the pages in `outDir` as a whole build would, in a new staged copy swapped in whole. */
export async function indexSite(options: { outDir: string; contentDir: string }): Promise<{ pages: number; messages: MessageRecord[] }> {
  const { settings, messages } = await loadContent(options.contentDir, { articles: false });
  if (!settings) return { pages: 0, messages };
  const staging = await openStaging(options.outDir);
  try {
    for (const path of await listFiles(options.outDir)) {
      // The shards' manifests give way to the merged site's one.
      if (path.startsWith('pagefind/') || /^\.matbaa-manifest(\.shard-\d+-of-\d+)?\.json$/.test(path)) continue;
      await staging.copy(join(options.outDir, path), path);
    }
    const summary = await writeSearchIndex(staging, settings.language);
    await staging.commit();
    return { pages: summary?.pages ?? 0, messages };
  } catch (error) {
    await staging.abort();
    throw error;
  }
}
