// What matbaa's code is: a hash of its sources, templates, locked dependencies and Node. Plain JavaScript,
// because the launcher needs it before any TypeScript can run; the build keys its caches on it too.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * sha256 (hex) of Node's version, package.json, package-lock.json and every file under src/ and templates/, by path.
 * Read synchronously: a few hundred small files, read faster so than through promises, at start-up.
 */
export async function codeVersion(projectRoot) {
  // Node's version too: its ICU data decides how dates and numbers print.
  const hash = createHash('sha256').update(process.version);
  for (const name of ['package.json', 'package-lock.json']) {
    hash.update(name).update(readIfThere(join(projectRoot, name)));
  }
  for (const folder of ['src', 'templates']) {
    for (const path of filesUnder(join(projectRoot, folder)).sort()) {
      hash.update(`${folder}/${path}`).update(readFileSync(join(projectRoot, folder, path)));
    }
  }
  return hash.digest('hex');
}

// Regular files under `dir`, as POSIX paths relative to it; symbolic links are not followed.
function filesUnder(dir, prefix = '') {
  const found = [];
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    // No such folder: nothing in it.
  }
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...filesUnder(join(dir, entry.name), path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

function readIfThere(path) {
  try {
    return readFileSync(path);
  } catch {
    return Buffer.alloc(0);
  }
}
