import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { buildSite } from '../src/build.ts';
import { generatedSite } from './helpers/generate.ts';
import { makeTree } from './helpers/site.ts';

// A fixed build clock: the newest story is 1 hour old, one is published every hour before it.
const now = new Date('2026-11-24T12:00:00Z');
let root: string;
let out: string;
const page = async (path: string) => fromHtml(await readFile(join(out, path), 'utf8'));

before(async () => {
  root = await makeTree(generatedSite(120, new Date(now.getTime() - 3_600_000)));
  out = join(root, 'dist');
  const result = await buildSite({ contentDir: join(root, 'content'), outDir: out, now });
  assert.deepEqual(result.messages, []);
  assert.equal(result.pages.article, 120);
});

test('should paginate a section by the page size with numbered, previous and next links', async () => {
  // 60 stories a section, 10 a page.
  const pages = (await readdir(join(out, 'world/page'))).sort((a, b) => Number(a) - Number(b));
  assert.deepEqual(pages, ['2', '3', '4', '5', '6']);
  const second = await page('world/page/2/index.html');
  assert.equal(selectAll('.teaser', second).length, 10);
  assert.equal(select('link[rel=prev]', second)!.properties.href, '/world/');
  assert.equal(select('link[rel=next]', second)!.properties.href, '/world/page/3/');
  assert.deepEqual(selectAll('.pagination a[aria-current=page]', second).map(toString), ['2']);
  assert.equal(selectAll('.pagination a', second).length, 8, 'six numbers, previous and next');
  const last = await page('world/page/6/index.html');
  assert.equal(select('link[rel=next]', last), undefined);
});

test('should give tags and authors their own paginated pages with Arabic URLs', async () => {
  const tag = await page('tags/سوريا/index.html');
  assert.equal(toString(select('h1', tag)!), 'سوريا');
  assert.equal(selectAll('.teaser', tag).length, 10);
  assert.equal(select('link[rel=canonical]', tag)!.properties.href, 'https://test.example/tags/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7/');
  const author = await page('authors/ليلى-حداد/index.html');
  assert.equal(toString(select('h1', author)!), 'ليلى حداد');
});

test('should list years and months in the archive', async () => {
  const archive = await page('archive/index.html');
  assert.deepEqual(selectAll('.archive-year h2 a', archive).map((a) => a.properties.href), ['/archive/2026/']);
  assert.deepEqual(selectAll('.archive-months a', archive).map((a) => a.properties.href), ['/archive/2026/11/']);
  const month = await page('archive/2026/11/index.html');
  assert.match(toString(select('h1', month)!), /تشرين الثاني\/نوفمبر 2026/);
});

test('should show related articles by shared tags first, never the article itself', async () => {
  const story = await page('world/story-002/index.html');
  const related = selectAll('.related a.headline', story).map((a) => String(a.properties.href));
  assert.equal(related.length, 4);
  assert.ok(!related.includes('/world/story-002/'));
  // story-002 has the tags العراق and لبنان; every sixth story after it has both, and these are the newest.
  assert.deepEqual(related, ['/world/story-008/', '/world/story-014/', '/world/story-020/', '/world/story-026/']);
  const lonely = await page('middle-east/story-001/index.html');
  // story-001 (سوريا, العراق) shares both tags with story-007, 013, 019, 025.
  assert.deepEqual(selectAll('.related a.headline', lonely).map((a) => a.properties.href), ['/middle-east/story-007/', '/middle-east/story-013/', '/middle-east/story-019/', '/middle-east/story-025/']);
});

test('should make a home page with a lead story, the latest, and a block per section', async () => {
  const home = await page('index.html');
  assert.equal(select('.teaser-lead .teaser-title a', home)!.properties.href, '/middle-east/story-001/');
  assert.deepEqual(selectAll('.home-section .block-heading a', home).map((a) => a.properties.href), ['/middle-east/', '/world/']);
  const jsonLd = selectAll('script[type="application/ld+json"]', home).map((s) => JSON.parse(toString(s))['@type']);
  assert.deepEqual(jsonLd, ['WebSite', 'Organization']);
});

test('should write a 404 page that search engines skip', async () => {
  const notFound = await page('404.html');
  assert.equal(select('meta[name=robots]', notFound)!.properties.content, 'noindex');
  assert.ok(selectAll('.teaser', notFound).length > 0);
});

test('should reject two articles on one URL, naming both files', async () => {
  const tree = await makeTree({
    ...generatedSite(2, now),
    'content/articles/world/copy.md': `---\ntitle: "نسخة"\ndate: 2026-11-20T10:00:00+03:00\nsection: world\nslug: story-002\n---\nنص\n`,
  });
  const result = await buildSite({ contentDir: join(tree, 'content'), outDir: join(tree, 'dist'), now });
  assert.equal(result.written, false);
  const clash = result.messages.find((m) => m.ruleId === 'duplicate-url')!;
  assert.match(clash.file, /story-002\.md$/);
  assert.match(clash.reason, /Duplicate URL `\/world\/story-002\/`.*copy\.md/);
});

test('should turn aliases into redirect pages and a _redirects file, and refuse an alias over another page', async () => {
  const files = generatedSite(3, now);
  files['content/articles/world/story-002.md'] = files['content/articles/world/story-002.md']!.replace('section: world', 'section: world\naliases: ["/old/قصة/", "/2019/story/"]');
  const tree = await makeTree(files);
  const result = await buildSite({ contentDir: join(tree, 'content'), outDir: join(tree, 'dist'), now });
  assert.deepEqual(result.messages, []);
  const redirect = fromHtml(await readFile(join(tree, 'dist/old/قصة/index.html'), 'utf8'));
  assert.equal(select('link[rel=canonical]', redirect)!.properties.href, 'https://test.example/world/story-002/');
  assert.equal(select('meta[http-equiv=refresh]', redirect)!.properties.content, '0; url=https://test.example/world/story-002/');
  assert.equal(await readFile(join(tree, 'dist/_redirects'), 'utf8'), '/old/%D9%82%D8%B5%D8%A9/ /world/story-002/ 301\n/2019/story/ /world/story-002/ 301\n');

  for (const alias of ['/', '/middle-east/story-001/', '/tags/سوريا/']) {
    const hostile = generatedSite(3, now);
    hostile['content/articles/world/story-002.md'] = hostile['content/articles/world/story-002.md']!.replace('section: world', `section: world\naliases: ["${alias}"]`);
    const site = await makeTree(hostile);
    const run = await buildSite({ contentDir: join(site, 'content'), outDir: join(site, 'dist'), now });
    assert.equal(run.written, false, alias);
    const message = run.messages.find((m) => m.ruleId === 'duplicate-url')!;
    assert.match(message.file, /story-002\.md$/, alias);
    assert.equal(message.line, 6, alias);
  }
});

test('should list in the news sitemap only the stories of the 48 hours before the build clock', async () => {
  const xml = await readFile(join(out, 'news-sitemap.xml'), 'utf8');
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  // One story an hour, the newest an hour old: ages 1 to 48 hours are in, 49 and older are out.
  assert.equal(locs.length, 48);
  assert.ok(locs.includes('https://test.example/middle-east/story-001/'));
  assert.ok(locs.includes('https://test.example/world/story-048/'));
  assert.ok(!locs.includes('https://test.example/middle-east/story-049/'));
  assert.match(xml, /<news:language>ar<\/news:language>/);
});

test('should put in the sitemaps every page of the site, and only pages that exist', async () => {
  const index = await readFile(join(out, 'sitemap-index.xml'), 'utf8');
  const sitemaps = [...index.matchAll(/<loc>https:\/\/test\.example\/([^<]+)<\/loc>/g)].map((m) => m[1]!);
  assert.ok(sitemaps.includes('news-sitemap.xml'));
  const urls: string[] = [];
  for (const sitemap of sitemaps.filter((s) => s.startsWith('sitemaps/'))) {
    const xml = await readFile(join(out, sitemap), 'utf8');
    urls.push(...[...xml.matchAll(/<loc>https:\/\/test\.example(\/[^<]*)<\/loc>/g)].map((m) => m[1]!));
  }
  assert.equal(new Set(urls).size, urls.length, 'no URL twice');
  for (const url of urls) {
    await readFile(join(out, decodeURIComponent(url), 'index.html')).catch(() => assert.fail(`no page for ${url}`));
  }
  // 120 stories, the home page, the archive index, and every listing page (sections, tags, authors, years, months).
  const listed = urls.filter((u) => /^\/(middle-east|world)\/story-/.test(u));
  assert.equal(listed.length, 120);
  assert.ok(urls.includes('/') && urls.includes('/archive/') && urls.includes('/world/page/6/'));
});
