// The client bundle is made by Vite once per code version and kept in the build cache; a damaged
// kept bundle is made again, never served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAssets } from '../src/output/vite-assets.ts';
import { openStaging } from '../src/output/staging.ts';
import { repoRoot } from './helpers/site.ts';

async function stagedAssets(cacheDir: string, code: string, out?: string) {
  out ??= join(await mkdtemp(join(tmpdir(), 'matbaa-assets-test-')), 'dist');
  const staging = await openStaging(out);
  const urls = await buildAssets(repoRoot, staging, { cacheDir, code });
  await staging.commit();
  const files: Record<string, string> = {};
  for (const name of await readdir(join(out, 'assets'))) files[`assets/${name}`] = createHash('sha256').update(await readFile(join(out, 'assets', name))).digest('hex');
  return { urls, files };
}

test('should bundle the assets once per code version, serve the kept bundle after, and make a damaged one again', async () => {
  const cacheDir = await mkdtemp(join(tmpdir(), 'matbaa-assets-cache-'));
  const first = await stagedAssets(cacheDir, 'version-1');
  assert.ok(first.urls.stylesheets.length > 0 && first.urls.preloadFonts?.length === 4);
  assert.ok(Object.keys(first.files).some((path) => path.endsWith('.woff2')));
  const entry = join(cacheDir, 'assets', 'version-1');
  const kept = JSON.parse(await readFile(join(entry, 'bundle.json'), 'utf8')) as { files: { path: string; sha256: string }[] };
  assert.deepEqual(Object.fromEntries(kept.files.map((file) => [file.path, file.sha256])), first.files);

  // The kept bundle is what is served: a file changed in it (and listed so) is what the site gets.
  const css = first.urls.stylesheets[0]!.slice(1);
  const changed = Buffer.from('body{color:red}');
  await writeFile(join(entry, css), changed);
  kept.files.find((file) => file.path === css)!.sha256 = createHash('sha256').update(changed).digest('hex');
  await writeFile(join(entry, 'bundle.json'), JSON.stringify({ ...JSON.parse(await readFile(join(entry, 'bundle.json'), 'utf8')), files: kept.files }));
  const served = await stagedAssets(cacheDir, 'version-1');
  assert.equal(served.files[css], createHash('sha256').update(changed).digest('hex'));

  // A file cut short no longer matches its hash: bundled again, and kept whole again.
  await truncate(join(entry, css), 3);
  const again = await stagedAssets(cacheDir, 'version-1');
  assert.deepEqual(again, first);

  // Another code version bundles anew and the old version's bundle goes.
  assert.deepEqual(await stagedAssets(cacheDir, 'version-2'), first);
  assert.deepEqual(await readdir(join(cacheDir, 'assets')), ['version-2']);
});

test('should keep the assets the live output holds as the kept bundle lists them, without reading the bundle', async () => {
  const cacheDir = await mkdtemp(join(tmpdir(), 'matbaa-assets-cache-'));
  const out = join(await mkdtemp(join(tmpdir(), 'matbaa-assets-test-')), 'dist');
  const first = await stagedAssets(cacheDir, 'version-1', out);
  // Damaged in the cache: a build that read it would bundle again and mend it.
  const css = join(cacheDir, 'assets', 'version-1', first.urls.stylesheets[0]!.slice(1));
  await writeFile(css, 'damaged');
  assert.deepEqual(await stagedAssets(cacheDir, 'version-1', out), first);
  assert.equal(await readFile(css, 'utf8'), 'damaged', 'the kept bundle was not read');

  // An output without them takes them from the bundle, which is found damaged and made again.
  assert.deepEqual(await stagedAssets(cacheDir, 'version-1'), first);
  assert.notEqual(await readFile(css, 'utf8'), 'damaged');
});
