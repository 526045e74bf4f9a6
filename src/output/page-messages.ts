// What rendering each page reported, by the page's key (see render/render-key.ts), kept in the build
// cache: not in the deploy manifest, which is published with the site. A page kept from the live
// output reports its messages again from here; a page whose key is not here is taken from the page
// cache (which holds its messages too) or rendered again. Safe to delete.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsonParts, writeCacheFile } from '../cache-file.ts';
import type { MessageRecord } from '../messages.ts';

/** The messages of rendered pages, by key. */
export interface PageMessages {
  get(key: string): MessageRecord[] | undefined;
  set(key: string, messages: MessageRecord[]): void;
  /** Keeps the messages of the pages this build made or kept, and no others. */
  save(): Promise<void>;
}

/** The messages kept in the build cache `cacheDir`. */
export async function openPageMessages(cacheDir: string): Promise<PageMessages> {
  const file = join(cacheDir, 'page-messages.json');
  const stored = await readStored(file);
  const used = new Map<string, MessageRecord[]>();
  return {
    get: (key) => used.get(key) ?? stored.get(key),
    set(key, messages) {
      used.set(key, messages);
    },
    async save() {
      await writeCacheFile(file, jsonParts({ version: 1, pages: used }));
    },
  };
}

async function readStored(file: string): Promise<Map<string, MessageRecord[]>> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as { version?: unknown; pages?: unknown };
    if (data.version !== 1 || typeof data.pages !== 'object' || data.pages === null) return new Map();
    return new Map(Object.entries(data.pages as Record<string, unknown>).filter((entry): entry is [string, MessageRecord[]] => Array.isArray(entry[1])));
  } catch {
    return new Map();
  }
}
