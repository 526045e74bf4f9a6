import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { renderArticle, type ArticleRenderInput } from '../src/render/render-article.ts';
import { longBody, renderAlone } from '../src/render/render-pool.ts';
import { siteSettingsSchema } from '../src/content/settings.ts';
import type { ArticleSummary } from '../src/site/plan.ts';

const site = siteSettingsSchema.parse({
  name: 'مطبعة نيوز',
  baseUrl: 'https://news.example/',
  timeZone: 'Asia/Beirut',
  sections: { 'middle-east': 'الشرق الأوسط', world: 'العالم' },
  dates: { months: 'both', digits: 'latn' },
});

function summary(overrides: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    sourcePath: 'articles/middle-east/water.md',
    url: '/middle-east/water/',
    outputPath: 'middle-east/water/index.html',
    slug: 'water',
    title: 'اتفاق المياه بين إربد ودرعا',
    subtitle: 'المدينتان تتقاسمان مياه اليرموك لعشر سنوات',
    date: '2026-11-20T09:30:00+03:00',
    section: 'middle-east',
    tags: ['الأردن', 'سوريا'],
    authors: ['ليلى حداد', 'سامر نجار'],
    image: { src: '/images/water.jpg', alt: 'وادي اليرموك', caption: 'محطة الضخ في الوادي', credit: 'أ ف ب' },
    source: 'The Independent',
    draft: false,
    ...overrides,
  };
}

function input(overrides: Partial<ArticleRenderInput> = {}): ArticleRenderInput {
  return {
    article: summary(),
    displayPath: 'content/articles/middle-east/water.md',
    body: 'قال المهندس إن «المضخات [الجديدة] جاهزة».\n\n> «الماء لا يعرف الحدود»\n> — سامر نجار، مهندس\n\nراجع [سعر القمح](../economy/wheat.md).\n',
    links: { 'articles/economy/wheat.md': '/economy/wheat/' },
    more: [summary({ sourcePath: 'articles/middle-east/rail.md', url: '/middle-east/rail/', title: 'سكة حديد صحار', image: undefined })],
    site,
    assets: { stylesheets: ['/assets/site-abc123.css'] },
    now: '2026-11-24T10:00:00Z',
    related: [],
    feeds: [],
    ...overrides,
  };
}

const page = (overrides: Partial<ArticleRenderInput> = {}) => fromHtml(renderArticle(input(overrides)).html);

test('should be a right-to-left Arabic document with the headline as its only h1 and in its title', () => {
  const tree = page();
  const html = select('html', tree)!;
  assert.equal(html.properties.lang, 'ar');
  assert.equal(html.properties.dir, 'rtl');
  assert.equal(selectAll('h1', tree).length, 1);
  assert.equal(toString(select('h1', tree)!), 'اتفاق المياه بين إربد ودرعا');
  assert.equal(toString(select('title', tree)!), 'اتفاق المياه بين إربد ودرعا | مطبعة نيوز');
  assert.equal(select('meta[name=description]', tree)!.properties.content, 'المدينتان تتقاسمان مياه اليرموك لعشر سنوات');
  assert.equal(select('meta[property="og:title"]', tree)!.properties.content, 'اتفاق المياه بين إربد ودرعا');
  assert.equal(select('link[rel=canonical]', tree)!.properties.href, 'https://news.example/middle-east/water/');
  assert.equal(select('link[rel=stylesheet]', tree)!.properties.href, '/assets/site-abc123.css');
});

test('should keep the credit apart from the caption in the hero figure', () => {
  const tree = page();
  const hero = select('figure.hero', tree)!;
  assert.equal(select('img', hero)!.properties.alt, 'وادي اليرموك');
  assert.equal(select('img', hero)!.properties.fetchPriority, 'high');
  assert.equal(toString(select('.figure-text', hero)!), 'محطة الضخ في الوادي');
  assert.equal(toString(select('.figure-credit', hero)!), 'أ ف ب');
});

test('should print the date in Arabic with a machine-readable datetime', () => {
  const time = select('.dateline time', page())!;
  assert.equal(time.properties.dateTime, '2026-11-20T09:30:00+03:00');
  assert.equal(toString(time), '20 تشرين الثاني/نوفمبر 2026، 08:30');
});

test('should render the pull quote, the insert, the resolved link, the source line and the byline', () => {
  const tree = page();
  const quote = select('.article-body figure.pull-quote', tree)!;
  assert.equal(toString(select('blockquote', quote)!).trim(), '«الماء لا يعرف الحدود»');
  assert.equal(toString(select('figcaption', quote)!), 'سامر نجار، مهندس');
  assert.equal(toString(select('.article-body .insert', tree)!), '[الجديدة]');
  assert.equal(select('.article-body a', tree)!.properties.href, '/economy/wheat/');
  assert.equal(toString(select('.source-line', tree)!).trim(), '© The Independent');
  assert.deepEqual(selectAll('.byline .author', tree).map((node) => toString(node)), ['ليلى حداد', 'سامر نجار']);
  assert.deepEqual(selectAll('.tag-list li', tree).map((node) => toString(node)), ['الأردن', 'سوريا']);
});

test('should end with more from the section, linking to the section page', () => {
  const tree = page();
  assert.equal(toString(select('.more-heading', tree)!), 'المزيد من الشرق الأوسط');
  assert.equal(select('.more-heading a', tree)!.properties.href, '/middle-east/');
  assert.deepEqual(selectAll('.more a.headline', tree).map((a) => a.properties.href), ['/middle-east/rail/']);
});

test('should report a link to a missing article as an error at its line', () => {
  const result = renderArticle(input({ links: {} }));
  assert.deepEqual(
    result.messages.map((m) => `${m.file}:${m.line}:${m.column} ${m.severity} ${m.ruleId}`),
    ['content/articles/middle-east/water.md:6:6 error missing-article'],
  );
});

test('should keep a hostile title inside the title element, its attributes and the JSON-LD script', () => {
  const title = 'عنوان </script><script>alert(1)</script> "اقتباس" & \u2028 <b>';
  const result = renderArticle(input({ article: summary({ title, tags: ['</script>'] }) }));
  const tree = fromHtml(result.html);
  assert.deepEqual(selectAll('script', tree).map((script) => script.properties.type), ['application/ld+json', 'application/ld+json'], 'no script element but the JSON-LD');
  assert.equal(toString(select('title', tree)!), `${title} | مطبعة نيوز`);
  assert.equal(select('meta[property="og:title"]', tree)!.properties.content, title);
  const [json, breadcrumbs] = selectAll('script[type="application/ld+json"]', tree).map((script) => toString(script)) as [string, string];
  assert.deepEqual(JSON.parse(breadcrumbs).itemListElement.map((item: { name: string }) => item.name), ['مطبعة نيوز', 'الشرق الأوسط', title]);
  assert.ok(!json.includes('<') && !json.includes('>') && !json.includes('&') && !json.includes('\u2028'));
  const data = JSON.parse(json);
  assert.equal(data['@type'], 'NewsArticle');
  assert.equal(data.headline, title);
  assert.deepEqual(data.author, [{ '@type': 'Person', name: 'ليلى حداد' }, { '@type': 'Person', name: 'سامر نجار' }]);
  assert.equal(data.sourceOrganization.name, 'The Independent');
  assert.equal(data.datePublished, '2026-11-20T09:30:00+03:00');
});

test('should be the same HTML for the same input, whatever was rendered before', () => {
  const first = renderArticle(input()).html;
  renderArticle(input({ article: summary({ title: 'عنوان آخر' }) }));
  assert.equal(renderArticle(input()).html, first);
});

test('should isolate user strings, pinning right to left an Arabic one that opens with a Latin name', () => {
  const tree = page({ article: summary({ title: 'Siemens تعلن أرباحاً قياسية', authors: ['John Smith'], tags: ['Siemens', 'COP28 في دبي'] }) });
  assert.equal(select('h1 > bdi', tree)!.properties.dir, 'rtl', '<bdi> alone would read it left to right');
  assert.equal(select('.byline bdi', tree)!.properties.dir, undefined, 'a Latin name reads left to right on its own');
  assert.deepEqual(selectAll('.tag-list bdi', tree).map((bdi) => bdi.properties.dir), [undefined, 'rtl']);
  assert.equal(select('.source-line bdi', tree)!.properties.dir, undefined);
  assert.equal(select('.more a.headline bdi', tree)!.properties.dir, undefined, 'an Arabic headline needs nothing');
});

test('should render a long article on a thread of its own, and refuse it with an error naming the limit when it needs more memory than allowed', async () => {
  const long = input({ body: 'فقرة طويلة من تقرير مفصل عن المياه والطاقة في المنطقة.\n\n'.repeat(20_000) });
  assert.ok(long.body.length >= longBody);
  const rendered = await renderAlone(long);
  assert.deepEqual(rendered.messages, []);
  assert.equal(Buffer.from(rendered.html).toString('utf8'), renderArticle(long).html);

  const refused = await renderAlone(long, 8);
  assert.equal(refused.html.byteLength, 0);
  assert.deepEqual(refused.messages, [
    {
      file: 'content/articles/middle-east/water.md',
      line: 1,
      column: 1,
      severity: 'error',
      reason: 'Unexpected article needing more than 8 MB of memory to render, expected a shorter one, or the article split in parts',
      ruleId: 'max-render-memory',
    },
  ]);
});
