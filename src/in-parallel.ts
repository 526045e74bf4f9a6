// Runs asynchronous work over many items with a bounded number under way at once, in item order.

/** How much of a budget an item takes while it runs (see `inParallel`). */
export interface Weighing<T> {
  weight: (item: T) => number;
  /** The most weight under way at once beside the first item running. */
  weightLimit: number;
}

/**
 * Runs `task` over `items` in order, at most `limit` at a time and, with `weigh`, while more than one
 * runs, with no more than its `weightLimit` of weight among them (a long article's trees take hundreds
 * of megabytes while it renders, so two such never render at once, whatever the number of threads).
 * On a failure no further item starts; the first error is thrown once those under way have ended.
 */
export async function inParallel<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>, weigh?: Weighing<T>): Promise<void> {
  let next = 0;
  let running = 0;
  let load = 0;
  let failed: { error: unknown } | undefined;
  await new Promise<void>((resolve) => {
    const start = () => {
      while (!failed && next < items.length && running < limit) {
        const item = items[next]!;
        const weight = weigh?.weight(item) ?? 0;
        if (weigh && running > 0 && load + weight > weigh.weightLimit) break;
        const index = next++;
        running++;
        load += weight;
        task(item, index)
          .catch((error: unknown) => {
            failed ??= { error };
          })
          .finally(() => {
            running--;
            load -= weight;
            start();
          });
      }
      if (running === 0 && (failed || next >= items.length)) resolve();
    };
    start();
  });
  if (failed) throw failed.error;
}
