// The article cache: a file whose bytes are unchanged is not parsed again, and the loader answers the
// same with the cache as without it; anything that could make the answer differ is checked afresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadContent, type LoadedContent } from '../src/content/load-content.ts';
import { splitFrontMatter } from '../src/content/front-matter.ts';
import { article, makeTree, siteYaml } from './helpers/site.ts';

const story = article(
  'title: "القمة تبدأ أعمالها"\ndate: 2026-11-20T09:30:00+03:00\nsection: world\ntags: ["قمة", "طاقة"]\naliases: ["/old/summit/"]\nimage:\n  src: /images/summit.jpg\n  alt: "قاعة القمة"\n  caption: "القاعة قبل الافتتاح"\n  credit: "رويترز"',
  'فقرة أولى من الخبر.\n\nفقرة ثانية.\n',
);
const brief = article('title: "خبر قصير"\ndate: 2026-11-21T09:30:00+03:00\nsection: middle-east', 'نص قصير.\n');

const places = [[], ['title'], ['tags', 1], ['aliases', 0], ['image'], ['image', 'src'], ['image', 'credit'], ['image', 'missing'], ['nothing']] as const;

// What a later stage can see of the loaded content: every article's data and the places of its keys.
function seen(loaded: LoadedContent) {
  return {
    messages: loaded.messages,
    articles: loaded.articles.map(({ locateFrontMatter, ...rest }) => ({
      ...rest,
      places: places.flatMap((path) => [locateFrontMatter(path), locateFrontMatter(path, 'key')]),
    })),
  };
}

async function site() {
  const root = await makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/world/summit.md': story,
    'content/articles/middle-east/brief.md': brief,
    'content/images/summit.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
  });
  const content = join(root, 'content');
  const cache = { file: join(root, 'cache/articles.json'), code: 'code-1' };
  return { root, content, cache };
}

test('should load the same articles, key places included, from the cache as from the files', async (t) => {
  const { root, content, cache } = await site();
  t.after(() => rm(root, { recursive: true, force: true }));
  const uncached = seen(await loadContent(content));
  // The recorded places answer as the parsed YAML does, for keys there and keys not there.
  const yaml = splitFrontMatter(story).yaml!;
  assert.deepEqual(uncached.articles.find((a) => a.slug === 'summit')!.places, places.flatMap((path) => [yaml.locate(path), yaml.locate(path, 'key')]));
  assert.deepEqual(seen(await loadContent(content, { cache })), uncached);
  const stored = JSON.parse(await readFile(cache.file, 'utf8')) as { entries: unknown[] };
  assert.equal(stored.entries.length, 2);
  assert.deepEqual(seen(await loadContent(content, { cache })), uncached);
});

test('should check afresh a changed file, a picture gone since, other sections, other code and a damaged cache', async (t) => {
  const { root, content, cache } = await site();
  t.after(() => rm(root, { recursive: true, force: true }));
  await loadContent(content, { cache });

  // The picture is looked for every time.
  await unlink(join(content, 'images/summit.jpg'));
  const noPicture = await loadContent(content, { cache });
  assert.deepEqual(
    noPicture.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`),
    ['8:8 missing-image'],
  );
  await writeFile(join(content, 'images/summit.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));

  // A changed file is read as it is now.
  await writeFile(join(content, 'articles/middle-east/brief.md'), brief.replace('section: middle-east', 'section: sport'));
  const changed = await loadContent(content, { cache });
  assert.deepEqual(changed.messages, (await loadContent(content)).messages);
  assert.deepEqual(changed.messages.map((m) => `${m.file.endsWith('brief.md')} ${m.line}:${m.column} ${m.severity}`), ['true 4:10 error']);
  await writeFile(join(content, 'articles/middle-east/brief.md'), brief);

  // Without the section in the settings, the cached article is no longer valid.
  await writeFile(join(content, 'site.yaml'), siteYaml.replace('  middle-east: الشرق الأوسط\n', ''));
  const fewerSections = await loadContent(content, { cache });
  assert.deepEqual(fewerSections.messages, (await loadContent(content)).messages);
  assert.deepEqual(fewerSections.messages.map((m) => `${m.file.endsWith('brief.md')} ${m.line}:${m.column} ${m.severity}`), ['true 4:10 error']);
  await writeFile(join(content, 'site.yaml'), siteYaml);

  // A cache written by other code, or damaged, is not read.
  const expected = seen(await loadContent(content));
  await writeFile(cache.file, JSON.stringify({ fingerprint: 'other', entries: [] }));
  assert.deepEqual(seen(await loadContent(content, { cache: { ...cache, code: 'code-2' } })), expected);
  await writeFile(cache.file, '{"fingerprint": "tru');
  assert.deepEqual(seen(await loadContent(content, { cache })), expected);
});

test('should find what a moved file links to and shows from its new place, and rewrite the cache only when it changed', async (t) => {
  const linking = article('title: "خبر يحيل إلى غيره"\ndate: 2026-11-22T09:30:00+03:00\nsection: world', 'انظر [الخبر السابق](../middle-east/brief.md) و![القاعة](../../images/summit.jpg).\n');
  const root = await makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/world/linking.md': linking,
    'content/articles/middle-east/brief.md': brief,
  });
  t.after(() => rm(root, { recursive: true, force: true }));
  const content = join(root, 'content');
  const cache = { file: join(root, 'cache/articles.json'), code: 'code-1' };
  const found = (loaded: LoadedContent) => loaded.articles.filter((a) => a.slug === 'linking').map(({ links, images }) => ({ links, images }));

  assert.deepEqual(found(await loadContent(content, { cache })), [{ links: ['articles/middle-east/brief.md'], images: ['images/summit.jpg'] }]);
  // Nothing changed, nothing to save: the cache file is the one written before.
  const written = await stat(cache.file);
  await loadContent(content, { cache });
  assert.equal((await stat(cache.file)).ino, written.ino);

  // The same bytes one folder down: the cached check holds, the relative paths lead elsewhere (the
  // scan finds paths; whether a file is there is the render's question).
  await mkdir(join(content, 'articles/world/deep'));
  await rename(join(content, 'articles/world/linking.md'), join(content, 'articles/world/deep/linking.md'));
  const moved = found(await loadContent(content, { cache }));
  assert.deepEqual(moved, [{ links: ['articles/world/middle-east/brief.md'], images: ['articles/images/summit.jpg'] }]);
  assert.deepEqual(moved, found(await loadContent(content)));
});

test('should read a body again from its file when bodies are not held, and refuse a file changed since it was loaded', async (t) => {
  const { root, content } = await site();
  t.after(() => rm(root, { recursive: true, force: true }));
  const held = await loadContent(content);
  const unheld = await loadContent(content, { holdBodies: false });
  const summit = (loaded: LoadedContent) => loaded.articles.find((a) => a.slug === 'summit')!;
  assert.equal(summit(unheld).body, summit(held).body);
  assert.equal(summit(unheld).bodyLength, summit(held).body.length);
  assert.match(summit(unheld).body, /فقرة أولى من الخبر/);

  await writeFile(join(content, 'articles/world/summit.md'), story.replace('فقرة أولى', 'فقرة معدلة'));
  // A held body is the text that was loaded; an unheld one is never a text that was not.
  assert.match(summit(held).body, /فقرة أولى من الخبر/);
  assert.throws(() => summit(unheld).body, (error: Error) => error.message.includes('summit.md') && /changed while the site was being built/.test(error.message));
});

test('should take a file whose stat is unchanged from the cache without reading it, and read it again once it is written', async (t) => {
  const { root, content, cache } = await site();
  t.after(() => rm(root, { recursive: true, force: true }));
  const options = { cache, holdBodies: false };
  const first = seen(await loadContent(content, options));
  assert.deepEqual(seen(await loadContent(content, options)), first);

  // The record says what the file held; with its stat unchanged it is believed, not read. Here it is
  // made to name other bytes (a hash of nothing) of another length: the article says what the record
  // says, and its body, once read, is found not to be the bytes named.
  const stored = JSON.parse(await readFile(cache.file, 'utf8')) as { entries: [string, unknown][]; files: [string, { sourceHash: string; bodyLength: number }][] };
  const record = stored.files.find(([path]) => path === 'articles/world/summit.md')![1];
  const fake = '0'.repeat(64);
  stored.entries.push([fake, stored.entries.find(([hash]) => hash === record.sourceHash)![1]]);
  Object.assign(record, { sourceHash: fake, bodyLength: 7 });
  await writeFile(cache.file, JSON.stringify(stored));
  const believed = (await loadContent(content, options)).articles.find((article) => article.slug === 'summit')!;
  assert.deepEqual([believed.sourceHash, believed.bodyLength], [fake, 7]);
  assert.throws(() => believed.body, /summit\.md changed while the site was being built/);

  // A file written again has another stat: it is read, whatever the record says.
  await writeFile(join(content, 'articles/world/summit.md'), story.replace('القمة تبدأ أعمالها', 'القمة تختتم أعمالها'));
  const reread = await loadContent(content, options);
  assert.ok(reread.articles.some((article) => article.frontMatter.title === 'القمة تختتم أعمالها'));
  assert.match(reread.articles.find((article) => article.slug === 'summit')!.body, /فقرة أولى من الخبر/);
});
