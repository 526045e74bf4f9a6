// The related stories kept between builds are the ones ranked anew, and are ranked anew as soon as
// anything the ranking reads has changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadContent } from '../src/content/load-content.ts';
import { planSite } from '../src/site/plan.ts';
import { relatedFinder } from '../src/site/collections.ts';
import { cachedRelated } from '../src/site/related-cache.ts';
import { generatedSite } from './helpers/generate.ts';
import { makeTree } from './helpers/site.ts';

const now = new Date('2026-11-24T12:00:00Z');

async function planOf(root: string) {
  const loaded = await loadContent(join(root, 'content'));
  return planSite(loaded.articles, loaded.settings!, { includeDrafts: false, includeFuture: false, now });
}

const urls = (plan: Awaited<ReturnType<typeof planOf>>, find: (article: (typeof plan.articles)[number]) => { url: string }[]) => plan.articles.map((article) => find(article).map((other) => other.url));

test('should keep every article’s related stories between builds, and rank them anew when a tag changes or the file is damaged', async () => {
  const root = await makeTree(generatedSite(40, new Date(now.getTime() - 3_600_000)));
  const file = join(root, '.matbaa/cache/related.json');
  const plan = await planOf(root);
  const ranked = (p: typeof plan) => urls(p, (article) => relatedFinder(p)(article, 4));

  assert.deepEqual(urls(plan, await cachedRelated(plan, 4, file)), ranked(plan));
  const stored = JSON.parse(await readFile(file, 'utf8')) as { fingerprint: string; related: number[][] };
  assert.equal(stored.related.length, 40);

  // The same plan reads the stored lists: give the first article other ones, and they are what it gets.
  stored.related[0] = [5, 6, 7, 8];
  await writeFile(file, JSON.stringify(stored));
  const again = await planOf(root);
  const fromFile = await cachedRelated(again, 4, file);
  assert.deepEqual(urls(again, fromFile).slice(1), ranked(again).slice(1));
  assert.deepEqual(fromFile(again.articles[0]!).map((other) => other.url), [5, 6, 7, 8].map((index) => again.articles[index]!.url));

  // One tag changed: ranked anew.
  const path = join(root, 'content/articles/world/story-002.md');
  await writeFile(path, (await readFile(path, 'utf8')).replace(/tags: \[[^\]]*\]/, 'tags: ["النفط"]'));
  const retagged = await planOf(root);
  assert.deepEqual(urls(retagged, await cachedRelated(retagged, 4, file)), ranked(retagged));
  assert.notDeepEqual(ranked(retagged), ranked(again));

  // A file cut short: ranked anew, and written whole again.
  await truncate(file, 100);
  assert.deepEqual(urls(retagged, await cachedRelated(retagged, 4, file)), ranked(retagged));
  assert.equal((JSON.parse(await readFile(file, 'utf8')) as { related: unknown[] }).related.length, 40);
});
