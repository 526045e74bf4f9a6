// What the rendering code is: a hash of matbaa's sources, templates and locked dependencies, so a
// cached page is never served by a different matbaa than the one that made it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles } from './staging.ts';

/** A hash of everything that decides how a page renders besides its input. */
export async function codeVersion(projectRoot: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of ['package.json', 'package-lock.json']) {
    hash.update(name).update(await readFile(join(projectRoot, name)).catch(() => Buffer.alloc(0)));
  }
  for (const folder of ['src', 'templates']) {
    for (const path of (await listFiles(join(projectRoot, folder))).sort()) {
      hash.update(`${folder}/${path}`).update(await readFile(join(projectRoot, folder, path)));
    }
  }
  return hash.digest('hex');
}
