import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { article, makeTree, repoRoot, runCli, siteYaml, snapshotTree } from './helpers/site.ts';
import { buildSite, type BuildResult } from '../src/build.ts';

const story = (title: string, tags = '["سوريا"]') => article(`title: "${title}"\ndate: 2026-11-20T09:30:00+03:00\nsection: world\ntags: ${tags}`, `نص ${title}.\n`);

async function site() {
  return makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/world/one.md': story('الأول'),
    'content/articles/world/two.md': story('الثاني'),
    'content/articles/middle-east/three.md': story('الثالث', '["لبنان"]').replace('section: world', 'section: middle-east'),
  });
}

test('should list what a rebuild added, changed and removed, and change nothing when nothing changed', async () => {
  const root = await site();
  const first = await runCli(['build', '--changed', 'changes.txt'], root);
  assert.equal(first.code, 0, first.stderr);
  const added = (await readFile(join(root, 'changes.txt'), 'utf8')).trim().split('\n');
  assert.ok(added.every((line) => line.startsWith('A\t')));
  assert.ok(added.includes('A\tworld/one/index.html') && added.includes('A\t_headers') && added.includes('A\tfeed.xml'));

  const before = await snapshotTree(join(root, 'dist'));
  const again = await runCli(['build', '--changed', 'changes.txt'], root);
  assert.match(again.stdout, /Output: 0 added, 0 changed, 0 removed\./);
  assert.equal(await readFile(join(root, 'changes.txt'), 'utf8'), '');
  const after = await snapshotTree(join(root, 'dist'));
  for (const [path, value] of Object.entries(before)) if (!path.startsWith('.matbaa-manifest')) assert.equal(after[path], value, path);

  await writeFile(join(root, 'content/articles/middle-east/three.md'), story('الثالث بعد التعديل', '["لبنان"]').replace('section: world', 'section: middle-east'));
  await rm(join(root, 'content/articles/world/two.md'));
  const edited = await runCli(['build', '--changed', 'changes.txt'], root);
  assert.equal(edited.code, 0, edited.stderr);
  const lines = (await readFile(join(root, 'changes.txt'), 'utf8')).trim().split('\n');
  assert.ok(lines.includes('M\tmiddle-east/three/index.html'), lines.join('\n'));
  assert.ok(lines.includes('D\tworld/two/index.html'), lines.join('\n'));
  assert.ok(!lines.some((line) => line.includes('world/one/index.html') && line.startsWith('A')));
  assert.ok(!lines.some((line) => line.startsWith('M\tassets/')), 'the stylesheet did not change');
});

test('should rebuild a page from a corrupt cache entry rather than serve it', async () => {
  const root = await site();
  assert.equal((await runCli(['build'], root)).code, 0);
  const good = await readFile(join(root, 'dist/world/one/index.html'), 'utf8');
  // Without the last output, pages come from .matbaa/cache: spoil every entry there.
  await rm(join(root, 'dist'), { recursive: true });
  const pagesDir = join(root, '.matbaa/cache/pages');
  let spoiled = 0;
  for (const folder of await readdir(pagesDir)) {
    for (const name of await readdir(join(pagesDir, folder))) {
      const path = join(pagesDir, folder, name);
      const entry = await readFile(path, 'utf8');
      // A page altered after its header line (to as many bytes), or an entry cut short.
      const headerEnd = entry.indexOf('\n') + 1;
      const page = entry.slice(headerEnd);
      assert.ok(page.includes('الأول') || !page.includes('<article'), 'the story pages say الأول');
      if (spoiled % 2 === 0) await writeFile(path, entry.slice(0, headerEnd) + page.replaceAll('الأول', 'مزوّر'));
      else await writeFile(path, entry.slice(0, 100));
      spoiled++;
    }
  }
  assert.ok(spoiled >= 3);
  const run = await runCli(['build'], root);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(await readFile(join(root, 'dist/world/one/index.html'), 'utf8'), good);
});

test('should give hashed assets a year of immutable caching and pages a short one in _headers', async () => {
  const root = await site();
  assert.equal((await runCli(['build'], root)).code, 0);
  const headers = await readFile(join(root, 'dist/_headers'), 'utf8');
  assert.match(headers, /^\/assets\/\*\n {2}! Cache-Control\n {2}Cache-Control: public, max-age=31536000, immutable$/m);
  assert.match(headers, /^\/\*\n {2}Cache-Control: public, max-age=300, must-revalidate$/m);
});

test('should merge three shards into the same files as one build', async () => {
  const work = await mkdtemp(join(tmpdir(), 'matbaa-shards-'));
  await cp(join(repoRoot, 'content'), join(work, 'content'), { recursive: true });
  const whole = await runCli(['build', '--out', 'whole'], work);
  assert.equal(whole.code, 0, whole.stderr);
  for (const k of [1, 2, 3]) {
    const run = await runCli(['build', '--shard', `${k}/3`, '--out', `shard-${k}`], work);
    assert.equal(run.code, 0, run.stderr);
    await cp(join(work, `shard-${k}`), join(work, 'merged'), { recursive: true, force: false });
  }
  const shardArticles = await Promise.all([1, 2, 3].map(async (k) => Object.keys(await snapshotTree(join(work, `shard-${k}`))).filter((p) => /^(middle-east|world|economy|culture)\/[^/]+\/index\.html$/.test(p) && !p.includes('/page/')).length));
  assert.ok(shardArticles.every((count) => count < 10), `each shard renders a share: ${shardArticles}`);
  const index = await runCli(['index', '--out', 'merged'], work);
  assert.equal(index.code, 0, index.stderr);
  const files = async (dir: string) =>
    Object.fromEntries(Object.entries(await snapshotTree(join(work, dir))).filter(([path]) => !path.startsWith('.matbaa-manifest')).map(([path, value]) => [path, value.split(' ')[0]]));
  assert.deepEqual(await files('merged'), await files('whole'));
});

test('should refuse a shard that is not K of N', async () => {
  const root = await site();
  for (const shard of ['0/3', '4/3', '2', 'a/b']) {
    const run = await runCli(['build', '--shard', shard], root);
    assert.equal(run.code, 2, shard);
    assert.match(run.stderr, /^matbaa: --shard expects K\/N/);
  }
});

test('should say again what a kept page said when rendered, from the build cache and not from the published manifest', async () => {
  const root = await makeTree({
    'content/site.yaml': siteYaml,
    // Two spaces in a row: a warning of the style check, which runs as the page renders.
    'content/articles/world/one.md': article('title: "الأول"\ndate: 2026-11-20T09:30:00+03:00\nsection: world', 'نص  الخبر الأول.\n'),
    'content/files/.keep': '',
  });
  const options = { contentDir: join(root, 'content'), outDir: join(root, 'dist'), cacheDir: join(root, 'cache'), now: new Date('2026-11-24T12:00:00Z') };
  const warned = (result: BuildResult) => result.messages.filter((message) => message.ruleId === 'doubled-space').map((message) => `${message.file}:${message.line}:${message.column}`);
  const first = await buildSite(options);
  assert.equal(warned(first).length, 1);
  const manifest = await readFile(join(root, 'dist', '.matbaa-manifest.json'), 'utf8');
  assert.ok(!manifest.includes('doubled-space') && !manifest.includes('"messages"'), 'the manifest, published with the site, holds no messages');

  // A new file in content/: the whole build runs, and keeps the first page as it is.
  for (const [name, clearMessages] of [['two', false], ['three', true]] as const) {
    if (clearMessages) await rm(join(root, 'cache', 'page-messages.json'));
    await writeFile(join(root, `content/files/${name}.svg`), '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
    const again = await buildSite(options);
    assert.ok(!again.changes!.changed.includes('world/one/index.html') && !again.changes!.added.includes('world/one/index.html'));
    assert.deepEqual(warned(again), warned(first), clearMessages ? 'from the page cache when the messages are gone' : 'from the kept messages');
  }
});
