import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { manifestName, openStaging, recoverOutput, type KeptFile, type OutputState } from '../src/output/staging.ts';
import { statKey } from '../src/content/article-cache.ts';
import { makeTree, repoRoot, snapshotTree } from './helpers/site.ts';

const files: Record<string, string> = { '_img/a.1.avif': 'first picture', '_img/b.2.webp': 'second picture' };

// A live output made by one build of `tree` (`files` unless given).
async function liveOutput(tree: Record<string, string> = files) {
  const out = join(await makeTree({}), 'dist');
  const staging = await openStaging(out);
  for (const [path, contents] of Object.entries(tree)) await staging.write(path, contents);
  await staging.commit();
  return out;
}

function kept(path: string, contents = files[path]!): KeptFile {
  return { path, hash: createHash('sha256').update(contents).digest('hex'), size: Buffer.byteLength(contents) };
}

async function identity(path: string) {
  const stats = await stat(path);
  return `${stats.ino} ${stats.mtimeMs}`;
}

// Whether a build opening `out` finds it as `state` says.
async function expecting(out: string, state: OutputState): Promise<boolean> {
  const next = await openStaging(out, { expect: state });
  await next.abort();
  return next.asExpected;
}

// The stat of every folder of `out` now, as an output state records them.
function foldersNow(out: string): Record<string, string> {
  const folders: Record<string, string> = { '': statKey(lstatSync(out)) };
  for (const entry of readdirSync(out, { recursive: true, withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(entry.parentPath, entry.name);
    folders[path.slice(out.length + 1)] = statKey(lstatSync(path));
  }
  return folders;
}

describe('keeping live files', () => {
  it('should link every live file the deploy manifest records with the same hash and size, and list nothing as changed', async () => {
    const out = await liveOutput();
    const before = await Promise.all(Object.keys(files).map((path) => identity(join(out, path))));
    const manifest = await readFile(join(out, manifestName), 'utf8');
    const staging = await openStaging(out);
    assert.equal(await staging.keep(Object.keys(files).map((path) => kept(path))), true);
    assert.equal(staging.hashOf('_img/a.1.avif'), kept('_img/a.1.avif').hash);
    assert.deepEqual(await staging.commit(), { added: [], changed: [], removed: [] });
    assert.deepEqual(await Promise.all(Object.keys(files).map((path) => identity(join(out, path)))), before, 'the same files, not copies');
    assert.equal(await readFile(join(out, manifestName), 'utf8'), manifest);
  });

  it('should keep none of the files when one is missing, of another size or recorded with another hash', async () => {
    const cases: [string, KeptFile, (out: string) => Promise<void>][] = [
      ['missing', kept('_img/b.2.webp'), (out) => rm(join(out, '_img/b.2.webp'))],
      ['of another size', kept('_img/b.2.webp'), (out) => writeFile(join(out, '_img/b.2.webp'), 'second')],
      ['recorded with another hash', kept('_img/b.2.webp', 'second pictur!'), async () => {}],
      ['never written', { ...kept('_img/b.2.webp'), path: '_img/c.3.jpg' }, async () => {}],
      // The manifest is written by hand from its entries: one whose hash is not a sha256 is not trusted.
      ['recorded with a hash that is no sha256', { ...kept('_img/b.2.webp'), hash: 'a"b' }, async (out) => {
        const manifest = JSON.parse(await readFile(join(out, manifestName), 'utf8')) as { files: Record<string, { hash: string }> };
        manifest.files['_img/b.2.webp']!.hash = 'a"b';
        await writeFile(join(out, manifestName), JSON.stringify(manifest));
      }],
    ];
    for (const [what, second, spoil] of cases) {
      const out = await liveOutput();
      await spoil(out);
      const staging = await openStaging(out);
      assert.equal(await staging.keep([kept('_img/a.1.avif'), second]), false, what);
      assert.equal(staging.hashOf('_img/a.1.avif'), undefined, `${what}: nothing is staged`);
      await staging.abort();
    }
  });

  it('should keep nothing when the live output has no deploy manifest to vouch for it', async () => {
    const out = await liveOutput();
    await rm(join(out, manifestName));
    const staging = await openStaging(out);
    assert.equal(await staging.keep([kept('_img/a.1.avif')]), false);
    await staging.abort();
  });
});

describe('writing over the live output', () => {
  it('should write again a file whose live copy is not the size the deploy manifest records', async () => {
    const out = await liveOutput();
    await writeFile(join(out, '_img/a.1.avif'), 'first');
    const untouched = await identity(join(out, '_img/b.2.webp'));
    const staging = await openStaging(out);
    for (const [path, contents] of Object.entries(files)) await staging.write(path, contents);
    assert.deepEqual(await staging.commit(), { added: [], changed: [], removed: [] });
    assert.equal(await readFile(join(out, '_img/a.1.avif'), 'utf8'), 'first picture');
    assert.equal(await identity(join(out, '_img/b.2.webp')), untouched);
  });
});

describe('the replaced output', () => {
  const beside = async (out: string) => (await readdir(dirname(out))).filter((entry) => entry !== 'dist').sort();

  it('should be deleted after the swap, leaving only the new output beside it', async () => {
    const out = await liveOutput();
    const staging = await openStaging(out);
    await staging.write('_img/a.1.avif', 'a third picture');
    await staging.commit();
    assert.equal(await readFile(join(out, '_img/a.1.avif'), 'utf8'), 'a third picture');
    // The deletion runs in a process of its own, after the swap.
    for (let waited = 0; (await beside(out)).length > 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(await beside(out), []);
  });

  it('should be deleted, again in a process of its own, by the next build when the process deleting it died first', async () => {
    const out = await liveOutput();
    const deadPid = 2 ** 22 + 1;
    await mkdir(join(dirname(out), `.dist.old-${deadPid}-1700000000000/world`), { recursive: true });
    await writeFile(join(dirname(out), `.dist.old-${deadPid}-1700000000000/world/index.html`), 'an old page\n');
    const staging = await openStaging(out);
    const left = async () => (await beside(out)).filter((entry) => !entry.startsWith('.dist.staging-') && entry !== '.dist.lock');
    for (let waited = 0; (await left()).length > 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(await left(), []);
    await staging.abort();
    assert.equal(await readFile(join(out, '_img/b.2.webp'), 'utf8'), 'second picture');
  });
});

describe('committing in place', () => {
  // A live output of a few pages, the later build changing one, adding one, dropping two, and putting a
  // file where a folder of them was; most pages stay as they were, as in most builds.
  const unchangedPages = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`archive/${i}/index.html`, `archive page ${i}`]));
  const pages: Record<string, string> = {
    ...unchangedPages,
    'index.html': 'home',
    'world/one/index.html': 'one',
    'world/two/index.html': 'two',
    'world/three/index.html': 'three',
    'old/story/index.html': 'a story taken down',
  };
  const published = () => liveOutput(pages);
  async function nextBuild(out: string) {
    const staging = await openStaging(out);
    for (const [path, contents] of Object.entries(unchangedPages)) await staging.write(path, contents);
    await staging.write('index.html', 'home');
    await staging.write('world/one/index.html', 'one, updated');
    await staging.write('world/two/index.html', 'two');
    await staging.write('world/four/index.html', 'four');
    await staging.write('old', 'a file where a folder was');
    return staging;
  }
  const beside = async (out: string) => (await readdir(dirname(out))).filter((entry) => entry !== 'dist').sort();
  const settled = async (out: string) => {
    for (let waited = 0; (await beside(out)).length > 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    return beside(out);
  };

  it('should move only the new and changed files into the live output, take away the files no longer made, and leave the rest untouched', async () => {
    const out = await published();
    const untouched = await Promise.all(['index.html', 'world/two/index.html'].map((path) => identity(join(out, path))));
    const folder = await identity(out);
    const staging = await nextBuild(out);
    assert.equal(staging.fileOf('world/two/index.html'), join(out, 'world/two/index.html'), 'an unchanged page is read where it is');
    assert.notEqual(staging.fileOf('world/four/index.html'), join(out, 'world/four/index.html'), 'a new page is read where it is staged');
    assert.deepEqual(await staging.commit(), {
      added: ['old', 'world/four/index.html'],
      changed: ['world/one/index.html'],
      removed: ['old/story/index.html', 'world/three/index.html'],
    });
    assert.equal((await identity(out)).split(' ')[0], folder.split(' ')[0], 'the same output folder, not a new one swapped in');
    const after = await snapshotTree(out);
    const files = [manifestName, ...Object.keys(unchangedPages), 'index.html', 'old', 'world/four/index.html', 'world/one/index.html', 'world/two/index.html'];
    assert.deepEqual(Object.keys(after).filter((path) => !path.endsWith('/')).sort(), files.sort());
    assert.ok(!('world/three/' in after), 'an emptied folder goes');
    assert.equal(await readFile(join(out, 'old'), 'utf8'), 'a file where a folder was');
    assert.equal(await readFile(join(out, 'world/one/index.html'), 'utf8'), 'one, updated');
    assert.deepEqual(await Promise.all(['index.html', 'world/two/index.html'].map((path) => identity(join(out, path)))), untouched);
    assert.deepEqual(await settled(out), [], 'no staging, journal or replaced files are left beside the output');
    assert.equal(await expecting(out, await staging.committedState()), true, 'the next build finds the output as the commit left it');
  });

  it('should find an output as the last commit left it, with no walk, until a file is added to it or taken from it', async () => {
    // A build that keeps every file but one, which it writes anew.
    const rebuild = async (out: string, expect?: OutputState) => {
      const staging = await openStaging(out, { expect });
      await staging.write('world/one/index.html', `one, at ${Math.random()}`);
      assert.ok(staging.keepRest(() => false));
      await staging.commit();
      return { staging, state: await staging.committedState() };
    };
    const out = await published();
    const walked = await rebuild(out);
    assert.equal(walked.staging.asExpected, false, 'no state to expect: walked');
    const found = await rebuild(out, walked.state);
    assert.equal(found.staging.asExpected, true);
    // The folders a commit in place did not touch keep the stat it found them with: the state is the one asking every folder gives.
    assert.deepEqual(found.state.folders, foldersNow(out));
    for (const change of [
      (out: string) => writeFile(join(out, 'world/stray.html'), 'added by hand'),
      (out: string) => rm(join(out, 'world/two/index.html')),
      (out: string) => mkdir(join(out, 'world/extra')).then(() => writeFile(join(out, 'world/extra/a.html'), 'a')),
      (out: string) => writeFile(join(out, manifestName), '{}'),
    ]) {
      const other = await published();
      const { state } = await rebuild(other);
      await change(other);
      assert.equal(await expecting(other, state), false, String(change));
    }
  });

  it('should undo every move when one fails half-way, and leave the output byte for byte', async () => {
    const out = await published();
    const before = await snapshotTree(out);
    const staging = await nextBuild(out);
    // A staged file that vanishes before the commit: its move fails after others were done.
    await rm(staging.fileOf('old'));
    await assert.rejects(staging.commit(), /ENOENT/);
    assert.deepEqual(await snapshotTree(out), before);
    await staging.abort();
    assert.deepEqual(await settled(out), []);
  });

  it('should be undone by the next build when the process committing it was killed half-way', async (t) => {
    const out = await published();
    const before = await snapshotTree(out);
    const root = dirname(out);
    // A build whose third rename of the commit kills it, as a power cut or an OOM kill would.
    const script = join(root, 'killed-commit.mts');
    await writeFile(
      script,
      `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { openStaging } from ${JSON.stringify(join(repoRoot, 'src/output/staging.ts'))};
const staging = await openStaging(${JSON.stringify(out)});
for (const [path, contents] of Object.entries(${JSON.stringify(unchangedPages)})) await staging.write(path, contents);
await staging.write('index.html', 'home');
await staging.write('world/one/index.html', 'one, updated');
await staging.write('world/two/index.html', 'two');
await staging.write('world/four/index.html', 'four');
await staging.write('old', 'a file where a folder was');
const rename = fs.renameSync;
let renames = 0;
fs.renameSync = (from, to) => {
  // The journal's own rename is the first.
  if (++renames === 5) process.kill(process.pid, 'SIGKILL');
  return rename(from, to);
};
syncBuiltinESMExports();
await staging.commit();
`,
    );
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('exit', (_code, signal) => resolve(signal));
    });
    await rm(script);
    assert.equal(signal, 'SIGKILL');
    const left = await beside(out);
    assert.ok(left.some((entry) => /^\.dist\.journal-\d+\.json$/.test(entry)), `a journal is left: ${left.join(', ')}`);
    assert.notDeepEqual(await snapshotTree(out), before, 'the killed commit had moved files');
    t.diagnostic(`left beside the output: ${left.join(', ')}`);

    await recoverOutput(out);
    assert.deepEqual(await snapshotTree(out), before);
    assert.deepEqual(await settled(out), []);
  });
});

describe('one build at a time', () => {
  it('should refuse to open an output another build is writing, and take over the lock of a build that died', async () => {
    const out = await liveOutput();
    const lock = join(dirname(out), '.dist.lock');
    const first = await openStaging(out);
    await assert.rejects(openStaging(out), /Another build \(process \d+\) is writing .*dist; wait for it to end/);
    await first.abort();
    assert.ok(!existsSync(lock), 'an aborted build lets go of the lock');

    // A lock held by a process that is running (this test's parent).
    await writeFile(lock, String(process.ppid));
    await assert.rejects(openStaging(out), new RegExp(`Another build \\(process ${process.ppid}\\)`));
    // And one left by a process that died.
    await writeFile(lock, String(2 ** 22 + 1));
    const second = await openStaging(out);
    await second.write('_img/a.1.avif', 'a third picture');
    await second.commit();
    assert.ok(!existsSync(lock), 'a committed build lets go of the lock');
    assert.equal(await readFile(join(out, '_img/a.1.avif'), 'utf8'), 'a third picture');
  });
});
