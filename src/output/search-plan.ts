// Which parts of the search index a build re-packs. Re-indexing a part of a thousand stories takes
// seconds, so a part where only a few stories changed keeps its index as it was packed, and those
// stories go to a small part of their own, `pagefind-recent/`, instead; the search page drops the old
// part's hits for them by URL (see src/client/search.ts). Once the small part would grow past its
// limit, the parts it stands in for are re-packed and it is emptied.

/** What a part's index was packed from: its key, and every page in it with the page's hash. */
export interface PackedPart {
  key: string;
  pages: Record<string, string>;
}

/** What the live index was packed from, kept in the output beside it (see `searchStateName`). */
export interface SearchState {
  /** The code and language the parts were packed with: another basis re-packs every part. */
  basis: string;
  parts: Record<string, PackedPart>;
}

/** The file, in the output, that records what the index parts were packed from. */
export const searchStateName = '.matbaa-search.json';

/** The folder of the small part of recently changed stories. */
export const recentFolder = 'pagefind-recent';

/** How many stories the recent part stands in for (changed, new or gone) before the parts are re-packed. */
export const recentLimit = 100;

/** One part's fate in this build. */
export type PartPlan =
  | { folder: string; pages: string[]; action: 'keep'; packed: PackedPart }
  | { folder: string; pages: string[]; action: 'overlay'; packed: PackedPart; recent: string[]; superseded: string[] }
  | { folder: string; pages: string[]; action: 'pack'; packed: PackedPart };

/**
 * Plans the index: a part whose pages are as packed is kept; one where a few changed (at most a
 * quarter of its stories, and `limit` stories in all the parts) keeps its packed index and
 * sends its new and changed pages to the recent part, its changed and removed ones to be dropped from
 * its hits; any other is packed anew. `hashOf` gives each page's hash in this build; `keyOf` the key of
 * a part of these pages and hashes.
 */
export function planSearch(
  parts: readonly { folder: string; pages: string[] }[],
  hashOf: (path: string) => string,
  keyOf: (pages: Record<string, string>) => string,
  state: SearchState | undefined,
  basis: string,
  limit = recentLimit,
): PartPlan[] {
  const plans: PartPlan[] = parts.map((part) => {
    const current = packedNow(part.pages, hashOf, keyOf);
    const { pages } = current;
    const packed = state?.basis === basis ? state.parts[part.folder] : undefined;
    if (!packed) return { ...part, action: 'pack', packed: current };
    if (packed.key === current.key) return { ...part, action: 'keep', packed };
    const recent = part.pages.filter((path) => packed.pages[path] !== pages[path]);
    const superseded = Object.keys(packed.pages).filter((path) => packed.pages[path] !== pages[path]);
    const changed = new Set([...recent, ...superseded]).size;
    if (changed * 4 > Math.max(part.pages.length, Object.keys(packed.pages).length)) return { ...part, action: 'pack', packed: current };
    return { ...part, action: 'overlay', packed, recent, superseded };
  });
  const standingIn = plans.reduce((sum, plan) => sum + (plan.action === 'overlay' ? new Set([...plan.recent, ...plan.superseded]).size : 0), 0);
  if (standingIn <= limit) return plans;
  // Past the limit, every part the recent one stands in for is packed anew.
  return plans.map((plan) => (plan.action === 'overlay' ? { folder: plan.folder, pages: plan.pages, action: 'pack', packed: packedNow(plan.pages, hashOf, keyOf) } : plan));
}

/** What a part of these pages is packed from in this build: each page with its hash now, and their key. */
export function packedNow(pages: readonly string[], hashOf: (path: string) => string, keyOf: (pages: Record<string, string>) => string): PackedPart {
  const hashes = Object.fromEntries(pages.map((path) => [path, hashOf(path)]));
  return { key: keyOf(hashes), pages: hashes };
}

/** A state read from the output's file, or undefined when there is none or it is not whole. */
export function parseSearchState(text: string | undefined): SearchState | undefined {
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as Partial<SearchState>;
    if (typeof data.basis !== 'string' || typeof data.parts !== 'object' || data.parts === null) return undefined;
    for (const part of Object.values(data.parts)) {
      if (typeof part?.key !== 'string' || typeof part.pages !== 'object' || part.pages === null) return undefined;
    }
    return data as SearchState;
  } catch {
    return undefined;
  }
}

/** The URL Pagefind gives a page it indexed from `path` (`world/rates/index.html` → `/world/rates/`). */
export function indexedUrl(path: string): string {
  return `/${path.replace(/(^|\/)index\.html$/, '$1')}`;
}
