// Files of the build cache (.matbaa/cache): written aside and renamed, so a reader finds a whole file
// or none, and never a reason for a build to fail.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Writes `text` to `file` whole or not at all; a full disk or a read-only folder is ignored, as the cache only saves time. */
export async function writeCacheFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => {});
  }
}
