// `.matbaa/cache/pages/`: rendered pages by the hash of their full input, safe to delete and to keep
// between CI runs. An entry that is corrupt or partial is detected and rendered again, never served.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MessageRecord } from '../messages.ts';
import { isSha256 } from './staging.ts';

/** A rendered page as the cache keeps it: its file's bytes and what rendering it reported. */
export interface CachedPage {
  html: Uint8Array;
  messages: MessageRecord[];
  /** What the search index reads of the page, as a hash, when it is indexed. */
  searchKey?: string;
}

// An entry is one line of JSON (the key, the page's length and hash, its messages), then the page's
// bytes as they are: no page-sized string is made to write or read one.
interface EntryHeader {
  key: string;
  length: number;
  sha256: string;
  messages: MessageRecord[];
  searchKey?: string;
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
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch {
        return undefined;
      }
      try {
        const end = bytes.indexOf(0x0a);
        if (end === -1) throw new Error('malformed');
        const header = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Partial<EntryHeader>;
        const html = bytes.subarray(end + 1);
        if (header.key !== key || !Array.isArray(header.messages) || header.length !== html.byteLength) throw new Error('malformed');
        if (header.searchKey !== undefined && !isSha256(header.searchKey)) throw new Error('malformed');
        if (header.sha256 !== sha256(html)) throw new Error('altered');
        return { html, messages: header.messages, ...(header.searchKey ? { searchKey: header.searchKey } : {}) };
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
      const header: EntryHeader = { key, length: page.html.byteLength, sha256: sha256(page.html), messages: page.messages, ...(page.searchKey ? { searchKey: page.searchKey } : {}) };
      await writeFile(partial, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), page.html]));
      await rename(partial, path);
    },
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
