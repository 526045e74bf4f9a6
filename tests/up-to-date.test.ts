// A build whose inputs, output and clock are as the last build left them does nothing; any change to
// them, or the clock reaching a moment when a page changes by itself, makes it build again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSite, type BuildOptions } from '../src/build.ts';
import { article, makeTree, siteYaml, snapshotTree } from './helpers/site.ts';

const now = new Date('2026-11-20T12:00:00Z');
const hour = 60 * 60 * 1000;

async function site(t: { after: (fn: () => Promise<void>) => void }) {
  const root = await makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/world/summit.md': article('title: "القمة تبدأ أعمالها"\ndate: 2026-11-17T09:30:00+03:00\nsection: world\ntags: ["قمة"]'),
    // In the news sitemap until 2026-11-21T08:00Z.
    'content/articles/world/talks.md': article('title: "محادثات في جنيف"\ndate: 2026-11-19T08:00:00+00:00\nsection: world'),
    // Due in three hours.
    'content/articles/middle-east/later.md': article('title: "خبر مجدول"\ndate: 2026-11-20T15:00:00+00:00\nsection: middle-east'),
  });
  t.after(() => rm(root, { recursive: true, force: true }));
  const options = (at: Date, more: Partial<BuildOptions> = {}): BuildOptions => ({ contentDir: join(root, 'content'), outDir: join(root, 'dist'), cacheDir: join(root, 'cache'), now: at, ...more });
  return { root, options };
}

test('should do nothing when nothing changed, and say again what the last build said', async (t) => {
  const { root, options } = await site(t);
  const first = await buildSite(options(now));
  assert.ok(first.written && !first.upToDate);
  const before = await snapshotTree(join(root, 'dist'));
  const second = await buildSite(options(new Date(now.getTime() + hour)));
  assert.equal(second.upToDate, true);
  assert.deepEqual({ ...second, upToDate: undefined }, { ...first, upToDate: undefined, changes: { added: [], changed: [], removed: [] } });
  assert.deepEqual(await snapshotTree(join(root, 'dist')), before);
});

test('should build again when a file is touched, an output file is gone, or the options differ', async (t) => {
  const { root, options } = await site(t);
  await buildSite(options(now));
  // Bytes only: a page written again has a new time.
  const bytes = async () => Object.fromEntries(Object.entries(await snapshotTree(join(root, 'dist'))).map(([path, state]) => [path, state.split(' ')[0]]));
  const built = await bytes();

  // The same bytes with a new time: built again, to the same output.
  const summit = join(root, 'content/articles/world/summit.md');
  await utimes(summit, new Date(), new Date(now.getTime() + 5 * hour));
  const touched = await buildSite(options(now));
  assert.ok(!touched.upToDate);
  assert.deepEqual(touched.changes, { added: [], changed: [], removed: [] });

  // A page taken from the output comes back.
  await unlink(join(root, 'dist/world/summit/index.html'));
  const repaired = await buildSite(options(now));
  assert.ok(!repaired.upToDate);
  assert.deepEqual(await bytes(), built);

  assert.ok(!(await buildSite(options(now, { includeFuture: true }))).upToDate);
  assert.ok(!(await buildSite(options(now, { baseUrl: 'https://preview.test.example/' }))).upToDate);
  await writeFile(join(root, 'content/articles/world/new.md'), article('title: "خبر جديد"\ndate: 2026-11-20T10:00:00+00:00\nsection: world'));
  const added = await buildSite(options(now));
  assert.ok(!added.upToDate && added.changes!.added.includes('world/new/index.html'));
});

test('should build again once a scheduled story is due or a story leaves the news sitemap', async (t) => {
  const { root, options } = await site(t);
  const first = await buildSite(options(now));
  assert.equal(first.scheduled, 1);

  const due = await buildSite(options(new Date('2026-11-20T15:30:00Z')));
  assert.ok(!due.upToDate);
  assert.equal(due.scheduled, 0);
  assert.ok(due.changes!.added.includes('middle-east/later/index.html'));

  assert.ok((await buildSite(options(new Date('2026-11-20T16:00:00Z')))).upToDate);
  // talks.md leaves the news sitemap at 2026-11-21T08:00Z.
  const aged = await buildSite(options(new Date('2026-11-21T09:00:00Z')));
  assert.ok(!aged.upToDate);
  assert.ok(aged.changes!.changed.includes('news-sitemap.xml'), JSON.stringify(aged.changes));
  void root;
});
