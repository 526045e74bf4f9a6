// Which parts of the search index a build packs anew, and which stay with a small recent part beside them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { indexedUrl, parseSearchState, planSearch, type SearchState } from '../src/output/search-plan.ts';
import { searchIndexParts } from '../src/output/search-index.ts';

const keyOf = (pages: Record<string, string>) => createHash('sha256').update(JSON.stringify(pages)).digest('hex');
const pagesOf = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}/story-${i}/index.html`);
const parts = [
  { folder: 'pagefind', pages: pagesOf(12, 'world') },
  { folder: 'pagefind-2', pages: pagesOf(12, 'sport') },
];
const hashes = (changes: Record<string, string> = {}) => (path: string) => changes[path] ?? `hash of ${path}`;
const packed = (hashOf: (path: string) => string): SearchState => ({
  basis: 'code 1',
  parts: Object.fromEntries(parts.map((part) => {
    const pages = Object.fromEntries(part.pages.map((path) => [path, hashOf(path)]));
    return [part.folder, { key: keyOf(pages), pages }];
  })),
});

test('should pack every part when nothing was packed before, or with other code', () => {
  assert.deepEqual(planSearch(parts, hashes(), keyOf, undefined, 'code 1').map((plan) => plan.action), ['pack', 'pack']);
  assert.deepEqual(planSearch(parts, hashes(), keyOf, packed(hashes()), 'code 2').map((plan) => plan.action), ['pack', 'pack']);
  assert.deepEqual(planSearch(parts, hashes(), keyOf, packed(hashes()), 'code 1').map((plan) => plan.action), ['keep', 'keep']);
});

test('should keep a part where a few stories changed, send them to the recent part and drop its hits for them and for stories gone', () => {
  const state = packed(hashes());
  const edited = 'world/story-3/index.html';
  const gone = 'world/story-11/index.html';
  const added = 'world/story-12/index.html';
  const now = [{ ...parts[0]!, pages: [...parts[0]!.pages.filter((path) => path !== gone), added].sort() }, parts[1]!];
  const [world, sport] = planSearch(now, hashes({ [edited]: 'new hash' }), keyOf, state, 'code 1');
  assert.equal(sport?.action, 'keep');
  assert.equal(world?.action, 'overlay');
  if (world?.action !== 'overlay') return;
  assert.deepEqual(world.packed, state.parts.pagefind, 'the part stays as it was packed');
  assert.deepEqual(world.recent, [added, edited], 'in the part’s order');
  assert.deepEqual(world.superseded, [edited, gone]);
});

test('should pack a part anew when more than a quarter of its stories changed, or when the recent part would pass its limit', () => {
  const state = packed(hashes());
  const changed = (part: number, count: number) => Object.fromEntries(parts[part]!.pages.slice(0, count).map((path) => [path, 'new hash']));
  assert.deepEqual(planSearch(parts, hashes(changed(0, 2)), keyOf, state, 'code 1').map((plan) => plan.action), ['overlay', 'keep']);
  const repacked = planSearch(parts, hashes(changed(0, 4)), keyOf, state, 'code 1');
  assert.deepEqual(repacked.map((plan) => plan.action), ['pack', 'keep']);
  assert.notDeepEqual(repacked[0]!.packed, state.parts.pagefind, 'packed from the pages as they are now');
  // Two stories in each part: within a quarter each, but past a limit of three in the recent part.
  const both = hashes({ ...changed(0, 2), ...changed(1, 2) });
  assert.deepEqual(planSearch(parts, both, keyOf, state, 'code 1', 4).map((plan) => plan.action), ['overlay', 'overlay']);
  assert.deepEqual(planSearch(parts, both, keyOf, state, 'code 1', 3).map((plan) => plan.action), ['pack', 'pack']);
});

test('should read only a whole state, and give a page the URL Pagefind gives it', () => {
  const state = packed(hashes());
  assert.deepEqual(parseSearchState(JSON.stringify(state)), state);
  for (const text of [undefined, '', '{"basis": "code 1"', '{"basis": 1, "parts": {}}', '{"basis": "x", "parts": {"pagefind": {"key": "k"}}}']) assert.equal(parseSearchState(text), undefined, String(text));
  assert.equal(indexedUrl('world/rates/index.html'), '/world/rates/');
  assert.equal(indexedUrl('index.html'), '/');
});

test('should keep every story in its part when stories are added, until the archive doubles', () => {
  const archive = pagesOf(10_000, 'world');
  const partOf = (found: ReturnType<typeof searchIndexParts>) => new Map(found.flatMap((part) => part.pages.map((page) => [page, part.folder] as const)));
  const before = searchIndexParts(archive);
  assert.equal(before.length, 16);
  assert.ok(before.every((part) => part.pages.length > 500 && part.pages.length < 800), 'parts of about 625 stories');
  const grown = partOf(searchIndexParts([...archive, ...pagesOf(50, 'sport')]));
  for (const [page, folder] of partOf(before)) assert.equal(grown.get(page), folder, page);
  assert.equal(searchIndexParts([...archive, ...pagesOf(6_385, 'sport')]).length, 32, 'past 16,000 stories, twice as many parts');
  assert.equal(searchIndexParts(pagesOf(1_000, 'world')).length, 1);
  assert.equal(searchIndexParts(pagesOf(1_001, 'world')).length, 2);
});
