// How far V8 lets each heap of the process grow past what it held after its last full collection.
// By default it may grow several times over, and a big archive's build then holds garbage by the
// hundred megabytes: a cold build of 10,000 articles peaked at 620–910 MB. At half again, it peaked
// at 540–580 MB, for some 7% more time; a small site, whose heaps stay small anyway, would pay 10%
// for nothing, so only an archive of this many articles gets it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The number of articles from which a build keeps its heaps tight. */
export const tightHeapsFrom = 5000;

/**
 * Keeps every heap of the process (this thread's and each worker's: V8's flags are the process's)
 * within half again what it last held, for a build of `articles` articles; once set, it stays for
 * the life of the process.
 */
export function keepHeapsTight(articles: number): void {
  if (articles < tightHeapsFrom) return;
  setFlagsFromString('--heap-growing-percent=50');
  // The flag bounds the limit V8 sets after a full collection, and the limit set before it (several
  // times what loading the archive left) could stand for the rest of the build: one full collection
  // now sets it anew. V8 hands `gc` only to contexts made once it is exposed.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
