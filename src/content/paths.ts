// Paths that articles refer to (images, other articles), resolved inside the content directory.
import { posix } from 'node:path';

/** The content-relative path of a file an article refers to: `/x` from the content root, else from the article's folder; undefined when it would leave the content directory. */
export function resolveContentPath(reference: string, sourcePath: string): string | undefined {
  const path = reference.startsWith('/') ? posix.normalize(reference.slice(1)) : posix.join(posix.dirname(sourcePath), reference);
  return path.startsWith('../') || path === '..' || posix.isAbsolute(path) || path.includes('\0') ? undefined : path;
}
