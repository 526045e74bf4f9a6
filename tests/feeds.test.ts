import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { feedLinks, renderFeeds, type FeedFile } from '../src/render/feeds.ts';
import { siteSettingsSchema } from '../src/content/settings.ts';
import type { ArticleSummary } from '../src/site/plan.ts';

const baseUrl = 'https://news.example/';
const arabicSlug = 'سعر-القمح';
const trickyTitle = 'الذهب <يتراجع> & "النفط" يرتفع';
const trickySubtitle = 'الأسعار < أمس & "اليوم"';

function settings(feeds: { limit?: number; fullContent?: boolean } = {}) {
  return siteSettingsSchema.parse({
    name: 'مطبعة نيوز',
    description: 'أخبار المشرق كل يوم',
    baseUrl,
    timeZone: 'Asia/Beirut',
    sections: { 'middle-east': 'الشرق الأوسط', economy: 'اقتصاد', sport: 'رياضة' },
    feeds: { limit: 5, ...feeds },
  });
}

/** Twelve articles an hour apart, newest first, alternating sections; the first five carry the special cases. */
function articles(): ArticleSummary[] {
  return Array.from({ length: 12 }, (_, index) => {
    const section = index % 2 === 0 ? 'middle-east' : 'economy';
    const slug = index === 1 ? arabicSlug : `story-${index}`;
    const hour = String(23 - index).padStart(2, '0');
    return {
      sourcePath: `articles/${section}/${slug}.md`,
      url: `/${section}/${encodeURIComponent(slug)}/`,
      outputPath: `${section}/${slug}/index.html`,
      slug,
      title: index === 2 ? trickyTitle : `خبر رقم ${index}`,
      subtitle: index === 4 ? undefined : index === 2 ? trickySubtitle : `موجز الخبر ${index}`,
      date: `2026-11-20T${hour}:00:00+03:00`,
      // An older article corrected after the newest was published.
      updated: index === 3 ? '2026-11-21T01:30:00+03:00' : undefined,
      section,
      tags: index === 4 ? [] : ['الأردن', `وسم ${index}`],
      authors: index === 4 ? [] : ['ليلى حداد', 'سامر نجار'],
      draft: false,
    };
  });
}

function body(article: ArticleSummary): string {
  return `<p>نص المقال <a href="${baseUrl}">${article.slug}</a></p>`;
}

function file(files: readonly FeedFile[], path: string): string {
  const found = files.find((candidate) => candidate.path === path);
  assert.ok(found, `expected ${path} among ${files.map((candidate) => candidate.path).join(', ')}`);
  return found.contents;
}

/** What any of the three formats says, read back by real parsers. */
interface ReadFeed {
  title: string | null;
  language: string | null;
  url: string | null;
  self: string | null;
  updated: number | null;
  items: ReadItem[];
}

interface ReadItem {
  id: string | null;
  url: string | null;
  title: string | null;
  published: number | null;
  updated: number | null;
  authors: (string | null)[];
  categories: (string | null)[];
  summary: string | null;
  content: string | null;
}

/** JSON Feed 1.1, as far as these tests read it. */
interface JsonFeed {
  version: string;
  title: string;
  home_page_url?: string;
  feed_url?: string;
  description?: string;
  language?: string;
  items: Array<{
    id: string;
    url?: string;
    title?: string;
    content_html?: string;
    content_text?: string;
    summary?: string;
    date_published?: string;
    date_modified?: string;
    authors?: { name: string }[];
    tags?: string[];
  }>;
}

type Format = 'rss' | 'atom' | 'json';
const formats: Record<Format, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

function readXml(xml: string): ReadFeed {
  assert.equal(XMLValidator.validate(xml), true, 'expected well-formed XML');
  const feed = parseFeed(xml);
  return {
    title: feed.title,
    language: feed.language,
    url: feed.url,
    self: feed.self,
    updated: feed.updated?.getTime() ?? null,
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      published: item.published?.getTime() ?? null,
      updated: item.updated?.getTime() ?? null,
      authors: item.authors.map((author) => author.name),
      categories: item.categories.map((category) => category.label),
      summary: item.description,
      content: item.content,
    })),
  };
}

function readJson(json: string): ReadFeed & { raw: JsonFeed } {
  const feed = JSON.parse(json) as JsonFeed;
  return {
    raw: feed,
    title: feed.title,
    language: feed.language ?? null,
    url: feed.home_page_url ?? null,
    self: feed.feed_url ?? null,
    updated: null,
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url ?? null,
      title: item.title ?? null,
      published: item.date_published ? Date.parse(item.date_published) : null,
      updated: item.date_modified ? Date.parse(item.date_modified) : null,
      authors: (item.authors ?? []).map((author) => author.name),
      categories: item.tags ?? [],
      summary: item.summary ?? null,
      content: item.content_html ?? null,
    })),
  };
}

function read(files: readonly FeedFile[], folder: string, format: Format): ReadFeed {
  const contents = file(files, `${folder}${formats[format]}`);
  return format === 'json' ? readJson(contents) : readXml(contents);
}

const allFormats = Object.keys(formats) as Format[];

test('should write RSS, Atom and JSON Feed for the site and for every section', () => {
  const files = renderFeeds(articles(), settings(), { now: '2026-11-21T06:00:00+03:00' });
  assert.deepEqual(
    files.map((candidate) => candidate.path),
    ['', 'middle-east/', 'economy/', 'sport/'].flatMap((folder) => [`${folder}feed.xml`, `${folder}atom.xml`, `${folder}feed.json`]),
  );
});

test('should hold the newest `feeds.limit` articles, newest first, in every format', () => {
  const all = articles();
  const files = renderFeeds(all, settings({ limit: 5 }), { now: '2026-11-21T06:00:00+03:00' });
  const expected = all.slice(0, 5).map((article) => `${baseUrl}${article.url.slice(1)}`);
  for (const format of allFormats) {
    assert.deepEqual(read(files, '', format).items.map((item) => item.url), expected, format);
  }

  const everything = renderFeeds(all, settings({ limit: 50 }), { now: '2026-11-21T06:00:00+03:00' });
  for (const format of allFormats) assert.equal(read(everything, '', format).items.length, 12, format);
});

test('should link items absolutely, percent-encoded, so the link decodes back to the Arabic slug', () => {
  const files = renderFeeds(articles(), settings(), { now: '2026-11-21T06:00:00+03:00' });
  const expected = 'https://news.example/economy/%D8%B3%D8%B9%D8%B1-%D8%A7%D9%84%D9%82%D9%85%D8%AD/';
  for (const format of allFormats) {
    const item = read(files, '', format).items[1]!;
    assert.equal(item.url, expected, format);
    assert.equal(item.id, expected, `${format} id`);
    assert.match(item.url, /^[\x21-\x7e]+$/, `${format}: only ASCII in the link`);
    assert.equal(decodeURIComponent(new URL(item.url).pathname), `/economy/${arabicSlug}/`, format);
    assert.ok(!file(files, formats[format]).includes(`economy/${arabicSlug}`), `${format}: no raw Arabic in a URL`);
  }
});

test('should keep a title with `<`, `&` and quotes exact in every format', () => {
  const files = renderFeeds(articles(), settings(), { now: '2026-11-21T06:00:00+03:00' });
  for (const format of allFormats) {
    assert.equal(read(files, '', format).items[2]!.title, trickyTitle, format);
  }

  // Read strictly: RSS titles are plain text, Atom's say `type="html"` and so hold escaped HTML.
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const rss = xml.parse(file(files, 'feed.xml')) as { rss: { channel: { item: { title: string }[] } } };
  assert.equal(rss.rss.channel.item[2]!.title, trickyTitle);
  const atom = xml.parse(file(files, 'atom.xml')) as { feed: { entry: { title: { '#text': string; type: string } }[] } };
  assert.equal(atom.feed.entry[2]!.title.type, 'html');
  assert.equal(atom.feed.entry[2]!.title['#text'], 'الذهب &lt;يتراجع&gt; &amp; &quot;النفط&quot; يرتفع');
});

test('should write Arabic as UTF-8 text, without character references or mojibake', () => {
  const files = renderFeeds(articles(), settings(), { now: '2026-11-21T06:00:00+03:00' });
  for (const path of ['feed.xml', 'atom.xml', 'feed.json']) {
    const contents = file(files, path);
    assert.ok(contents.includes('خبر رقم 0'), path);
    assert.ok(contents.includes('ليلى حداد'), path);
    assert.doesNotMatch(contents, /&#/, path);
    assert.doesNotMatch(contents, /[ØÙ]/, `${path}: Arabic UTF-8 read as Latin-1 shows as Ø and Ù`);
  }
  assert.match(file(files, 'feed.xml'), /^<\?xml version="1.0" encoding="utf-8"\?>/);
});

test('should date items by publication and by their last update', () => {
  const all = articles();
  const files = renderFeeds(all, settings(), { now: '2026-11-21T06:00:00+03:00' });
  for (const format of allFormats) {
    const items = read(files, '', format).items;
    assert.deepEqual(
      items.map((item) => item.published),
      all.slice(0, 5).map((article) => Date.parse(article.date)),
      `${format} published`,
    );
    // RSS 2.0 has no element for an item's update.
    if (format === 'rss') continue;
    assert.deepEqual(
      items.map((item) => item.updated),
      all.slice(0, 5).map((article) => Date.parse(article.updated ?? article.date)),
      `${format} updated`,
    );
  }
});

test('should name the authors, and give the section label and the tags as categories', () => {
  const files = renderFeeds(articles(), settings(), { now: '2026-11-21T06:00:00+03:00' });
  for (const format of allFormats) {
    const items = read(files, '', format).items;
    assert.deepEqual(items[0]!.authors, ['ليلى حداد', 'سامر نجار'], format);
    assert.deepEqual(items[0]!.categories, ['الشرق الأوسط', 'الأردن', 'وسم 0'], format);
    assert.deepEqual(items[1]!.categories, ['اقتصاد', 'الأردن', 'وسم 1'], format);
    assert.deepEqual(items[4]!.authors, [], `${format}: an article without authors names none`);
    assert.deepEqual(items[4]!.categories, ['الشرق الأوسط'], format);
  }
});

test('should leave out of Atom a category that an XML attribute cannot hold, and keep it elsewhere', () => {
  const [first, ...rest] = articles();
  const files = renderFeeds([{ ...first!, tags: ['أ<ب', 'ج'] }, ...rest], settings(), { now: '2026-11-21T06:00:00+03:00' });
  assert.doesNotMatch(file(files, 'atom.xml'), /="[^"]*</, 'no `<` inside an attribute value');
  assert.deepEqual(read(files, '', 'atom').items[0]!.categories, ['الشرق الأوسط', 'ج']);
  assert.deepEqual(read(files, '', 'rss').items[0]!.categories, ['الشرق الأوسط', 'أ<ب', 'ج']);
  assert.deepEqual(read(files, '', 'json').items[0]!.categories, ['الشرق الأوسط', 'أ<ب', 'ج']);
});

test('should give the standfirst as each item’s summary, escaping intact', () => {
  const files = renderFeeds(articles(), settings(), { now: '2026-11-21T06:00:00+03:00' });
  for (const format of allFormats) {
    const items = read(files, '', format).items;
    assert.equal(items[0]!.summary, 'موجز الخبر 0', format);
    assert.equal(items[2]!.summary, trickySubtitle, format);
    assert.equal(items[4]!.summary, null, `${format}: no standfirst, no summary`);
  }

  // Read strictly: the standfirst is plain text, and RSS descriptions and Atom `type="html"` summaries are HTML.
  const escaped = 'الأسعار &lt; أمس &amp; &quot;اليوم&quot;';
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const rss = xml.parse(file(files, 'feed.xml')) as { rss: { channel: { item: { description: string }[] } } };
  assert.equal(rss.rss.channel.item[2]!.description, escaped);
  const atom = xml.parse(file(files, 'atom.xml')) as { feed: { entry: { summary: { '#text': string; type: string } }[] } };
  assert.deepEqual(atom.feed.entry[2]!.summary, { '#text': escaped, type: 'html' });
  const json = readJson(file(files, 'feed.json')).raw;
  assert.equal(json.items[2]!.content_html, escaped, 'JSON content_html is HTML too');
});

test('should carry the full body from `bodyHtml` when `feeds.fullContent` is on', () => {
  const all = articles();
  const called: string[] = [];
  const files = renderFeeds(all, settings({ fullContent: true }), {
    now: '2026-11-21T06:00:00+03:00',
    bodyHtml: (article) => {
      called.push(article.slug);
      return body(article);
    },
  });
  for (const format of allFormats) {
    const items = read(files, '', format).items;
    assert.deepEqual(items.map((item) => item.content), all.slice(0, 5).map(body), format);
    assert.equal(items[0]!.summary, 'موجز الخبر 0', `${format}: the summary stays the standfirst`);
  }
  // Each article once, though it sits in the site's feeds and its section's, in three formats.
  const shown = new Set([...all.slice(0, 5), ...all.filter((a) => a.section === 'middle-east').slice(0, 5), ...all.filter((a) => a.section === 'economy').slice(0, 5)]);
  assert.deepEqual([...called].sort(), [...shown].map((article) => article.slug).sort());
});

test('should keep the feeds well-formed when a body holds `]]>` more than once', () => {
  const html = '<p>الوسم <code>]]></code> ثم <code>]]></code> مرة أخرى</p>';
  const files = renderFeeds(articles(), settings({ fullContent: true }), { now: '2026-11-21T06:00:00+03:00', bodyHtml: () => html });
  for (const format of allFormats) {
    // `read` checks the XML is well-formed; `]]&gt;` is the same HTML text as `]]>`.
    assert.equal(read(files, '', format).items[0]!.content?.replaceAll(']]&gt;', ']]>'), html, format);
  }
});

test('should leave the body out and never call `bodyHtml` when `feeds.fullContent` is off', () => {
  let calls = 0;
  const files = renderFeeds(articles(), settings({ fullContent: false }), {
    now: '2026-11-21T06:00:00+03:00',
    bodyHtml: (article) => {
      calls++;
      return body(article);
    },
  });
  assert.equal(calls, 0);
  for (const format of ['rss', 'atom'] as const) {
    assert.deepEqual(read(files, '', format).items.map((item) => item.content), [null, null, null, null, null], format);
  }
  const json = readJson(file(files, 'feed.json')).raw;
  for (const item of json.items) {
    assert.ok(!item.content_html?.includes('نص المقال'), 'no body in JSON');
    assert.ok(item.content_html !== undefined || item.content_text !== undefined, 'JSON Feed requires content_html or content_text');
  }
});

test('should refuse full content without a `bodyHtml` to give it', () => {
  assert.throws(() => renderFeeds(articles(), settings({ fullContent: true }), { now: '2026-11-21T06:00:00+03:00' }), /bodyHtml/);
});

test('should state the language, Arabic, in every format', () => {
  const files = renderFeeds(articles(), settings(), { now: '2026-11-21T06:00:00+03:00' });
  for (const format of allFormats) assert.equal(read(files, '', format).language, 'ar', format);
  assert.match(file(files, 'feed.xml'), /<language>ar<\/language>/);
  assert.match(file(files, 'atom.xml'), /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="ar">/);
});

test('should name the feed and link it to its page and to itself', () => {
  const files = renderFeeds(articles(), settings(), { now: '2026-11-21T06:00:00+03:00' });
  for (const format of allFormats) {
    const site = read(files, '', format);
    assert.equal(site.title, 'مطبعة نيوز', format);
    assert.equal(site.url, baseUrl, format);
    assert.equal(site.self, `${baseUrl}${formats[format]}`, format);
    const section = read(files, 'economy/', format);
    assert.equal(section.title, 'اقتصاد | مطبعة نيوز', format);
    assert.equal(section.url, `${baseUrl}economy/`, format);
    assert.equal(section.self, `${baseUrl}economy/${formats[format]}`, format);
  }
  assert.equal(parseFeed(file(files, 'feed.xml')).generator?.label, 'matbaa');
  assert.equal(parseFeed(file(files, 'atom.xml')).generator?.label, 'matbaa');
  assert.equal(parseFeed(file(files, 'feed.xml')).description, 'أخبار المشرق كل يوم');
});

test('should write JSON Feed 1.1 with its required and new fields', () => {
  const files = renderFeeds(articles(), settings(), { now: '2026-11-21T06:00:00+03:00' });
  const { raw } = readJson(file(files, 'feed.json'));
  assert.equal(raw.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(raw.language, 'ar');
  assert.equal(raw.description, 'أخبار المشرق كل يوم');
  for (const item of raw.items) {
    assert.equal(typeof item.id, 'string');
    assert.ok(item.content_html !== undefined || item.content_text !== undefined);
  }
  assert.deepEqual(raw.items[0]!.authors, [{ name: 'ليلى حداد' }, { name: 'سامر نجار' }]);
});

test('should date a feed by its newest change, so an unchanged site gives the same feeds at any build time', () => {
  const all = articles();
  const early = renderFeeds(all, settings(), { now: '2026-11-21T06:00:00+03:00' });
  const late = renderFeeds(all, settings(), { now: '2027-03-01T00:00:00Z' });
  assert.deepEqual(late, early);

  // The corrected article (updated 01:30) is newer than the newest publication (23:00).
  const newest = Date.parse('2026-11-21T01:30:00+03:00');
  assert.equal(read(early, '', 'atom').updated, newest);
  assert.equal(read(early, '', 'rss').updated, newest);
  assert.equal(read(early, 'middle-east/', 'atom').updated, Date.parse(all[0]!.date));
  // A section without articles takes the site's newest change, not the clock.
  assert.equal(read(early, 'sport/', 'atom').updated, newest);
});

test('should keep each section’s feeds to that section’s articles', () => {
  const all = articles();
  const files = renderFeeds(all, settings({ limit: 5 }), { now: '2026-11-21T06:00:00+03:00' });
  for (const section of ['middle-east', 'economy']) {
    const expected = all.filter((article) => article.section === section).slice(0, 5).map((article) => `${baseUrl}${article.url.slice(1)}`);
    for (const format of allFormats) {
      assert.deepEqual(read(files, `${section}/`, format).items.map((item) => item.url), expected, `${section} ${format}`);
    }
  }
  for (const format of allFormats) assert.equal(read(files, 'sport/', format).items.length, 0, `sport ${format}`);
});

test('should list the site’s feeds for a page head, and the section’s after them when given', () => {
  const site = settings();
  assert.deepEqual(feedLinks(site), [
    { rel: 'alternate', type: 'application/rss+xml', href: '/feed.xml', title: 'مطبعة نيوز (RSS)' },
    { rel: 'alternate', type: 'application/atom+xml', href: '/atom.xml', title: 'مطبعة نيوز (Atom)' },
    { rel: 'alternate', type: 'application/feed+json', href: '/feed.json', title: 'مطبعة نيوز (JSON Feed)' },
  ]);
  const links = feedLinks(site, 'middle-east');
  assert.equal(links.length, 6);
  assert.deepEqual(links[3], { rel: 'alternate', type: 'application/rss+xml', href: '/middle-east/feed.xml', title: 'الشرق الأوسط | مطبعة نيوز (RSS)' });
  const rendered = new Set(renderFeeds(articles(), site, { now: '2026-11-21T06:00:00+03:00' }).map((candidate) => `/${candidate.path}`));
  for (const link of links) assert.ok(rendered.has(link.href), `${link.href} is a rendered feed`);
  assert.throws(() => feedLinks(site, 'weather'), /Unknown section `weather`/);
});
