// `.matbaa/cache/pages/`: rendered pages by the hash of their full input, safe to delete and to keep
// between CI runs. An entry that is corrupt or partial is detected and rendered again, never served.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MessageRecord } from '../messages.ts';

/** A rendered page as the cache keeps it. */
export interface CachedPage {
  html: string;
  messages: MessageRecord[];
}

/** Rendered pages by input hash. */
export interface PageCache {
  get(key: string): Promise<CachedPage | undefined>;
  set(key: string, page: CachedPage): Promise<void>;
}

/** The page cache under `cacheDir` (normally `.matbaa/cache`). */
export function openPageCache(cacheDir: string): PageCache {
  const pathOf = (key: string) => join(cacheDir, 'pages', key.slice(0, 2), `${key}.json`);
  return {
    async get(key) {
      const path = pathOf(key);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
      try {
        const entry = JSON.parse(text) as { key?: unknown; sha256?: unknown; html?: unknown; messages?: unknown };
        if (entry.key !== key || typeof entry.html !== 'string' || !Array.isArray(entry.messages)) throw new Error('malformed');
        if (entry.sha256 !== sha256(entry.html)) throw new Error('altered');
        return { html: entry.html, messages: entry.messages as MessageRecord[] };
      } catch {
        await rm(path, { force: true });
        return undefined;
      }
    },
    async set(key, page) {
      const path = pathOf(key);
      await mkdir(join(cacheDir, 'pages', key.slice(0, 2)), { recursive: true });
      // Written aside and renamed, so a reader never sees half an entry.
      const partial = `${path}.${process.pid}.partial`;
      await writeFile(partial, JSON.stringify({ key, sha256: sha256(page.html), html: page.html, messages: page.messages }));
      await rename(partial, path);
    },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
