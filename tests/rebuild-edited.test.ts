// A build after an article's text alone was edited makes its page and the search index again, keeps
// every other file as it is, and leaves the output byte for byte as the whole build would have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { buildSite, type BuildOptions, type BuildResult } from '../src/build.ts';
import { copySampleContent, snapshotTree } from './helpers/site.ts';

const now = new Date('2026-11-24T12:00:00Z');
const edited = 'content/articles/world/po-valley-floods.md';

// The sample site built once into dist/ with its cache, and a twin of both (whole/, cache-whole/)
// where the record an edited build starts from is taken away before each build, so it runs whole.
async function builtTwice(t: { after: (fn: () => Promise<void>) => void }) {
  const root = await copySampleContent();
  t.after(() => rm(root, { recursive: true, force: true }));
  const options = (out: string, cache: string): BuildOptions => ({ contentDir: join(root, 'content'), outDir: join(root, out), cacheDir: join(root, cache), now });
  assert.ok((await buildSite(options('dist', 'cache'))).written);
  await cp(join(root, 'dist'), join(root, 'whole'), { recursive: true });
  await cp(join(root, 'cache'), join(root, 'cache-whole'), { recursive: true });
  const both = async (): Promise<{ edited: BuildResult; whole: BuildResult }> => {
    const edited = await buildSite(options('dist', 'cache'));
    await rm(join(root, 'cache-whole', 'last-site.json'), { force: true });
    return { edited, whole: await buildSite(options('whole', 'cache-whole')) };
  };
  return { root, both };
}

// What a build said, but which articles alone it made.
function withoutEdited(result: BuildResult): BuildResult {
  const { editedOnly, ...rest } = result;
  void editedOnly;
  return rest;
}

// Each output file's bytes, by path.
async function bytes(dir: string): Promise<Record<string, string>> {
  return Object.fromEntries(Object.entries(await snapshotTree(dir)).map(([path, state]) => [path, state.split(' ')[0]!]));
}

test('should make only the edited article’s page and the search index, as the whole build would, and keep every other file', async (t) => {
  const { root, both } = await builtTwice(t);
  const before = await snapshotTree(join(root, 'dist'));
  // A new paragraph, with two spaces in a row for the style check to report.
  await appendFile(join(root, edited), '\nوأضافت السلطات  أن المياه بدأت تنحسر عن القرى المنكوبة.\n');
  const { edited: result, whole } = await both();

  const file = relative(process.cwd(), join(root, edited));
  assert.deepEqual(result.editedOnly, [file]);
  assert.equal(whole.editedOnly, undefined);
  assert.ok(result.messages.some((message) => message.file === file && message.ruleId === 'doubled-space'), 'the new paragraph is checked');
  assert.deepEqual(result.messages, whole.messages);
  assert.deepEqual(withoutEdited(result), whole);
  assert.deepEqual(await bytes(join(root, 'dist')), await bytes(join(root, 'whole')));

  // Written: the page, the search page and the index's recent part. Every other file keeps its bytes and time.
  const written = [...result.changes!.added, ...result.changes!.changed];
  const page = written.find((path) => path.endsWith('/index.html') && path !== 'search/index.html')!;
  assert.match(await readFile(join(root, 'dist', page), 'utf8'), /بدأت تنحسر عن القرى المنكوبة/);
  assert.deepEqual(written.filter((path) => path !== page && path !== 'search/index.html' && path !== '.matbaa-search.json' && !path.startsWith('pagefind-recent/')), []);
  const after = await snapshotTree(join(root, 'dist'));
  for (const [path, state] of Object.entries(before)) {
    if (!written.includes(path) && path !== '.matbaa-manifest.json') assert.equal(after[path], state, path);
  }

  // Once more: an edited build starts from the record the last edited build left.
  await appendFile(join(root, edited), '\nوتعهدت الحكومة بتعويض المتضررين.\n');
  const again = await both();
  assert.deepEqual(again.edited.editedOnly, [file]);
  assert.deepEqual(withoutEdited(again.edited), again.whole);
  assert.deepEqual(await bytes(join(root, 'dist')), await bytes(join(root, 'whole')));

  // And a whole build after it (a file added) finds the edited page, and what it said, as a whole build left them.
  await writeFile(join(root, 'content/images/extra.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
  const whole2 = await both();
  assert.equal(whole2.edited.editedOnly, undefined);
  assert.deepEqual(whole2.edited, whole2.whole);
  assert.deepEqual(await bytes(join(root, 'dist')), await bytes(join(root, 'whole')));
});

test('should build the whole site when an edit changes what other pages show, or its page has an error', async (t) => {
  const { root, both } = await builtTwice(t);
  const path = join(root, edited);
  const source = await readFile(path, 'utf8');

  // A new title shows on the home page and in every list of the section.
  await writeFile(path, source.replace(/^title: .*$/m, 'title: "عنوان جديد لخبر الفيضانات"'));
  const retitled = await both();
  assert.equal(retitled.edited.editedOnly, undefined);
  assert.match(await readFile(join(root, 'dist/index.html'), 'utf8'), /عنوان جديد لخبر الفيضانات/);
  assert.deepEqual(await bytes(join(root, 'dist')), await bytes(join(root, 'whole')));

  // A link to another story is a page the edited one now depends on.
  await appendFile(path, '\nانظر أيضاً [خبر القمة](eu-summit-power-grids.md).\n');
  const linked = await both();
  assert.equal(linked.edited.editedOnly, undefined);
  assert.deepEqual(await bytes(join(root, 'dist')), await bytes(join(root, 'whole')));

  // A link out of the content folder is an error of the page: the whole build reports it with the rest, and writes nothing.
  const live = await snapshotTree(join(root, 'dist'));
  await appendFile(path, '\nو[رابط خارج المحتوى](../../../../outside.md).\n');
  const broken = await both();
  assert.equal(broken.edited.written, false);
  assert.equal(broken.edited.editedOnly, undefined);
  assert.ok(broken.edited.messages.some((message) => message.ruleId === 'link-outside-content'));
  assert.deepEqual(broken.edited.messages, broken.whole.messages);
  assert.deepEqual(await snapshotTree(join(root, 'dist')), live);
});

test('should build the whole site when the plan in the cache is not the last build’s', async (t) => {
  const { root, both } = await builtTwice(t);
  const path = join(root, edited);
  const planFile = join(root, 'cache', 'last-plan.json');
  const firstPlan = await readFile(planFile);
  // A whole build (for a new title) keeps a plan of its own; the first one put back is not it.
  await writeFile(path, (await readFile(path, 'utf8')).replace(/^title: .*$/m, 'title: "عنوان آخر لخبر الفيضانات"'));
  assert.equal((await both()).edited.editedOnly, undefined);
  await writeFile(planFile, firstPlan);
  await appendFile(path, '\nوتعهدت الحكومة بتعويض المتضررين.\n');
  const { edited: result, whole } = await both();
  assert.equal(result.editedOnly, undefined);
  assert.deepEqual(result, whole);
  assert.deepEqual(await bytes(join(root, 'dist')), await bytes(join(root, 'whole')));
});
