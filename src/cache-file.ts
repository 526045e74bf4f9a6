// Files of the build cache (.matbaa/cache): written aside and renamed, so a reader finds a whole file
// or none, and never a reason for a build to fail.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `text` to `file` whole or not at all; a full disk or a read-only folder is ignored, as the
 * cache only saves time. Text given as parts is written some 1 MB at a time: an archive's records
 * are tens of megabytes of JSON, which as one string would add that much to the build's peak.
 */
export async function writeCacheFile(file: string, text: string | Iterable<string>): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(dirname(file), { recursive: true });
    if (typeof text === 'string') await writeFile(temporary, text);
    else await writeParts(temporary, text);
    await rename(temporary, file);
  } catch {
    await rm(temporary, { force: true }).catch(() => {});
  }
}

async function writeParts(file: string, parts: Iterable<string>): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    let slice = '';
    for (const part of parts) {
      slice += part;
      if (slice.length >= 1 << 20) {
        await handle.write(slice);
        slice = '';
      }
    }
    await handle.write(slice);
  } finally {
    await handle.close();
  }
}

/** The JSON of an object whose big members are lists or maps, made a member's entry at a time, for `writeCacheFile`. */
export function* jsonParts(value: Record<string, unknown>): Generator<string> {
  yield '{';
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    yield `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (Array.isArray(member)) {
      yield '[';
      for (const [index, item] of member.entries()) yield `${index === 0 ? '' : ','}${JSON.stringify(item) ?? 'null'}`;
      yield ']';
    } else if (member instanceof Map) {
      yield '{';
      let firstEntry = true;
      for (const [entryKey, item] of member) {
        if (item === undefined) continue;
        yield `${firstEntry ? '' : ','}${JSON.stringify(String(entryKey))}:${JSON.stringify(item)}`;
        firstEntry = false;
      }
      yield '}';
    } else yield JSON.stringify(member);
  }
  yield '}';
}
