import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { manifestName, openStaging, type KeptFile } from '../src/output/staging.ts';
import { makeTree } from './helpers/site.ts';

const files: Record<string, string> = { '_img/a.1.avif': 'first picture', '_img/b.2.webp': 'second picture' };

// A live output made by one build of `files`.
async function liveOutput() {
  const out = join(await makeTree({}), 'dist');
  const staging = await openStaging(out);
  for (const [path, contents] of Object.entries(files)) await staging.write(path, contents);
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
    const left = async () => (await beside(out)).filter((entry) => !entry.startsWith('.dist.staging-'));
    for (let waited = 0; (await left()).length > 0 && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(await left(), []);
    await staging.abort();
    assert.equal(await readFile(join(out, '_img/b.2.webp'), 'utf8'), 'second picture');
  });
});
