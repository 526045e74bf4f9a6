import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderSitemaps, type SitemapEntry, type SitemapFile } from '../src/render/sitemaps.ts';
import { siteSettingsSchema } from '../src/content/settings.ts';
import type { ArticleSummary } from '../src/site/plan.ts';

const baseUrl = 'https://news.example/';
const now = '2026-11-22T12:00:00+03:00';
const hour = 60 * 60 * 1000;

const site = siteSettingsSchema.parse({
  name: 'مطبعة نيوز',
  baseUrl,
  timeZone: 'Asia/Beirut',
  sections: { 'middle-east': 'الشرق الأوسط', economy: 'اقتصاد' },
});

/** An article published `hoursAgo` before `now` (negative: still to come). */
function article(slug: string, hoursAgo: number, overrides: Partial<ArticleSummary> = {}): ArticleSummary {
  const date = new Date(Date.parse(now) - hoursAgo * hour).toISOString().replace(/\.000Z$/, 'Z');
  return {
    sourcePath: `articles/economy/${slug}.md`,
    url: `/economy/${encodeURIComponent(slug)}/`,
    outputPath: `economy/${slug}/index.html`,
    slug,
    title: `خبر ${slug}`,
    date,
    section: 'economy',
    tags: [],
    authors: [],
    draft: false,
    ...overrides,
  };
}

function entries(count: number): SitemapEntry[] {
  return Array.from({ length: count }, (_, index) => ({
    url: `/economy/${encodeURIComponent(`خبر-${index}`)}/`,
    lastmod: index % 3 === 2 ? undefined : `2026-11-${String(10 + index).padStart(2, '0')}T09:30:00+03:00`,
  }));
}

function file(files: readonly SitemapFile[], path: string): string {
  const found = files.find((candidate) => candidate.path === path);
  assert.ok(found, `expected ${path} among ${files.map((candidate) => candidate.path).join(', ')}`);
  return found.contents;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['url', 'sitemap'].includes(name) });

interface Url {
  loc: string;
  lastmod?: string;
  'news:news'?: {
    'news:publication': { 'news:name': string; 'news:language': string };
    'news:publication_date': string;
    'news:title': string;
  };
}

function urls(contents: string): Url[] {
  assert.equal(XMLValidator.validate(contents), true, 'expected well-formed XML');
  return (xml.parse(contents) as { urlset: { url?: Url[] } }).urlset.url ?? [];
}

function indexEntries(contents: string): { loc: string; lastmod?: string }[] {
  assert.equal(XMLValidator.validate(contents), true, 'expected well-formed XML');
  return (xml.parse(contents) as { sitemapindex: { sitemap: { loc: string; lastmod?: string }[] } }).sitemapindex.sitemap;
}

const w3cDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

test('should write the sitemap index, the sitemaps, the news sitemap and robots.txt', async () => {
  const files = await renderSitemaps(entries(4), [article('a', 1)], site, { now });
  assert.deepEqual(
    files.map((candidate) => candidate.path),
    ['sitemap-index.xml', 'sitemaps/sitemap-1.xml', 'news-sitemap.xml', 'robots.txt'],
  );
  for (const candidate of files.filter((f) => f.path.endsWith('.xml'))) {
    assert.equal(XMLValidator.validate(candidate.contents), true, candidate.path);
  }
});

test('should split at `maxUrlsPerSitemap`, list every file in the index, and lose or repeat no URL', async () => {
  const given = entries(8);
  const files = await renderSitemaps(given, [article('a', 1)], site, { now, maxUrlsPerSitemap: 3 });
  const sitemaps = files.filter((candidate) => candidate.path.startsWith('sitemaps/'));
  assert.deepEqual(sitemaps.map((candidate) => candidate.path), ['sitemaps/sitemap-1.xml', 'sitemaps/sitemap-2.xml', 'sitemaps/sitemap-3.xml']);
  assert.deepEqual(sitemaps.map((candidate) => urls(candidate.contents).length), [3, 3, 2]);
  assert.deepEqual(
    sitemaps.flatMap((candidate) => urls(candidate.contents).map((url) => url.loc)),
    given.map((entry) => `${baseUrl}${entry.url.slice(1)}`),
  );
  assert.deepEqual(
    indexEntries(file(files, 'sitemap-index.xml')).map((entry) => entry.loc),
    [...sitemaps.map((candidate) => `${baseUrl}${candidate.path}`), `${baseUrl}news-sitemap.xml`],
  );
});

test('should give absolute, percent-encoded locations and W3C lastmods where known', async () => {
  const given = entries(3);
  const all = urls(file(await renderSitemaps(given, [], site, { now }), 'sitemaps/sitemap-1.xml'));
  assert.equal(all[0]!.loc, 'https://news.example/economy/%D8%AE%D8%A8%D8%B1-0/');
  assert.equal(decodeURIComponent(new URL(all[0]!.loc).pathname), '/economy/خبر-0/');
  for (const [index, url] of all.entries()) {
    assert.ok(url.loc.startsWith(baseUrl), url.loc);
    const lastmod = given[index]!.lastmod;
    if (lastmod === undefined) {
      assert.equal(url.lastmod, undefined, 'no lastmod when none is known');
    } else {
      assert.match(url.lastmod!, w3cDateTime);
      assert.equal(Date.parse(url.lastmod!), Date.parse(lastmod));
    }
  }
});

test('should date each sitemap in the index by the newest lastmod inside it', async () => {
  const files = await renderSitemaps(entries(6), [article('a', 5), article('b', 2, { updated: '2026-11-22T11:00:00+03:00' })], site, {
    now,
    maxUrlsPerSitemap: 3,
  });
  const index = indexEntries(file(files, 'sitemap-index.xml'));
  // Entries 0 and 1 of each three carry a date, the 10th + index of November.
  assert.equal(Date.parse(index[0]!.lastmod!), Date.parse('2026-11-11T09:30:00+03:00'));
  assert.equal(Date.parse(index[1]!.lastmod!), Date.parse('2026-11-14T09:30:00+03:00'));
  assert.equal(Date.parse(index[2]!.lastmod!), Date.parse('2026-11-22T11:00:00+03:00'));
  for (const entry of index) assert.match(entry.lastmod!, w3cDateTime);
});

test('should keep every sitemap under the byte limit, splitting further without losing a URL', async () => {
  const given = entries(10);
  const maxBytesPerSitemap = 700;
  const files = await renderSitemaps(given, [], site, { now, maxBytesPerSitemap });
  const sitemaps = files.filter((candidate) => candidate.path.startsWith('sitemaps/'));
  assert.ok(sitemaps.length > 1, 'expected the byte limit to split the sitemap');
  for (const candidate of sitemaps) assert.ok(Buffer.byteLength(candidate.contents) <= maxBytesPerSitemap, candidate.path);
  assert.deepEqual(
    sitemaps.flatMap((candidate) => urls(candidate.contents).map((url) => url.loc)),
    given.map((entry) => `${baseUrl}${entry.url.slice(1)}`),
  );
  assert.equal(indexEntries(file(files, 'sitemap-index.xml')).length, sitemaps.length + 1);
});

test('should refuse limits beyond the protocol’s 50,000 URLs and 50 MiB', async () => {
  await assert.rejects(renderSitemaps(entries(1), [], site, { now, maxUrlsPerSitemap: 50_001 }), RangeError);
  await assert.rejects(renderSitemaps(entries(1), [], site, { now, maxUrlsPerSitemap: 0 }), RangeError);
  await assert.rejects(renderSitemaps(entries(1), [], site, { now, maxBytesPerSitemap: 52_428_801 }), RangeError);
});

test('should hold only articles published in the 48 hours before now in the news sitemap', async () => {
  const articles = [article('future', -1), article('fresh', 0), article('day-old', 24), article('47h', 47), article('49h', 49)];
  const news = urls(file(await renderSitemaps([], articles, site, { now }), 'news-sitemap.xml'));
  assert.deepEqual(
    news.map((url) => decodeURIComponent(new URL(url.loc).pathname)),
    ['/economy/fresh/', '/economy/day-old/', '/economy/47h/'],
  );
});

test('should cap the news sitemap at Google’s 1,000 URLs, keeping the newest', async () => {
  const articles = Array.from({ length: 1_200 }, (_, index) => article(`خبر-${index}`, index / 30));
  const news = urls(file(await renderSitemaps([], [...articles].reverse(), site, { now }), 'news-sitemap.xml'));
  assert.equal(news.length, 1_000);
  assert.equal(news[0]!.loc, `${baseUrl}economy/${encodeURIComponent('خبر-0')}/`);
  assert.equal(news.at(-1)!.loc, `${baseUrl}economy/${encodeURIComponent('خبر-999')}/`);
});

test('should give each news URL its publication name and language, publication date and title', async () => {
  const title = 'الذهب <يتراجع> & "النفط" يرتفع';
  const published = article('gold', 3, { title, date: '2026-11-22T09:00:00+03:00' });
  const contents = file(await renderSitemaps([], [published], site, { now }), 'news-sitemap.xml');
  assert.match(contents, /<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9" xmlns:news="http:\/\/www.google.com\/schemas\/sitemap-news\/0.9">/);
  const [url] = urls(contents);
  assert.equal(url!.loc, `${baseUrl}economy/gold/`);
  assert.deepEqual(url!['news:news'], {
    'news:publication': { 'news:name': 'مطبعة نيوز', 'news:language': 'ar' },
    'news:publication_date': '2026-11-22T09:00:00+03:00',
    'news:title': title,
  });
  assert.match(url!['news:news']!['news:publication_date'], w3cDateTime);
});

test('should still write a valid, empty news sitemap on a day without news, and list it', async () => {
  const files = await renderSitemaps(entries(2), [article('old', 72)], site, { now });
  const contents = file(files, 'news-sitemap.xml');
  assert.deepEqual(urls(contents), []);
  assert.match(contents, /xmlns:news=/);
  const newsEntry = indexEntries(file(files, 'sitemap-index.xml')).find((entry) => entry.loc === `${baseUrl}news-sitemap.xml`);
  assert.deepEqual(newsEntry, { loc: `${baseUrl}news-sitemap.xml` });
});

test('should allow every crawler in robots.txt and name both sitemaps absolutely', async () => {
  const robots = file(await renderSitemaps(entries(1), [], site, { now }), 'robots.txt');
  const lines = robots.split('\n');
  assert.ok(lines.includes('User-agent: *'));
  assert.ok(lines.includes('Allow: /'));
  assert.ok(!lines.some((line) => line.startsWith('Disallow: /')), 'nothing disallowed');
  assert.deepEqual(
    lines.filter((line) => line.startsWith('Sitemap:')),
    ['Sitemap: https://news.example/sitemap-index.xml', 'Sitemap: https://news.example/news-sitemap.xml'],
  );
});
