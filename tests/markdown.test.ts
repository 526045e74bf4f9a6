import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import rehypeSanitize from 'rehype-sanitize';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { findContentLinks, resolveContentLink } from '../src/markdown/content-links.ts';
import { type MarkdownOptions, markdownToHast, sanitizeSchema } from '../src/markdown/processor.ts';

const fixtures = new URL('./fixtures/markdown/', import.meta.url);
const update = process.env.UPDATE === '1';

// What each fixture folder shows; a folder missing here fails the suite.
const cases: Record<string, string> = {
  'pull-quote': 'should make a blockquote ending in an em-dash line a pull quote with the speaker as caption',
  'plain-blockquote': 'should keep a blockquote without a speaker line a plain blockquote',
  'pull-quote-double-hyphen': 'should take `--` and `―` as the dash, also on the quote’s last line',
  'figure-caption-credit': 'should keep the credit apart from the caption and leave images in running text inline',
  'figure-caption-only': 'should give a figure a caption only when its title has one',
  'figure-picture': 'should make a content image a picture of its processed files with its true size, and leave another site’s as it is',
  'archive-line-paragraphs': 'should make every line of archive copy a paragraph with its stray spaces gone',
  'commonmark-line-breaks': 'should keep standard line breaks when lines are not paragraphs',
  'editorial-inserts': 'should mark bracketed inserts in prose but not in code or link text',
  'internal-links': 'should point links to articles at their URLs, fragment kept',
  'raw-html': 'should leave raw HTML out, block and inline',
  'unsafe-urls': 'should leave out links and images to javascript:, vbscript: or data: URLs, keeping link text',
  'body-h1': 'should turn a first-level heading in the body into a second-level one',
  'gfm-table-footnote': 'should render GFM tables, strikethrough, task lists and footnotes with Arabic labels',
  'mixed-latin-arabic': 'should leave Latin runs, numbers and dual month names in Arabic text as they are, and read a web address left to right',
  'language-passages': 'should give a `[…]{lang=…}` passage its language and direction, on its paragraph, list item or pull quote when it is all of it',
  'language-markers-malformed': 'should warn about a malformed `{lang=…}` marker where it stands and leave it in the text, but not about other braces',
};

type FixtureOptions = Partial<MarkdownOptions>;

function render(markdown: string, options: Partial<MarkdownOptions> = {}): { tree: Root; html: string; file: VFile } {
  const sourcePath = options.sourcePath ?? 'articles/news/example.md';
  const file = new VFile({ path: `content/${sourcePath}`, value: markdown });
  const tree = markdownToHast(file, {
    sourcePath,
    links: options.links ?? {},
    lineBreaks: options.lineBreaks ?? 'commonmark',
    images: options.images,
  });
  return { tree, html: toHtml(tree), file };
}

function formatMessage(message: VFileMessage): string {
  const place = message.place && 'start' in message.place
    ? `${message.place.start.line}:${message.place.start.column}-${message.place.end.line}:${message.place.end.column}`
    : `${message.line}:${message.column}`;
  return `${place} ${message.fatal ? 'error' : 'warning'} ${message.ruleId} ${message.reason}`;
}

// Compares with the expected file, or writes it when UPDATE=1; an absent expected file means "nothing".
function expectFile(url: URL, actual: string): void {
  if (update) {
    if (actual !== '' || existsSync(url)) writeFileSync(url, actual);
    return;
  }
  const expected = existsSync(url) ? readFileSync(url, 'utf8') : '';
  assert.equal(actual, expected);
}

function elements(tree: Root, tagName: string): Element[] {
  const found: Element[] = [];
  visit(tree, 'element', (node: Element) => {
    if (node.tagName === tagName) found.push(node);
  });
  return found;
}

describe('markdown fixtures (tests/fixtures/markdown/<case>)', () => {
  const folders = readdirSync(fixtures, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it('should describe every fixture folder', () => {
    assert.deepEqual(folders, Object.keys(cases).sort());
  });

  for (const name of folders) {
    it(cases[name] ?? `should render ${name}`, () => {
      const folder = new URL(`${name}/`, fixtures);
      const optionsUrl = new URL('options.json', folder);
      const options: FixtureOptions = existsSync(optionsUrl) ? JSON.parse(readFileSync(optionsUrl, 'utf8')) : {};
      const { html, file } = render(readFileSync(new URL('input.md', folder), 'utf8'), options);
      expectFile(new URL('output.html', folder), `${html}\n`);
      expectFile(new URL('messages.txt', folder), file.messages.map((message) => `${formatMessage(message)}\n`).join(''));
    });
  }
});

describe('messages', () => {
  it('should report a link to a missing article as an error at the link', () => {
    const { file } = render('مقدمة.\n\nانظر [التقرير](../economy/missing.md#أرقام) للتفاصيل.\n', {
      sourcePath: 'articles/politics/budget.md',
    });
    assert.equal(file.messages.length, 1);
    const [message] = file.messages;
    assert.ok(message);
    assert.equal(message.ruleId, 'missing-article');
    assert.equal(message.source, 'matbaa');
    assert.equal(message.fatal, true);
    assert.equal(message.line, 3);
    assert.equal(message.column, 6);
    assert.equal(message.reason, 'Cannot find article `articles/economy/missing.md`, expected a path to an existing article');
  });

  it('should report a link that leaves the content folder as an error', () => {
    const { file } = render('[قديم](../../../old/page.md)\n', { sourcePath: 'articles/news/a.md' });
    const [message] = file.messages;
    assert.equal(message?.ruleId, 'link-outside-content');
    assert.equal(message?.fatal, true);
    assert.equal(message?.line, 1);
    assert.equal(message?.column, 1);
  });

  it('should report a missing article behind a reference at its definition', () => {
    const { file } = render('انظر [الملف][م].\n\n[م]: gone.md\n');
    assert.deepEqual(file.messages.map((message) => [message.ruleId, message.line, message.column]), [['missing-article', 3, 1]]);
  });

  it('should warn about raw HTML at its line, not fail', () => {
    const { file, html } = render('سطر أول.\n\n<div class="ad">إعلان</div>\n\nنص <span style="color:red">ملون</span>.\n');
    assert.deepEqual(
      file.messages.map((message) => [message.ruleId, message.line, message.column, Boolean(message.fatal)]),
      [
        ['no-raw-html', 3, 1, false],
        ['no-raw-html', 5, 4, false],
        ['no-raw-html', 5, 32, false],
      ],
    );
    assert.equal(file.messages[0]?.reason, 'Unexpected raw HTML, expected Markdown; it was left out');
    assert.ok(!html.includes('إعلان') && !html.includes('style'));
  });

  it('should leave an HTML comment out without a warning', () => {
    const { file, html } = render('نص.\n\n<!-- للمحرر -->\n');
    assert.deepEqual(file.messages, []);
    assert.equal(html, '<p>نص.</p>');
  });

  it('should warn about a body h1 at the heading', () => {
    const { file } = render('فقرة.\n\n# عنوان\n');
    assert.deepEqual(file.messages.map((message) => [message.ruleId, message.line, message.column, Boolean(message.fatal)]), [
      ['no-body-h1', 3, 1, false],
    ]);
  });

  it('should warn about an image without alternative text, inline or alone', () => {
    const { file } = render('![](/a.jpg)\n\nنص ![](/b.jpg) هنا.\n');
    assert.deepEqual(file.messages.map((message) => [message.ruleId, message.line, message.column]), [
      ['image-alt', 1, 1],
      ['image-alt', 3, 4],
    ]);
  });

  it('should warn about a language marker that is no marker at its braces, not fail', () => {
    const { file, html } = render('قال [Yes we can]{lang=english} أمس.\n');
    assert.deepEqual(file.messages.map((message) => [message.ruleId, message.line, message.column, Boolean(message.fatal)]), [
      ['invalid-language-marker', 1, 17, false],
    ]);
    assert.equal(file.messages[0]?.reason, 'Unexpected language `english` in `{lang=english}`, expected a BCP 47 tag such as `en` or `fr`; it stays in the text');
    assert.ok(html.includes('{lang=english}') && !html.includes('lang="'));
  });

  it('should warn about a pull quote with only an attribution and keep it a plain blockquote', () => {
    const { file, html } = render('> — فلان الفلاني\n');
    assert.deepEqual(file.messages.map((message) => [message.ruleId, message.line, message.column, Boolean(message.fatal)]), [
      ['pull-quote-text', 1, 1, false],
    ]);
    assert.equal(html, '<blockquote>\n<p>— فلان الفلاني</p>\n</blockquote>');
  });
});

describe('figures', () => {
  it('should isolate a body figure’s credit in a bdi, as the hero’s is, and leave the caption in the line’s direction', () => {
    const { tree } = render('![الجسر](/images/bridge.jpg "Roland Busch يفتتح الجسر (Getty Images / AFP)")\n');
    const [credit] = elements(tree, 'span').filter((node) => String(node.properties.className) === 'figure-credit');
    assert.deepEqual(credit?.children.map((child) => (child.type === 'element' ? child.tagName : child.type)), ['bdi']);
    assert.equal(toHtml(credit!), '<span class="figure-credit"><bdi>Getty Images / AFP</bdi></span>');
    const [text] = elements(tree, 'span').filter((node) => String(node.properties.className) === 'figure-text');
    assert.equal(toHtml(text!), '<span class="figure-text">Roland Busch يفتتح الجسر</span>');
  });
});

describe('positions', () => {
  it('should give each paragraph split from a line its own line and columns', () => {
    const { tree } = render('\u00a0أولاً هنا.\n> ثانياً هنا.\n> — قائل\n\n- بند\n  تابع\n', { lineBreaks: 'paragraph' });
    const paragraphs = elements(tree, 'p').map((node) => {
      const { start, end } = node.position ?? assert.fail('paragraph without a position');
      return `${start.line}:${start.column}-${end.line}:${end.column}`;
    });
    // Line 2 ends the first paragraph and opens the blockquote; the `>` markers are not part of the text.
    assert.deepEqual(paragraphs, ['1:1-1:12', '2:3-2:14', '5:3-5:6', '6:3-6:7']);
    const [figcaption] = elements(tree, 'figcaption');
    assert.deepEqual(figcaption?.position?.start, { line: 3, column: 3, offset: 28 });
  });

  it('should keep the position of a pull quote on its figure', () => {
    const { tree } = render('تمهيد.\n\n> كلام.\n> — قائل\n');
    const [figure] = elements(tree, 'figure');
    assert.equal(figure?.position?.start.line, 3);
    assert.equal(figure?.position?.end.line, 4);
    const [blockquote] = elements(tree, 'blockquote');
    assert.deepEqual([blockquote?.position?.start.line, blockquote?.position?.end.column], [3, 8]);
  });
});

describe('safety', () => {
  it('should never let a script URL through, in any spelling', () => {
    const { html } = render('[a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](java&#115;cript:x) ![d](vbscript:x) ![e](data:text/html,x)\n');
    assert.doesNotMatch(html, /(?:java|vb)script:|data:/i);
  });

  it('should let the sanitiser keep our own markup and strip unsafe URLs on its own', () => {
    const tree = h(null, [
      h('figure.pull-quote', [h('blockquote', [h('p', 'قول')]), h('figcaption', 'قائل')]),
      h('figure.figure', [
        h('img', { src: '/images/a.jpg', alt: 'صورة', loading: 'lazy', decoding: 'async' }),
        h('figcaption.figure-caption', [h('span.figure-text', 'تعليق'), ' ', h('span.figure-credit', [h('bdi', 'رويترز')])]),
      ]),
      h('p', [h('span.insert', '[إضافة]'), h('a', { href: 'javascript:alert(1)' }, 'رابط'), h('img', { src: 'data:image/png;base64,AA', alt: 'x' })]),
      h('p', [h('span.evil', { style: 'x' }, 'نص'), h('figure', { className: ['other'], onClick: 'x' })]),
    ]);
    const clean = unified().use(rehypeSanitize, sanitizeSchema).runSync(tree);
    assert.equal(
      toHtml(clean),
      '<figure class="pull-quote"><blockquote><p>قول</p></blockquote><figcaption>قائل</figcaption></figure>' +
        '<figure class="figure"><img src="/images/a.jpg" alt="صورة" loading="lazy" decoding="async">' +
        '<figcaption class="figure-caption"><span class="figure-text">تعليق</span> <span class="figure-credit"><bdi>رويترز</bdi></span></figcaption></figure>' +
        '<p><span class="insert">[إضافة]</span><a>رابط</a><img alt="x"></p>' +
        // hast-util-sanitize empties a class list it does not allow rather than removing it.
        '<p><span class="">نص</span><figure class=""></figure></p>',
    );
  });

  it('should point every footnote link at an id on the page', () => {
    const { tree } = render('نص[^أ] ونص[^2].\n\n[^أ]: أولى.\n[^2]: ثانية.\n');
    const ids = new Set(collectIds(tree));
    const hrefs = elements(tree, 'a').map((node) => String(node.properties.href));
    assert.equal(hrefs.length, 4);
    for (const href of hrefs) assert.ok(ids.has(href.slice(1)), `${href} points nowhere`);
  });

  it('should label footnotes in Arabic', () => {
    const { html } = render('نص[^1].\n\n[^1]: حاشية.\n');
    assert.match(html, /<h2 class="sr-only" id="footnote-label">الحواشي<\/h2>/);
    assert.match(html, /aria-label="العودة إلى النص"/);
  });
});

describe('processor', () => {
  it('should give the same tree for the same article every time, whatever came between', () => {
    const markdown = '> قول.\n> — قائل\n\n![صورة](/x.jpg "تعليق (رويترز)") [إضافة] [ر](b.md)\n';
    const links = { 'articles/news/b.md': '/news/b/' };
    const first = render(markdown, { links, lineBreaks: 'paragraph' }).html;
    render('# أخرى\n\n[x](gone.md)\n', { lineBreaks: 'paragraph' });
    render(markdown, { lineBreaks: 'commonmark' });
    assert.equal(render(markdown, { links, lineBreaks: 'paragraph' }).html, first);
  });

  it('should leave no per-article options behind on the file', () => {
    const { file } = render('نص.\n');
    assert.equal(file.data.internalLinks, undefined);
  });
});

describe('content links', () => {
  it('should resolve a relative link against the article’s folder', () => {
    assert.equal(resolveContentLink('../economy/rates.md', 'articles/politics/budget.md'), 'articles/economy/rates.md');
    assert.equal(resolveContentLink('./talks.md#x', 'articles/politics/budget.md'), 'articles/politics/talks.md');
  });

  it('should resolve a root-absolute link against the content folder', () => {
    assert.equal(resolveContentLink('/articles/economy/rates.md#الأرقام', 'articles/politics/budget.md'), 'articles/economy/rates.md');
  });

  it('should decode percent-escapes in the path', () => {
    assert.equal(resolveContentLink('%D8%A3%D8%B3%D8%B9%D8%A7%D8%B1.md', 'articles/a.md'), 'articles/أسعار.md');
  });

  it('should ignore links that are not to Markdown files or leave the site', () => {
    assert.equal(resolveContentLink('/economy/rates/', 'articles/a.md'), undefined);
    assert.equal(resolveContentLink('https://example.com/readme.md', 'articles/a.md'), undefined);
    assert.equal(resolveContentLink('//example.com/readme.md', 'articles/a.md'), undefined);
    assert.equal(resolveContentLink('#rates.md', 'articles/a.md'), undefined);
  });

  it('should not resolve a link that escapes the content folder', () => {
    assert.equal(resolveContentLink('../../x.md', 'articles/a.md'), undefined);
    assert.equal(resolveContentLink('/../x.md', 'articles/a.md'), undefined);
  });

  it('should find every article the processor resolves, so a page’s cache key covers its links', () => {
    const markdown = [
      '[أ](../economy/rates.md) [ب](</articles/x y.md#z>) [ج](a(1).md) [د][ref] `[e](in-code.md)`',
      '',
      '> [هـ](./quoted.md "عنوان")',
      '',
      '[ref]: <../politics/talks.md>',
      '[skip]: https://example.com/readme.md',
    ].join('\n');
    const sourcePath = 'articles/news/a.md';
    const found = findContentLinks(markdown, sourcePath);
    const missing = render(markdown, { sourcePath }).file.messages
      .filter((message) => message.ruleId === 'missing-article')
      .map((message) => /`([^`]+)`/.exec(message.reason)?.[1]);
    assert.deepEqual([...new Set(missing)].sort(), [
      'articles/economy/rates.md',
      'articles/news/a(1).md',
      'articles/news/quoted.md',
      'articles/politics/talks.md',
      'articles/x y.md',
    ]);
    for (const path of missing) assert.ok(path && found.includes(path), `${path} not found by the scan`);
    const links = Object.fromEntries(found.map((path) => [path, `/${path}/`]));
    assert.deepEqual(render(markdown, { sourcePath, links }).file.messages, []);
  });
});

function collectIds(tree: Root): string[] {
  const ids: string[] = [];
  visit(tree, 'element', (node: Element) => {
    if (typeof node.properties.id === 'string') ids.push(node.properties.id);
  });
  return ids;
}
