// The output is a transaction: a build is put in place only on success; an error, a kill or an
// interrupt leaves the last build byte for byte, and no staging directory survives the next build.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { snapshotTree } from '../helpers/site.ts';
import { buildSite } from '../../src/build.ts';
import { removeCase, runCli, startCli, treeState, writeFiles } from './harness.ts';

const siteYaml = `name: موقع الاختبار
baseUrl: https://test.example/
timeZone: Asia/Beirut
sections:
  world: العالم
`;

const article = (title: string, body = 'نص المقال.\n', date = '2026-11-20T09:30:00+03:00') => `---\ntitle: "${title}"\ndate: ${date}\nsection: world\n---\n\n${body}`;

async function site(t: TestContext, files: Record<string, string> = {}): Promise<string> {
  const root = join(await mkdtemp(join(tmpdir(), 'matbaa-hostile-')), 'site');
  t.after(() => removeCase(root));
  await writeFiles(root, { 'content/site.yaml': siteYaml, 'content/articles/one.md': article('الأول'), 'content/articles/two.md': article('الثاني'), ...files });
  return root;
}

async function build(root: string): Promise<void> {
  const run = await runCli(['build'], root);
  assert.equal(run.code, 0, run.stderr);
}

const leftovers = async (root: string) => (await readdir(root)).filter((entry) => /^\.dist\.(staging|previous)-/.test(entry));

// A build long enough to stop half-way: a 2 MB article renders for a while after the staging
// directory is opened (which holds only new files, once there is an output).
const slowArticle = article('تقرير طويل', 'فقرة عادية من نص التقرير الطويل الذي يكتبه المحرر بلا تنسيق خاص.\n\n'.repeat(16_000));

async function stagingOpened(root: string): Promise<string | undefined> {
  return (await readdir(root)).find((entry) => entry.startsWith('.dist.staging-'));
}

// Starts a slow build and sends `signal` once its staging directory holds files.
async function stopMidBuild(root: string, signal: NodeJS.Signals) {
  const { child, done } = startCli(['build'], root, 300);
  let staging: string | undefined;
  for (let waited = 0; !staging && waited < 240_000 && child.exitCode === null; waited += 50) {
    await sleep(50);
    staging = await stagingOpened(root);
  }
  assert.ok(staging, 'the build never got as far as staging files');
  child.kill(signal);
  return { staging, run: await done };
}

test('should swap a build in only when it succeeds, keep the bytes and mtime of every unchanged file, and leave the output byte for byte after an error', async (t) => {
  const root = await site(t);
  await build(root);
  const first = await snapshotTree(join(root, 'dist'));

  await writeFiles(root, { 'content/articles/two.md': article('الثاني', 'نص معدل.\n') });
  await build(root);
  const second = await snapshotTree(join(root, 'dist'));
  const hash = (entry: string | undefined) => entry?.split(' ')[0];
  const unchanged = Object.keys(second).filter((path) => path.endsWith('/') === false && hash(first[path]) === hash(second[path]));
  assert.ok(unchanged.includes('world/one/index.html') && unchanged.some((path) => path.startsWith('assets/')), unchanged.join('\n'));
  for (const path of unchanged) assert.equal(second[path], first[path], `${path} kept its bytes but not its mtime`);
  assert.notEqual(hash(second['world/two/index.html']), hash(first['world/two/index.html']));

  await writeFiles(root, { 'content/articles/two.md': article('الثاني', 'نص.\n', '2026-02-30T09:30:00+03:00') });
  const before = await treeState(root);
  const failed = await runCli(['build'], root);
  assert.equal(failed.code, 1, failed.stderr);
  assert.deepEqual(await treeState(root), before);
  assert.deepEqual(await snapshotTree(join(root, 'dist')), second);
  assert.deepEqual(await leftovers(root), []);
});

test('should leave the last build as it was when a build is killed (SIGKILL), and clear its staging directory on the next build', async (t) => {
  const root = await site(t);
  await build(root);
  const last = await snapshotTree(join(root, 'dist'));

  await writeFiles(root, { 'content/articles/slow.md': slowArticle });
  const { staging, run } = await stopMidBuild(root, 'SIGKILL');
  t.diagnostic(`killed after ${run.seconds.toFixed(1)} s`);
  assert.equal(run.signal, 'SIGKILL');
  assert.deepEqual(await snapshotTree(join(root, 'dist')), last);
  // A kill cannot be handled: its staging directory stays until the next build.
  assert.deepEqual(await leftovers(root), [staging]);

  await rm(join(root, 'content/articles/slow.md'));
  await build(root);
  assert.deepEqual(await leftovers(root), []);
  assert.ok(existsSync(join(root, 'dist/world/one/index.html')));
});

for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
  test(`should stop on ${signal} with exit code ${code}, removing its staging directory and leaving the last build as it was`, async (t) => {
    const root = await site(t);
    await build(root);
    const last = await snapshotTree(join(root, 'dist'));

    await writeFiles(root, { 'content/articles/slow.md': slowArticle });
    const before = await treeState(root);
    const { run } = await stopMidBuild(root, signal);
    t.diagnostic(`stopped after ${run.seconds.toFixed(1)} s`);
    assert.equal(run.code, code, run.stderr);
    assert.deepEqual(run.stderr.trim().split('\n'), [`matbaa: stopped by ${signal}; dist holds the last complete build.`]);
    assert.deepEqual(await leftovers(root), []);
    assert.deepEqual(await snapshotTree(join(root, 'dist')), last);
    assert.deepEqual(await treeState(root), before);
  });
}

test('should put back an output that a swap cut short left aside, and clear the staging directories of dead builds', async (t) => {
  const root = await site(t);
  await build(root);
  const deadPid = await exitedPid();
  // As a build killed between the two renames of its swap would leave them.
  await rename(join(root, 'dist'), join(root, `.dist.previous-${deadPid}`));
  await writeFiles(root, { [`.dist.staging-${deadPid}-1700000000000/world/half/index.html`]: 'half a build\n' });

  await build(root);
  assert.deepEqual(await leftovers(root), []);
  assert.ok(existsSync(join(root, 'dist/world/one/index.html')));
  assert.ok(!existsSync(join(root, 'dist/world/half')));
});

// The id of a process that has ended, as a killed build's would be.
function exitedPid(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '']);
    child.on('exit', () => resolve(child.pid!));
  });
}

test('should stop a build when an article changes while it is being built, name the file, and leave the last output', async (t) => {
  // More stories than the build renders at once, so some are read after the first page is written.
  const count = 4 * availableParallelism() + 8;
  const stories = Array.from({ length: count }, (_, i) => `content/articles/story-${i}.md`);
  const root = await site(t, Object.fromEntries(stories.map((path, i) => [path, article(`خبر رقم ${i}`)])));
  await build(root);
  const before = await treeState(root, ['content/']);
  let edited = false;
  const building = buildSite({
    contentDir: join(root, 'content'),
    outDir: join(root, 'dist'),
    cacheDir: join(root, '.matbaa/cache'),
    // Another address changes every page, so every page renders and reads its article again.
    baseUrl: 'https://preview.test.example/',
    onProgress: () => {
      if (edited) return;
      edited = true;
      for (const path of stories) writeFileSync(join(root, path), article('خبر عدّله محرر أثناء البناء'));
    },
  });
  await assert.rejects(building, /content\/articles\/story-\d+\.md changed while the site was being built; build again/);
  assert.ok(edited);
  assert.deepEqual(await treeState(root, ['content/']), before);
  assert.deepEqual(await leftovers(root), []);
});
