import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { article, makeTree, runCli, siteYaml, snapshotTree } from './helpers/site.ts';

const good = (title: string) => article(`title: "${title}"\ndate: 2026-11-20T09:30:00+03:00\nsection: world`, 'فقرة.\n');

test('should exit 2 with one line for an unknown flag, a missing value or a missing content directory, creating nothing', async () => {
  const root = await makeTree({ 'content/site.yaml': siteYaml });
  for (const args of [['build', '--colour'], ['build', '--out'], ['build', '--content', 'nowhere'], ['publish'], ['build', '--base-url', 'example.com']]) {
    const run = await runCli(args, root);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /^matbaa: /);
    assert.equal(existsSync(join(root, 'dist')), false);
  }
});

test('should list every flag of build with an example', async () => {
  const run = await runCli(['build', '--help'], await makeTree({}));
  assert.equal(run.code, 0);
  for (const flag of ['--content', '--out', '--base-url', 'Example']) assert.match(run.stdout, new RegExp(flag));
});

test('should report three broken files at once with file and line, exit 1 and leave the last good output as it was', async () => {
  const root = await makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/good.md': good('خبر سليم'),
  });
  const first = await runCli(['build'], root);
  assert.equal(first.code, 0, first.stderr);
  const before = await snapshotTree(join(root, 'dist'));
  assert.ok(Object.keys(before).some((path) => path.endsWith('good/index.html')));

  const files = {
    'content/articles/typo.md': article(`title: "خبر"\ndate: 2026-11-20T09:30:00+03:00\nsection: world\nauthr: "سمير"`),
    'content/articles/bad-date.md': article(`title: "خبر آخر"\ndate: 2026-13-01T09:30:00+03:00\nsection: world`),
    'content/articles/unclosed.md': `---\ntitle: "بلا نهاية"\ndate: 2026-11-20T09:30:00+03:00\n`,
  };
  const { writeFile } = await import('node:fs/promises');
  for (const [path, text] of Object.entries(files)) await writeFile(join(root, path), text);

  const run = await runCli(['build'], root);
  assert.equal(run.code, 1);
  const lines = run.stderr.trim().split('\n');
  assert.ok(lines.includes('content/articles/typo.md:5:1: error: Unexpected key `authr`, expected `authors`  unknown-key'), run.stderr);
  assert.ok(lines.some((line) => line.startsWith('content/articles/bad-date.md:3:7: error: Invalid `date`')), run.stderr);
  assert.ok(lines.some((line) => line.startsWith('content/articles/unclosed.md:1:1: error: Unclosed front matter')), run.stderr);
  assert.match(lines.at(-1)!, /^Build failed: 3 errors in 3 files; dist was left as it was\.$/);
  assert.deepEqual(await snapshotTree(join(root, 'dist')), before);
  const { readdir } = await import('node:fs/promises');
  // No staging folder is left beside the output (the build cache, .matbaa, is meant to stay).
  assert.deepEqual((await readdir(root)).filter((name) => name !== '.matbaa').sort(), ['content', 'dist']);
});

test('should keep the bytes and mtime of files a rebuild does not change', async () => {
  const root = await makeTree({ 'content/site.yaml': siteYaml, 'content/articles/one.md': good('الأول'), 'content/articles/two.md': good('الثاني') });
  assert.equal((await runCli(['build'], root)).code, 0);
  const before = await snapshotTree(join(root, 'dist'));
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(root, 'content/articles/two.md'), good('الثاني بعد التعديل'));
  assert.equal((await runCli(['build'], root)).code, 0);
  const after = await snapshotTree(join(root, 'dist'));
  assert.equal(after['world/one/index.html'] === before['world/one/index.html'], false, 'the «more from» block of one lists the new title of two');
  const unchanged = Object.keys(before).filter((path) => path.startsWith('assets/'));
  assert.ok(unchanged.length > 0);
  for (const path of unchanged) assert.equal(after[path], before[path], path);
  assert.notEqual(after['world/two/index.html'], before['world/two/index.html']);
});
