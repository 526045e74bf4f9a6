import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { createIndex, type PagefindIndex } from 'pagefind';
import type { Browser, Page } from 'playwright-core';
import { breakPrefixes, normaliseSearchQuery, prefixLength, removePrefixBreaks } from '../src/arabic/search-normalise.ts';
import { launchChromium } from './helpers/browser.ts';
import { serveDirectory } from './helpers/serve.ts';
import { article, makeTree, runCli, siteYaml, snapshotTree } from './helpers/site.ts';

// Three stories of one section, so each one's «المزيد من» block lists the other two. Each word the
// queries look for stands in one form only: القمح with the article, المُزارِعونَ with its vowels,
// والدخول and وأضاف with the conjunction, بنوك without the article and البنوك with it.
const site = {
  'content/site.yaml': siteYaml,
  'content/articles/world/wheat.md': article(
    'title: "أسعار القمح ترتفع في الأسواق العالمية"\ndate: 2026-11-20T10:00:00+02:00\nsection: world',
    [
      'ارتفعت أسعار القمح هذا الأسبوع، وقال المُزارِعونَ إن المحصول تراجع بعد موسم جاف.',
      'وأضاف التجار أن البنوك رفعت كلفة التمويل، والدخول إلى الأسواق بات مكلفاً.',
    ].join('\n'),
  ),
  'content/articles/world/energy.md': article(
    'title: "خطة لخفض فواتير الكهرباء"\ndate: 2026-11-21T10:00:00+02:00\nsection: world',
    'أعلنت الحكومة خطة لدعم الطاقة المتجددة بتمويل من بنوك محلية.\n',
  ),
  'content/articles/world/oranges.md': article(
    'title: "موسم البرتقال يبدأ مبكراً"\ndate: 2026-11-22T10:00:00+02:00\nsection: world',
    'بدأ قطاف الثمار في السهل الساحلي قبل موعده بأسبوعين.\n',
  ),
};

const wheat = '/world/wheat/';
const energy = '/world/energy/';
const oranges = '/world/oranges/';

let out: string;
let browser: Browser;
let server: { url: string; close(): Promise<void> };

before(async () => {
  const root = await makeTree(site);
  out = join(root, 'dist');
  const run = await runCli(['build', '--out', out], root);
  assert.equal(run.code, 0, run.stderr);
  server = await serveDirectory(out);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// Types the query into the search page's form and waits for the script's verdict; returns the
// result URLs, decoded. One page serves every query, as a reader would search again and again.
let searchPage: Page | undefined;
async function search(query: string): Promise<string[]> {
  if (!searchPage) {
    searchPage = await browser.newPage();
    await searchPage.goto(`${server.url}/search/`);
  }
  await searchPage.getByLabel('ابحث في الأخبار').fill(query);
  await searchPage.getByLabel('ابحث في الأخبار').press('Enter');
  await searchPage.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, query);
  await settled(searchPage);
  const hrefs = await searchPage.locator('.search-results .teaser-title a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  return hrefs.map((href) => decodeURI(href)).sort();
}

// The status says something other than «searching»: a count, no results, or a failure.
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const { searching } = JSON.parse(document.getElementById('search-messages')!.textContent!) as { searching: string };
    const status = document.querySelector('.search-status')!.textContent;
    return status !== '' && status !== searching;
  });
}

test('should take the article, and a conjunction before it, off a query word with its vowel marks and tatweel', () => {
  assert.equal(normaliseSearchQuery('القمح'), 'قمح');
  assert.equal(normaliseSearchQuery('وَالْقَمْحُ'), 'قمح');
  assert.equal(normaliseSearchQuery('القمـــح'), 'قمح');
  assert.equal(normaliseSearchQuery('فبالتالي وللمرة كالعادة'), 'تالي مرة عادة');
  assert.equal(normaliseSearchQuery('وأضاف فإذا'), 'أضاف إذا');
  assert.equal(normaliseSearchQuery('«البنوك» Lumière'), '«بنوك» Lumière');
});

test('should keep words whose first letters only look like a prefix', () => {
  for (const word of ['والده', 'والي', 'والله', 'بالغ', 'الذي', 'فالح', 'فأر', 'وأن', 'قمح', 'ولد']) {
    assert.equal(prefixLength(word), 0, word);
  }
});

test('should break the prefix off a word for the indexer after its vowel marks, and take the breaks out for readers', () => {
  const text = '«وَالْقَمْحُ» للمرة وأضاف والده snake_case';
  const broken = breakPrefixes(text);
  assert.equal(broken, '«وَالْ_قَمْحُ» لل_مرة و_أضاف والده snake_case');
  assert.equal(removePrefixBreaks(broken), text);
});

test('should break prefixes in a page exactly where the word-by-word rule does, whatever the text around them', () => {
  // The rule as written down: each run of letters and marks, its marks stripped, the prefix that `prefixLength` finds.
  const mark = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/u;
  const byWord = (text: string) =>
    text.replace(/[\p{L}\p{M}]+/gu, (found) => {
      let letters = prefixLength(found.replace(new RegExp(mark.source, 'gu'), ''));
      if (letters === 0) return found;
      let end = 0;
      while (letters > 0 || mark.test(found[end]!)) {
        if (!mark.test(found[end]!)) letters--;
        end++;
      }
      return `${found.slice(0, end)}_${found.slice(end)}`;
    });
  const pieces = ['و', 'ف', 'ال', 'بال', 'كال', 'لل', 'ل', 'ا', 'ب', 'أ', 'إ', 'قمح', 'م', 'ـ', '\u064E', '\u0652', '\u0670', '\u0301', 'a', ' ', '<p class="x">', '«', '_', '𝐀', '😀', '\uD800', 'ﻻ'];
  let seed = 7;
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 8) % n;
  let broken = 0;
  for (let i = 0; i < 20000; i++) {
    const text = Array.from({ length: 1 + next(9) }, () => pieces[next(pieces.length)]).join('');
    assert.equal(breakPrefixes(text), byWord(text), JSON.stringify(text));
    if (breakPrefixes(text) !== text) broken++;
  }
  assert.ok(broken > 1000, `enough texts with a prefix: ${broken}`);
});

test('should get the same index from Pagefind with every page sent at once as with one page at a time', async () => {
  // The build sends pages without waiting for each answer; that is only safe while Pagefind numbers pages
  // in the order they were sent, which sending them the other way round shows it does.
  const pages = Array.from({ length: 12 }, (_, i) => ({
    sourcePath: `world/story-${i}/index.html`,
    content: `<html lang="ar"><body><article data-pagefind-body><h1>خبر ${i}</h1><p>${'القمح والبنوك '.repeat(i + 1)} كلمة${i}</p></article></body></html>`,
  }));
  const indexOf = async (send: (index: PagefindIndex) => Promise<unknown>) => {
    const { index } = await createIndex({ forceLanguage: 'ar' });
    await send(index!);
    const { files } = await index!.getFiles();
    await index!.deleteIndex();
    return Object.fromEntries(files.map((file) => [file.path, Buffer.from(file.content).toString('base64')]));
  };
  const oneByOne = await indexOf(async (index) => {
    for (const page of pages) await index.addHTMLFile(page);
  });
  assert.deepEqual(await indexOf((index) => Promise.all(pages.map((page) => index.addHTMLFile(page)))), oneByOne);
  assert.notDeepEqual(await indexOf((index) => Promise.all([...pages].reverse().map((page) => index.addHTMLFile(page)))), oneByOne);
});

test('should write the index under pagefind/ without the ready-made UI bundles, and leave it untouched by a rebuild', async () => {
  const files = await readdir(join(out, 'pagefind'));
  assert.ok(files.includes('pagefind.js'));
  assert.ok(files.includes('wasm.ar.pagefind'), 'the Arabic stemmer is built in');
  assert.ok(files.some((file) => /^pagefind\.ar_.*\.pf_meta$/.test(file)), 'one Arabic index');
  assert.deepEqual(files.filter((file) => /ui|highlight/.test(file)), []);
  assert.equal((await readdir(join(out, 'pagefind/fragment'))).length, 3, 'one fragment a story, nothing else indexed');

  const before = await snapshotTree(join(out, 'pagefind'));
  const run = await runCli(['build', '--out', out], join(out, '..'));
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(await snapshotTree(join(out, 'pagefind')), before);
});

test('should render /search/ as a labelled GET search form, a no-script message and the latest stories', async () => {
  const tree = fromHtml(await readFile(join(out, 'search/index.html'), 'utf8'));
  const form = select('form[role=search]', tree)!;
  assert.equal(form.properties.action, '/search/');
  assert.equal(form.properties.method, 'get');
  const input = select('input[name=q]', form)!;
  assert.equal(toString(select(`label[for=${String(input.properties.id)}]`, form)!), 'ابحث في الأخبار');
  assert.equal(toString(select('noscript', tree)!).trim(), 'البحث يحتاج إلى تفعيل JavaScript في المتصفح');
  assert.deepEqual(
    selectAll('.search-latest .teaser-title a', tree).map((a) => a.properties.href),
    [oranges, energy, wheat],
  );
  const script = select('script[type=module]', tree)!;
  assert.match(String(script.properties.src), /^\/assets\/search-[\w-]+\.js$/);
  assert.equal(select('meta[name=robots]', tree)?.properties.content, 'noindex');
});

test('should find a word with and without the article ال', async () => {
  assert.deepEqual(await search('قمح'), [wheat]);
  assert.deepEqual(await search('القمح'), [wheat]);
  // Snowball reads the ب of a bare بنوك as a preposition; the shared prefix rule keeps both forms together.
  assert.deepEqual(await search('بنوك'), [energy, wheat]);
  assert.deepEqual(await search('البنوك'), [energy, wheat]);
});

test('should find a word with and without vowel marks and tatweel', async () => {
  assert.deepEqual(await search('مزارعون'), [wheat]);
  assert.deepEqual(await search('المزارعون'), [wheat]);
  assert.deepEqual(await search('الحُكومَةُ'), [energy]);
  assert.deepEqual(await search('القمـــح'), [wheat]);
});

test('should find a word written with و or ف before the article or a hamza, and the other way round', async () => {
  assert.deepEqual(await search('دخول'), [wheat]);
  assert.deepEqual(await search('الدخول'), [wheat]);
  assert.deepEqual(await search('أضاف'), [wheat]);
  assert.deepEqual(await search('والطاقة'), [energy]);
  assert.deepEqual(await search('فالقمح'), [wheat]);
});

test('should index the story only: not the site chrome, the dateline, nor the «المزيد من» block', async () => {
  // The other two stories list «موسم البرتقال يبدأ مبكراً» in their «المزيد من» block.
  assert.deepEqual(await search('البرتقال'), [oranges]);
  assert.deepEqual(await search('الاختبار'), [], 'the site name in the header');
  assert.deepEqual(await search('دقيقة'), [], 'the reading time in the dateline');
});

test('should show results as teasers with the headline linked and the match marked, in place of the latest stories', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  await page.goto(`${server.url}/search/?q=${encodeURIComponent('والدخول')}`);
  await settled(page);
  assert.equal(await page.locator('.search-results .teaser').count(), 1);
  assert.equal(await page.locator('.search-results .teaser-title a').innerText(), 'أسعار القمح ترتفع في الأسواق العالمية');
  const excerpt = page.locator('.search-results .search-excerpt');
  assert.equal(await excerpt.locator('mark').innerText(), 'والدخول');
  assert.ok(!(await excerpt.innerText()).includes('_'), 'no index break shows');
  assert.equal(await page.locator('.search-status').innerText(), 'نتيجة واحدة');
  assert.ok(await page.locator('.search-latest').isHidden());

  await page.goto(`${server.url}/search/?q=${encodeURIComponent('زلزال')}`);
  await settled(page);
  assert.equal(await page.locator('.search-status').innerText(), 'لم نجد ما يطابق «زلزال».');
  assert.deepEqual(problems, []);
  await page.close();
});

test('should run a query typed into the form and keep it in the address', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/search/`);
  assert.ok(await page.locator('.search-latest').isVisible());
  await page.getByLabel('ابحث في الأخبار').fill('الكهرباء');
  await page.getByLabel('ابحث في الأخبار').press('Enter');
  await settled(page);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'الكهرباء');
  assert.deepEqual(await page.locator('.search-results .teaser-title a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), [energy]);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('.search-status')!.textContent === '');
  assert.ok(await page.locator('.search-latest').isVisible());
  await page.close();
});

test('should say plainly that search needs JavaScript, and still list the latest stories, with scripts off', async () => {
  // Scripting off for the whole browser, as a reader's setting turns it off: unlike a context
  // without JavaScript, that also makes Chromium render <noscript>.
  const withoutScripts = await browser.browserType().launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--blink-settings=scriptEnabled=false'] });
  const page = await withoutScripts.newPage();
  await page.goto(`${server.url}/search/?q=${encodeURIComponent('القمح')}`);
  const message = page.locator('.search-no-script');
  assert.ok(await message.isVisible());
  assert.equal(await message.innerText(), 'البحث يحتاج إلى تفعيل JavaScript في المتصفح');
  assert.equal(await page.locator('.search-latest .teaser').count(), 3);
  assert.ok(await page.locator('.search-latest').isVisible());
  assert.equal(await page.locator('.search-results .teaser').count(), 0);
  await withoutScripts.close();
});

test('should load nothing of the index or the search script on an article page or the home page', async () => {
  for (const path of [wheat, '/']) {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(server.url + path);
    await page.waitForLoadState('networkidle');
    assert.ok(requests.length > 1, 'the page and its stylesheet at least');
    assert.deepEqual(requests.filter((url) => url.startsWith('/pagefind/') || url.includes('/search-')), [], path);
    await page.close();
  }
  // The search page is where the index loads.
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(`${server.url}/search/?q=${encodeURIComponent('قمح')}`);
  await settled(page);
  assert.ok(requests.includes('/pagefind/pagefind.js'));
  await page.close();
});

test('should index a few changed stories in a small recent part, drop the big part’s hits for them, and pack the part anew when more change', async (t) => {
  // Nine stories on the harbour. An edit of a story's second paragraph changes its own page only (its
  // teaser on other pages shows the first); the oldest story is on no other story's page.
  const story = (i: number, words: string) => article(`title: "خبر الميناء رقم ${i}"\ndate: 2026-11-${10 + i}T10:00:00+02:00\nsection: world`, `وصلت سفينة إلى الميناء صباح اليوم.\n\n${words}\n`);
  const files = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`content/articles/world/story-${i}.md`, story(i, i === 4 ? 'وبدأ قطاف الثمار في السهل.' : `الرصيف رقم ${i}.`)]));
  const root = await makeTree({ 'content/site.yaml': siteYaml, ...files });
  const dist = join(root, 'dist');
  const build = async () => {
    const run = await runCli(['build'], root);
    assert.equal(run.code, 0, run.stderr);
  };
  const local = await serveDirectory(dist);
  t.after(async () => {
    await local.close();
    await rm(root, { recursive: true, force: true });
  });
  // Each query in a fresh context, so nothing of an earlier build's search page is kept.
  const found = async (query: string) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${local.url}/search/?q=${encodeURIComponent(query)}`);
    await settled(page);
    const hrefs = await page.locator('.search-results .teaser-title a').evaluateAll((links) => links.map((a) => decodeURI(a.getAttribute('href')!)));
    await context.close();
    return hrefs.sort();
  };
  const recentOf = async () => (JSON.parse(toString(select('#search-messages', fromHtml(await readFile(join(dist, 'search/index.html'), 'utf8')))!)) as { recent?: unknown }).recent;
  const everyStory = (except: number[] = []) => Array.from({ length: 9 }, (_, i) => i).filter((i) => !except.includes(i)).map((i) => `/world/story-${i}/`).sort();

  await build();
  assert.equal(existsSync(join(dist, 'pagefind-recent')), false);
  const packed = await snapshotTree(join(dist, 'pagefind'));
  await writeFile(join(root, 'content/articles/world/story-4.md'), story(4, 'ووصلت شحنة من الزعفران.'));
  await build();
  assert.deepEqual(await snapshotTree(join(dist, 'pagefind')), packed, 'the packed part is kept as it was');
  assert.equal((await readdir(join(dist, 'pagefind-recent/fragment'))).length, 1, 'the edited story alone in the recent part');
  assert.deepEqual(await recentOf(), { index: '/pagefind-recent/', superseded: ['/world/story-4/'] });
  assert.deepEqual(await found('الزعفران'), ['/world/story-4/'], 'the new text is found');
  assert.deepEqual(await found('قطاف'), [], 'the old text is not');
  assert.deepEqual(await found('الميناء'), everyStory(), 'each story once');

  // A story taken away: its hits in the packed part go too.
  await rm(join(root, 'content/articles/world/story-0.md'));
  await build();
  assert.deepEqual(await snapshotTree(join(dist, 'pagefind')), packed);
  assert.deepEqual(await recentOf(), { index: '/pagefind-recent/', superseded: ['/world/story-0/', '/world/story-4/'] });
  assert.deepEqual(await found('الميناء'), everyStory([0]));

  // Four of the eight changed since the part was packed: past a quarter, it is packed anew.
  for (const i of [1, 2]) await writeFile(join(root, `content/articles/world/story-${i}.md`), story(i, 'ورست سفينة ثانية.'));
  await build();
  assert.notDeepEqual(await snapshotTree(join(dist, 'pagefind')), packed);
  assert.equal(existsSync(join(dist, 'pagefind-recent')), false);
  assert.equal(await recentOf(), undefined);
  assert.deepEqual(await found('الزعفران'), ['/world/story-4/']);
  assert.deepEqual(await found('الميناء'), everyStory([0]));
});

test('should keep the packed part when a story is added and the others’ pages changed only in their lists of stories', async (t) => {
  // Nine stories of one section: a tenth, the newest, joins «المزيد من …» and the related stories on
  // the others' pages, which the index leaves out.
  const story = (i: number) => article(`title: "خبر السوق رقم ${i}"\ndate: 2026-11-${10 + i}T10:00:00+02:00\nsection: world\ntags: ["تجارة"]`, `افتتح السوق رقم ${i} أبوابه صباح اليوم.\n`);
  const files = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`content/articles/world/story-${i}.md`, story(i)]));
  const root = await makeTree({ 'content/site.yaml': siteYaml, ...files });
  const dist = join(root, 'dist');
  const local = await serveDirectory(dist);
  t.after(async () => {
    await local.close();
    await rm(root, { recursive: true, force: true });
  });
  const build = async () => {
    const run = await runCli(['build', '--changed', 'changes.txt'], root);
    assert.equal(run.code, 0, run.stderr);
    return (await readFile(join(root, 'changes.txt'), 'utf8')).trim().split('\n');
  };
  await build();
  const packed = await snapshotTree(join(dist, 'pagefind'));
  await writeFile(join(root, 'content/articles/world/story-9.md'), story(9));
  const changes = await build();
  assert.ok(changes.filter((line) => /^M\tworld\/story-\d\/index\.html$/.test(line)).length >= 4, `other stories' pages changed: ${changes.join(' ')}`);
  assert.deepEqual(await snapshotTree(join(dist, 'pagefind')), packed, 'the packed part is kept as it was');
  assert.equal((await readdir(join(dist, 'pagefind-recent/fragment'))).length, 1, 'the new story alone in the recent part');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${local.url}/search/?q=${encodeURIComponent('السوق')}`);
  await settled(page);
  const found = await page.locator('.search-results .teaser-title a').evaluateAll((links) => links.map((a) => decodeURI(a.getAttribute('href')!)));
  await context.close();
  assert.deepEqual(found.sort(), Array.from({ length: 10 }, (_, i) => `/world/story-${i}/`).sort(), 'each story once, the new one too');
});
