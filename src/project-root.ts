// Where matbaa itself is (templates/, public/, package.json), found from this module's own place:
// the same answer when it runs from src/ through tsx and from the compiled copy the launcher makes
// under .matbaa/code/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'matbaa') return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find matbaa's package.json above ${from}`);
  }
}

/** The matbaa project folder, with a trailing separator. */
export const projectRoot = join(findProjectRoot(dirname(fileURLToPath(import.meta.url))), '/');

/** matbaa's version, from its package.json. */
export const matbaaVersion: string = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
