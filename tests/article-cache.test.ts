// The article cache: a file whose bytes are unchanged is not parsed again, and the loader answers the
// same with the cache as without it; anything that could make the answer differ is checked afresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, unlink, writeFile } from 'node:fs/promises';
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
