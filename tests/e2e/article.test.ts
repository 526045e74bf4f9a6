import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { serveDirectory } from '../helpers/serve.ts';
import { repoRoot, runCli } from '../helpers/site.ts';

// The sample article that carries the whole anatomy: hero with credit, pull quote, inserts, source.
const anatomyArticle = '/middle-east/irbid-daraa-water-agreement/';

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let outDir: string;

before(async () => {
  outDir = join(await mkdtemp(join(tmpdir(), 'matbaa-e2e-')), 'site');
  const run = await runCli(['build', '--out', outDir], repoRoot);
  assert.equal(run.code, 0, run.stderr);
  server = await serveDirectory(outDir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('should open the article right to left in Arabic with one h1 and no console errors', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
  const response = await page.goto(server.url + anatomyArticle);
  assert.equal(response?.status(), 200);
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).direction), 'rtl');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(problems, []);
  await page.close();
});

test('should show the hero caption and credit as separate visible parts', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + anatomyArticle);
  const hero = page.locator('figure.hero');
  await hero.locator('img').waitFor();
  assert.ok(await hero.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0));
  const caption = hero.locator('.figure-text');
  const credit = hero.locator('.figure-credit');
  assert.ok(await caption.isVisible());
  assert.ok(await credit.isVisible());
  assert.ok((await caption.innerText()).length > 10);
  assert.ok(!(await caption.innerText()).includes(await credit.innerText()));
  await page.close();
});

test('should show the pull quote with its attribution apart', async () => {
  const page = await browser.newPage();
  await page.goto(server.url + anatomyArticle);
  const quote = page.locator('.article-body figure.pull-quote').first();
  assert.ok(await quote.locator('blockquote').isVisible());
  assert.ok(await quote.locator('figcaption').isVisible());
  const attribution = await quote.locator('figcaption').innerText();
  assert.ok(attribution.length > 3);
  assert.ok(!attribution.startsWith('—'), 'the dash of the syntax is not shown');
  assert.ok(!(await quote.locator('blockquote').innerText()).includes(attribution));
  await page.close();
});

test('should have the whole body text with JavaScript disabled', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + anatomyArticle);
  const source = await readFile(join(repoRoot, 'content/articles/middle-east/irbid-daraa-water-agreement.md'), 'utf8');
  const body = source.split(/^---$/m)[2]!;
  const paragraphs = body
    .split('\n')
    .map((line) => line.replace(/[\u00a0 ]+/g, ' ').trim())
    .filter((line) => line && !/^[>#!|-]/.test(line) && !line.includes(']('));
  assert.ok(paragraphs.length >= 5);
  const text = (await page.locator('.article-body').innerText()).replace(/\s+/g, ' ');
  for (const paragraph of paragraphs) {
    const plain = paragraph.replace(/[*_`]/g, '').replace(/\s+/g, ' ');
    assert.ok(text.includes(plain), `missing with JavaScript off: ${plain.slice(0, 60)}…`);
  }
  assert.ok((await page.locator('.site-nav a').count()) >= 3, 'navigation works without script');
  await context.close();
});
