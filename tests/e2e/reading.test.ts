// Reading the sample site in Chromium as readers do: on a phone (390×844) and a desktop (1366×900), in
// light and dark, with and without JavaScript. One pass loads every page type cold in each width and
// records what the tests below assert: axe-core's findings, widths, layout shift, bytes, screenshots
// (test-results/screenshots/, to look at). A second site, built inline, checks bidi isolation.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { serveDirectory } from '../helpers/serve.ts';
import { article, makeTree, repoRoot, runCli, siteYaml } from '../helpers/site.ts';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const screenshots = join(repoRoot, 'test-results/screenshots');

const pages = {
  article: '/middle-east/irbid-daraa-water-agreement/',
  home: '/',
  section: '/middle-east/',
  tag: `/tags/${encodeURIComponent('إربد')}/`,
  archive: '/archive/',
  '404': '/404.html',
  search: '/search/',
} as const;
type PageName = keyof typeof pages;

const viewports = {
  mobile: { width: 390, height: 844 },
  desktop: { width: 1366, height: 900 },
} as const;
type ViewportName = keyof typeof viewports;
const schemes = ['light', 'dark'] as const;

// Budgets (issue #5, point 7): 35 KB and 150 KB as KiB.
const htmlAndCssBudget = 35 * 1024;
const fontBudget = 150 * 1024;
const clsBudget = 0.01;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** What one cold load of a page at one width showed. */
interface Visit {
  page: PageName;
  viewport: ViewportName;
  /** axe-core's findings: every rule in light, the colour rules in dark. */
  violations: Record<(typeof schemes)[number], AxeViolation[]>;
  scrollWidth: number;
  innerWidth: number;
  /** Boxes that must fit the window: the hero, pull quotes, every picture. */
  boxes: { what: string; left: number; right: number }[];
  cls: number;
  /** When the first paint and the first web font came, in ms: the fonts must come after it. */
  fontTiming: { firstPaint: number; firstFont: number };
  /** The page's own script elements (before axe-core is added). */
  scripts: { type: string; src: string | null; deferred: boolean }[];
  bytes: { document: number; stylesheets: number; scripts: number; fonts: number; fontFiles: string[] };
}

// The bidi section's inline site: a headline mixing Arabic, a Latin name and numbers, and one that
// opens with the Latin name; Latin bylines, tag and source; a body with other-language passages.
const mixedTitle = 'شركة Siemens تعلن أرباحاً بـ2.5 مليار دولار (+15%)';
const latinFirstTitle = 'Siemens تعلن أرباحاً قياسية';

/** Builds the bidi site into a temporary folder and returns the folder it wrote. */
async function buildBidiSite(): Promise<string> {
  const fm = (title: string, slug: string, hour: string, extra = '') =>
    `title: "${title}"\ndate: 2026-11-20T${hour}:00:00+03:00\nsection: world\nslug: ${slug}\ntags: ["Siemens", "ألمانيا"]\nauthors: ["John Smith", "ليلى حداد"]\n${extra}`;
  const root = await makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/siemens.md': article(
      fm(mixedTitle, 'siemens', '10', 'source: "Financial Times"'),
      [
        'Roland Busch، المدير التنفيذي، قال إن الأرباح بلغت 2.5 مليار دولار.',
        '',
        'وردّد الموظفون شعار الشركة [Ingenuity for life!]{lang=de} أمام المقر.',
        '',
        '[The results beat every forecast.]{lang=en}',
        '',
        'التفاصيل على www.siemens.com/ar/ وفي الملف `report-2026.pdf`.',
        '',
      ].join('\n'),
    ),
    'content/articles/siemens-record.md': article(fm(latinFirstTitle, 'siemens-record', '09'), 'نص الخبر.\n'),
  });
  const run = await runCli(['build', '--quiet'], root);
  assert.equal(run.code, 0, run.stderr);
  return join(root, 'dist');
}

let browser: Browser;
let server: { url: string; close(): Promise<void> };
const visits: Visit[] = [];
let bidiSite: Promise<string>;

before(async () => {
  // Built while the sample site is read; awaited by the bidi tests.
  bidiSite = buildBidiSite();
  bidiSite.catch(() => {}); // a failed build is reported by the bidi tests that await it
  const out = join(await mkdtemp(join(tmpdir(), 'matbaa-reading-')), 'site');
  const [run] = await Promise.all([runCli(['build', '--quiet', '--out', out], repoRoot), mkdir(screenshots, { recursive: true })]);
  assert.equal(run.code, 0, run.stderr);
  server = await serveDirectory(out);
  browser = await launchChromium();
  // The two widths side by side; the pages of one width one after another, each in a fresh context
  // so that its fonts and CSS are fetched (and its layout shifts happen) as on a first visit.
  await Promise.all(
    (Object.keys(viewports) as ViewportName[]).map(async (viewport) => {
      for (const name of Object.keys(pages) as PageName[]) visits.push(await visit(name, viewport));
    }),
  );
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function visit(name: PageName, viewport: ViewportName): Promise<Visit> {
  const context = await browser.newContext({ viewport: viewports[viewport], colorScheme: 'light' });
  try {
    const page = await context.newPage();
    // The fonts are held back until the page has painted, as on a slow connection, so the layout
    // shift counted includes the swap from the fallback faces to the web fonts.
    let painted = () => {};
    const firstPaint = new Promise<void>((resolve) => (painted = resolve));
    await page.exposeFunction('matbaaPainted', () => painted());
    await page.route('**/*.woff2', async (route) => {
      await firstPaint;
      await route.continue();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { matbaaCls: number; matbaaPainted: () => void };
      w.matbaaCls = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) w.matbaaCls += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
      new PerformanceObserver(() => w.matbaaPainted()).observe({ type: 'paint', buffered: true });
    });
    const bodies: Promise<{ type: string; url: string; bytes: number }>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type === 'document' || type === 'stylesheet' || type === 'script' || type === 'font') {
        bodies.push(response.body().then((body) => ({ type, url: response.url(), bytes: body.length })));
      }
    });
    await page.goto(server.url + pages[name], { waitUntil: 'load' });
    // The web fonts take over while the reader is still at the top of the page.
    await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    });
    await scrollThrough(page);
    // (No named functions inside evaluate: tsx would wrap them in a helper the page lacks.)
    const measured = await page.evaluate(() => ({
      cls: (window as unknown as { matbaaCls: number }).matbaaCls,
      fontTiming: {
        firstPaint: performance.getEntriesByType('paint')[0]?.startTime ?? Infinity,
        firstFont: Math.min(...performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.woff2')).map((entry) => (entry as PerformanceResourceTiming).responseEnd)),
      },
      scripts: [...document.scripts].map((script) => ({ type: script.type, src: script.getAttribute('src'), deferred: script.type === 'module' || script.defer || script.async })),
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      boxes: [
        ...[...document.querySelectorAll('figure.hero')].map((element) => ['hero figure', element] as const),
        ...[...document.querySelectorAll('.pull-quote')].map((element) => ['pull quote', element] as const),
        ...[...document.images].map((image) => [`img ${image.getAttribute('src')}`, image] as const),
      ].map(([what, element]) => ({ what, left: element.getBoundingClientRect().left, right: element.getBoundingClientRect().right })),
    }));
    const violations = { light: await axe(page), dark: [] as AxeViolation[] };
    // Dark changes only colours: the rules about colour are the ones to run again.
    await page.emulateMedia({ colorScheme: 'dark' });
    violations.dark = await axe(page, colourRules);
    const responses = await Promise.all(bodies);

    // The screenshots show the page as it is meant to look, in the web fonts (scrollThrough waits
    // for them).
    await page.unroute('**/*.woff2');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload({ waitUntil: 'load' });
    await scrollThrough(page);
    await page.screenshot({ path: join(screenshots, `${name}-${viewport}-light.jpg`), fullPage: true, quality: 85 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(screenshots, `${name}-${viewport}-dark.jpg`), fullPage: true, quality: 85 });

    const sum = (type: string) => responses.filter((response) => response.type === type).reduce((total, response) => total + response.bytes, 0);
    return {
      page: name,
      viewport,
      violations,
      ...measured,
      bytes: {
        document: sum('document'),
        stylesheets: sum('stylesheet'),
        scripts: sum('script'),
        fonts: sum('font'),
        fontFiles: responses.filter((response) => response.type === 'font').map((response) => response.url.split('/').pop()!),
      },
    };
  } finally {
    await context.close();
  }
}

// Scrolls to the end two screens at a time (Chrome fetches lazy pictures well before they show), so
// every picture loads and any shift it causes is counted; waits for fonts and pictures; back to the top.
async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += 2 * window.innerHeight) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await document.fonts.ready;
    await Promise.race([
      Promise.all(
        [...document.images].map((image) =>
          image.complete
            ? undefined
            : new Promise((resolve) => {
                image.addEventListener('load', resolve, { once: true });
                image.addEventListener('error', resolve, { once: true });
              }),
        ),
      ),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]);
    window.scrollTo(0, 0);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}

// axe-core's rules that read colours: contrast of text, and links told apart from text by colour alone.
const colourRules = ['color-contrast', 'link-in-text-block'];

/** axe-core's violations on the page: every rule of `axeTags`, or only the rules named. */
async function axe(page: Page, rules?: string[]): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const runOnly = rules ? { type: 'rule', values: rules } : { type: 'tag', values: axeTags };
  return page.evaluate(
    (runOnly) =>
      (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe
        .run(document, { runOnly, resultTypes: ['violations'] })
        .then((results) => results.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })) }))),
    runOnly,
  );
}

function describeViolations(visit: Visit, scheme: (typeof schemes)[number]): string[] {
  return visit.violations[scheme].map((violation) => {
    const nodes = violation.nodes
      .slice(0, 5)
      .map((node) => `      ${node.target.join(' ')}\n        ${(node.failureSummary ?? '').replace(/\n\s*/g, ' ')}`)
      .join('\n');
    return `${visit.page} (${pages[visit.page]}) at ${visit.viewport}, ${scheme}: ${violation.id} [${violation.impact}] ${violation.help}\n${nodes}`;
  });
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

describe('every page type at phone and desktop widths', () => {
  test('should have no axe-core violations (WCAG 2.x A and AA, best practice) in light, nor of colour in dark', () => {
    assert.equal(visits.length, Object.keys(pages).length * Object.keys(viewports).length);
    const found = visits.flatMap((visit) => schemes.flatMap((scheme) => describeViolations(visit, scheme)));
    assert.deepEqual(found, [], `axe-core found:\n${found.join('\n')}`);
  });

  test('should never scroll sideways', () => {
    const wide = visits.filter((visit) => visit.scrollWidth > visit.innerWidth).map((visit) => `${visit.page} at ${visit.viewport}: ${visit.scrollWidth}px in ${visit.innerWidth}px`);
    assert.deepEqual(wide, []);
  });

  test('should keep the hero, the pull quote and every picture inside the window', () => {
    const article = visits.filter((visit) => visit.page === 'article');
    for (const visit of article) {
      assert.ok(visit.boxes.some((box) => box.what === 'hero figure'), 'the article has its hero');
      assert.ok(visit.boxes.some((box) => box.what === 'pull quote'), 'the article has its pull quote');
    }
    const outside = visits.flatMap((visit) =>
      visit.boxes.filter((box) => box.left < -0.5 || box.right > visit.innerWidth + 0.5).map((box) => `${visit.page} at ${visit.viewport}: ${box.what} spans ${box.left}–${box.right} of ${visit.innerWidth}px`),
    );
    assert.deepEqual(outside, []);
  });

  test('should load no script but small deferred files and JSON data', () => {
    for (const visit of visits) {
      for (const script of visit.scripts) {
        const data = script.type === 'application/ld+json' || script.type === 'application/json';
        assert.ok(data || (script.src && script.deferred), `${visit.page}: every script is data or a deferred file (${JSON.stringify(script)})`);
      }
      assert.ok(visit.bytes.scripts < 10 * 1024, `${visit.page}: ${visit.bytes.scripts} bytes of script`);
    }
    assert.ok(visits.some((visit) => visit.scripts.some((script) => script.src)), 'the search page’s script is seen');
  });

  test('should not shift the layout as fonts and pictures arrive, the fonts after the first paint (CLS under 0.01)', (t) => {
    t.diagnostic(visits.map((visit) => `${visit.page}@${visit.viewport} ${visit.cls.toFixed(4)}`).join(', '));
    const early = visits.filter((visit) => !(visit.fontTiming.firstFont > visit.fontTiming.firstPaint)).map((visit) => `${visit.page} at ${visit.viewport}: ${JSON.stringify(visit.fontTiming)}`);
    assert.deepEqual(early, [], 'every page painted before its fonts came, so their swap is measured');
    const shifting = visits.filter((visit) => visit.cls >= clsBudget).map((visit) => `${visit.page} at ${visit.viewport}: CLS ${visit.cls.toFixed(4)}`);
    assert.deepEqual(shifting, []);
  });

  test('should download under 150 KB of fonts on any page', (t) => {
    t.diagnostic(visits.map((visit) => `${visit.page}@${visit.viewport} ${kib(visit.bytes.fonts)} (${visit.bytes.fontFiles.length} files)`).join(', '));
    for (const visit of visits) {
      assert.ok(visit.bytes.fonts > 0, `${visit.page} at ${visit.viewport} loads its web fonts`);
      assert.ok(visit.bytes.fonts < fontBudget, `${visit.page} at ${visit.viewport}: ${kib(visit.bytes.fonts)} of fonts (${visit.bytes.fontFiles.join(', ')})`);
    }
  });

  test('should keep the longest article’s HTML and CSS under 35 KB before compression', (t) => {
    const seen = new Map(visits.map((visit) => [visit.page, visit]));
    t.diagnostic([...seen.values()].map((visit) => `${visit.page}: HTML ${visit.bytes.document} + CSS ${visit.bytes.stylesheets} = ${visit.bytes.document + visit.bytes.stylesheets} bytes`).join(', '));
    for (const visit of visits.filter((visit) => visit.page === 'article')) {
      const total = visit.bytes.document + visit.bytes.stylesheets;
      assert.ok(visit.bytes.stylesheets > 0, 'the article links its stylesheet');
      assert.ok(total < htmlAndCssBudget, `the article at ${visit.viewport}: HTML ${kib(visit.bytes.document)} + CSS ${kib(visit.bytes.stylesheets)} = ${kib(total)}`);
    }
  });
});

describe('with JavaScript off', () => {
  let context: BrowserContext;
  before(async () => {
    context = await browser.newContext({ javaScriptEnabled: false, viewport: viewports.mobile });
  });
  after(async () => {
    await context?.close();
  });

  test('should show every page’s text, navigation and pictures with their sizes and alt text', async () => {
    const page = await context.newPage();
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(server.url + path);
      const shown = await page.evaluate(() => ({
        h1: document.querySelectorAll('h1').length,
        text: (document.querySelector('main') as HTMLElement).innerText.trim().length,
        nav: [...document.querySelectorAll<HTMLAnchorElement>('.site-nav a')].map((link) => link.getAttribute('href')),
        skip: document.querySelector<HTMLAnchorElement>('.skip-link')?.getAttribute('href'),
        images: [...document.images].map((image) => ({ src: image.getAttribute('src'), width: image.getAttribute('width'), height: image.getAttribute('height'), alt: image.getAttribute('alt') })),
      }));
      assert.equal(shown.h1, 1, `${name} has one h1`);
      assert.ok(shown.text > 10, `${name} shows its text`);
      assert.ok(shown.nav.length >= 4 && shown.nav.every((href) => href?.startsWith('/')), `${name} has the section links`);
      assert.equal(shown.skip, '#main');
      for (const image of shown.images) {
        assert.ok(Number(image.width) > 0 && Number(image.height) > 0, `${name}: ${image.src} has width and height`);
        assert.ok(image.alt !== null, `${name}: ${image.src} has alt`);
      }
    }
    await page.close();
  });

  test('should read the whole article and reach every section from its links', async () => {
    const page = await context.newPage();
    await page.goto(server.url + pages.article);
    assert.ok((await page.locator('.article-body p').count()) > 20);
    assert.ok(await page.locator('figure.hero img').isVisible());
    assert.ok(await page.locator('.related a').first().isVisible());
    for (const href of await page.locator('.site-nav a').evaluateAll((links) => links.map((link) => link.getAttribute('href')!))) {
      const response = await page.goto(server.url + href);
      assert.equal(response?.status(), 200, href);
      assert.ok((await page.locator('main article').count()) > 0, `${href} lists stories`);
    }
    await page.close();
  });

  test('should offer search as a plain form that says it needs JavaScript for instant results', async () => {
    const page = await context.newPage();
    await page.goto(server.url + pages.search);
    const form = page.locator('form[role=search]');
    assert.equal(await form.getAttribute('method'), 'get');
    assert.ok(await page.locator('label[for=search-query]').isVisible());
    assert.ok(await page.locator('.search-no-script').isVisible());
    assert.ok((await page.locator('.search-latest article').count()) > 0, 'the latest stories are there to read');
    await page.close();
  });
});

test('should show where the keyboard is: a skip link first, then a visible outline', async () => {
  for (const scheme of schemes) {
    const context = await browser.newContext({ viewport: viewports.mobile, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(server.url + pages.article);
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const link = document.activeElement as HTMLElement;
      const box = link.getBoundingClientRect();
      return { className: link.className, width: box.width, top: box.top, outline: getComputedStyle(link).outlineStyle };
    });
    assert.equal(skip.className, 'skip-link', `${scheme}: the first Tab reaches the skip link`);
    assert.ok(skip.width > 40 && skip.top >= 0, `${scheme}: the skip link shows when focused`);
    assert.equal(skip.outline, 'solid');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement;
      const style = getComputedStyle(element);
      return { inMain: Boolean(element.closest('main')), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.ok(next.inMain, `${scheme}: the next Tab goes on inside the content`);
    assert.equal(next.outline, 'solid');
    assert.ok(next.width >= 2, `${scheme}: the focus outline is at least 2px`);
    await context.close();
  }
});

describe('bidi: Latin names, numbers and other languages inside Arabic', () => {
  let site: { url: string; close(): Promise<void> };

  before(async () => {
    site = await serveDirectory(await bidiSite);
  });
  after(async () => {
    await site?.close();
  });

  // Where `words` stand inside `selector`'s text: the left edge and the line (top) of each.
  async function places(page: Page, selector: string, words: string[]): Promise<{ left: number; top: number }[]> {
    return page.locator(selector).first().evaluate((element, words) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const texts: Text[] = [];
      while (walker.nextNode()) texts.push(walker.currentNode as Text);
      return words.map((word) => {
        const node = texts.find((text) => text.data.includes(word))!;
        const range = document.createRange();
        range.setStart(node, node.data.indexOf(word));
        range.setEnd(node, node.data.indexOf(word) + word.length);
        const box = range.getClientRects()[0]!;
        return { left: box.left, top: Math.round(box.top) };
      });
    }, words);
  }

  // Each word after the one before it for a right-to-left reader: further left on the same line, or
  // on a later line.
  function assertReadsRightToLeft(words: string[], found: { left: number; top: number }[]): void {
    for (let i = 1; i < words.length; i++) {
      const [before, after] = [found[i - 1]!, found[i]!];
      assert.ok(after.top > before.top || (after.top === before.top && after.left < before.left), `«${words[i]}» comes after «${words[i - 1]}»: ${JSON.stringify(found)}`);
    }
  }

  test('should isolate headlines, names, tags and the source, pinning a headline that opens with a Latin name right to left', async () => {
    const context = await browser.newContext({ viewport: viewports.desktop });
    const page = await context.newPage();
    await page.goto(`${site.url}/world/siemens/`);
    assert.equal(await page.locator('h1 > bdi').innerText(), mixedTitle);
    assert.equal(await page.locator('h1 > bdi').getAttribute('dir'), null, 'its first letter is Arabic: the browser’s guess is right');
    assert.deepEqual(await page.locator('.byline bdi').allInnerTexts(), ['John Smith', 'ليلى حداد']);
    assert.deepEqual(await page.locator('.tag-list a bdi').allInnerTexts(), ['Siemens', 'ألمانيا']);
    assert.equal(await page.locator('.source-line bdi').innerText(), 'Financial Times');
    assert.equal(await page.locator('.related a.headline bdi').getAttribute('dir'), 'rtl', 'an Arabic headline that opens with a Latin name');

    // Read right to left: «شركة», «Siemens», «تعلن» …, the bracket with the percentage last.
    const mixedWords = ['شركة', 'Siemens', 'تعلن', 'بـ2.5', 'دولار', '(+15%)'];
    assertReadsRightToLeft(mixedWords, await places(page, 'h1', mixedWords));

    await page.goto(`${site.url}/world/siemens-record/`);
    assert.equal(await page.locator('h1 > bdi').getAttribute('dir'), 'rtl');
    // The Latin name that opens the headline stands at its right, where the reader starts.
    assertReadsRightToLeft(['Siemens', 'تعلن'], await places(page, 'h1', ['Siemens', 'تعلن']));

    await page.goto(`${site.url}/`);
    const titles = await page.locator('.teaser-title').evaluateAll((headings) =>
      headings.map((heading) => [heading.textContent, heading.querySelector('bdi') ? (heading.querySelector('bdi')!.getAttribute('dir') ?? 'auto') : 'none']),
    );
    assert.ok(titles.length >= 2);
    for (const [title, dir] of titles) assert.equal(dir, title === latinFirstTitle ? 'rtl' : 'auto', `${title} is isolated`);
    await context.close();
  });

  test('should give a passage marked `[…]{lang=…}` its language and direction, and web addresses and code their own', async () => {
    const context = await browser.newContext({ viewport: viewports.mobile });
    const page = await context.newPage();
    await page.goto(`${site.url}/world/siemens/`);
    const span = page.locator('.article-body span[lang=de]');
    assert.equal(await span.innerText(), 'Ingenuity for life!');
    assert.equal(await span.getAttribute('dir'), 'ltr');
    const paragraph = page.locator('.article-body p[lang=en]');
    assert.equal(await paragraph.innerText(), 'The results beat every forecast.');
    assert.equal(await paragraph.getAttribute('dir'), 'ltr');
    assert.equal(await paragraph.evaluate((element) => getComputedStyle(element).textAlign), 'start');
    assert.equal(await page.locator('.article-body a[href="http://www.siemens.com/ar/"]').getAttribute('dir'), 'ltr');
    assert.equal(await page.locator('.article-body code').evaluate((element) => `${getComputedStyle(element).direction} ${getComputedStyle(element).unicodeBidi}`), 'ltr isolate');
    // An Arabic paragraph that opens with a Latin name stays right to left, the name at its right:
    // no `dir="auto"` in the body, which would turn it left to right.
    assert.equal(await page.locator('.article-body p').first().evaluate((element) => getComputedStyle(element).direction), 'rtl');
    assertReadsRightToLeft(['Roland', 'المدير'], await places(page, '.article-body p', ['Roland', 'المدير']));
    assert.equal(await page.locator('.article-body [dir=auto]').count(), 0);
    await context.close();
  });
});
