// Big and deep input, generated here rather than committed: each run's time and peak memory are
// reported (`# …` lines in the test output). Time is never asserted (a ceiling only catches a hang);
// memory is: no input may take the build past 1.5 GB.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRun, removeCase, runCli, seedPreviousOutput, treeState, writeFiles, type RunExpectation } from './harness.ts';

const siteYaml = `name: موقع الاختبار
baseUrl: https://test.example/
timeZone: Asia/Beirut
sections:
  world: العالم
`;

function article(title: string, body: string): string {
  return `---\ntitle: "${title}"\ndate: 2026-11-20T09:30:00+03:00\nsection: world\n---\n\n${body}`;
}

// The body starts on line 7 of these articles.
const bodyLine = 7;

// Runs a generated site through the CLI, checks it, and reports its time and peak memory.
async function buildGenerated(t: TestContext, files: Record<string, string>, expect: RunExpectation, ceiling: number): Promise<void> {
  const root = join(await mkdtemp(join(tmpdir(), 'matbaa-hostile-')), 'site');
  t.after(() => removeCase(root));
  await writeFiles(root, { 'content/site.yaml': siteYaml, ...files });
  await seedPreviousOutput(root);
  const before = await treeState(root);
  const run = await runCli(['build'], root, ceiling);
  t.diagnostic(`${(run.seconds).toFixed(1)} s, peak ${run.peakMb.toFixed(0)} MB (exit ${run.code})`);
  await checkRun(root, run, expect, t.name);
  assert.ok(run.peakMb < memoryCeilingMb, `peak memory ${run.peakMb.toFixed(0)} MB, expected under ${memoryCeilingMb} MB`);
  const kept = (state: Record<string, string>) => Object.fromEntries(Object.entries(state).filter(([path]) => expect.code !== 0 || !path.startsWith('dist/')));
  assert.deepEqual(kept(await treeState(root)), kept(before), 'only the output may change, and only on success');
}

const memoryCeilingMb = 1536;

const n = 10_000;

test('should refuse quotes and lists nested 10,000 deep with a message naming the limit, at the line that passes it', async (t) => {
  const indented = Array.from({ length: 1_000 }, (_, depth) => `${'  '.repeat(depth)}- بند`).join('\n');
  await buildGenerated(
    t,
    {
      'content/articles/quotes.md': article('اقتباسات', `${'>'.repeat(n)} نص\n`),
      'content/articles/spaced-quotes.md': article('اقتباسات', `${'> '.repeat(n)}نص\n`),
      'content/articles/bullets.md': article('قائمة', `${'- '.repeat(n)}بند\n`),
      'content/articles/numbers.md': article('قائمة', `${'1. '.repeat(n)}بند\n`),
      'content/articles/mixed.md': article('مختلط', `${'> - '.repeat(n / 2)}نص\n`),
      'content/articles/indented.md': article('قائمة', `${indented}\n`),
      // Below the limit by a little: built as Markdown says.
      'content/articles/deep-but-fine.md': article('عميق', `${'> '.repeat(90)}نص\n`),
    },
    {
      code: 1,
      stderr: [
        ...['quotes', 'spaced-quotes', 'bullets', 'numbers', 'mixed'].map(
          (name) => `/^content\\/articles\\/${name}.md:${bodyLine}:1: error: Unexpected quotes and lists nested [\\d,]+ levels deep, expected at most 100  max-nesting$/`,
        ),
        // Two columns of indent a level: line 101 of the body is the first past 100.
        `/^content\\/articles\\/indented.md:${bodyLine + 100}:1: error: Unexpected quotes and lists nested 101 levels deep, expected at most 100  max-nesting$/`,
        `/^content\\/articles\\/indented.md:${bodyLine}:1: error: Unexpected paragraph of more than 200,000 characters, expected a blank line between paragraphs  max-block-length$/`,
        '/^Build failed: 7 errors in 6 files; dist was left as it was\\.$/',
      ],
      stderrLines: 8,
    },
    120,
  );
});

// cmark's pathological tests (test/pathological_tests.py), 30,000 repetitions where cmark uses them.
const pathological: Record<string, string> = {
  'nested-strong-emphasis': `${'*a **a '.repeat(30_000)}b${' a** a*'.repeat(30_000)}`,
  'emphasis-closers-without-openers': 'a_ '.repeat(30_000),
  'emphasis-openers-without-closers': '_a '.repeat(30_000),
  'openers-and-closers-multiple-of-3': `a**b${'c* '.repeat(30_000)}`,
  'link-closers-without-openers': 'a]'.repeat(30_000),
  'link-openers-without-closers': '[a'.repeat(30_000),
  'link-openers-and-emphasis-closers': '[ a_'.repeat(30_000),
  'mismatched-openers-and-closers': '*a_ '.repeat(30_000),
  'bracket-parenthesis': '[ (]('.repeat(30_000),
  'nested-brackets': `${'['.repeat(30_000)}a${']'.repeat(30_000)}`,
  'backticks': Array.from({ length: 2_000 }, (_, i) => `e${'`'.repeat(i + 1)}`).join(''),
  'unclosed-links-a': '[a](<b'.repeat(30_000),
  'unclosed-links-b': '[a](b'.repeat(30_000),
  'unclosed-comments': `</${'<!--'.repeat(30_000)}`,
  'runs-of-star-a': '*a'.repeat(30_000),
  'runs-of-link-openers': '[a]('.repeat(30_000),
  'emphasis-run': `${'*'.repeat(30_000)}a${'*'.repeat(30_000)}`,
  'long-paragraph': `${'كلمة '.repeat(60_000)}`,
};

// Not slow to parse, but each line and each marker is nodes in memory: limits on the whole article.
const crowded: Record<string, [string, string]> = {
  'many-lines': ['سطر.\n\n'.repeat(60_000), `${bodyLine + 100_000}:1: error: Unexpected line of text number 50,001, expected at most 50,000 in one article, or the article split in parts  max-lines`],
  'many-items': ['- بند\n'.repeat(12_000), `${bodyLine + 10_000}:1: error: Unexpected list item number 10,001, expected at most 10,000 in one article  max-list-items`],
  'much-markup': ['**كلمة** '.repeat(100).concat('\n\n').repeat(60), `${bodyLine + 100}:1: error: Unexpected article with more than 20,000 markup characters \\(.*\\), expected fewer, or the article split in parts  max-markup`],
};

test('should refuse cmark’s pathological inline patterns before parsing them, naming the limit', async (t) => {
  const files = Object.fromEntries(
    [...Object.entries(pathological), ...Object.entries(crowded).map(([name, [body]]) => [name, body] as const)].map(([name, body]) => [`content/articles/${name}.md`, article(name, `${body}\n`)]),
  );
  await buildGenerated(
    t,
    files,
    {
      code: 1,
      stderr: [
        ...Object.keys(pathological)
          .filter((name) => name !== 'long-paragraph')
          .map((name) => `/^content\\/articles\\/${name}.md:${bodyLine}:1: error: Unexpected paragraph with more than 500 markup characters \\(.*\\), expected fewer, or a blank line between paragraphs  max-block-markup$/`),
        `/^content\\/articles\\/long-paragraph.md:${bodyLine}:1: error: Unexpected paragraph of more than 200,000 characters, expected a blank line between paragraphs  max-block-length$/`,
        ...Object.entries(crowded).map(([name, [, message]]) => `/^content\\/articles\\/${name}.md:${message}$/`),
      ],
    },
    120,
  );
});

test('should build the most crowded Markdown the limits allow in linear-ish time', async (t) => {
  const blocks = (unit: string, count: number) => `${unit.repeat(count)}\n\n`.repeat(40);
  await buildGenerated(
    t,
    {
      // 40 paragraphs each just under 500 markup characters, in the patterns that cost micromark most.
      'content/articles/emphasis.md': article('تشديد', blocks('*a* ', 124)),
      'content/articles/nested-emphasis.md': article('تشديد', `${'*a **a '.repeat(80)}b${' a** a*'.repeat(80)}\n\n`.repeat(40)),
      'content/articles/mismatched.md': article('تشديد', blocks('*a_ ', 249)),
      'content/articles/nul.md': article('محارف', `${'abc\u0000de\u0000'.repeat(20_000)}\n`),
      'content/articles/items.md': article('قائمة', '- بند\n'.repeat(10_000)),
      'content/articles/definitions.md': article(
        'مراجع',
        `${Array.from({ length: 3_000 }, (_, i) => `[d${i}]: https://example.com/${i}`).join('\n\n')}\n\n${Array.from({ length: 3_000 }, (_, i) => `[مرجع][d${i}]`).join('\n\n')}\n`,
      ),
      'content/articles/quotes.md': article('اقتباس', `${'> '.repeat(99)}نص\n`),
    },
    { code: 0, stdout: ['/^Built 7 articles, /'], files: { 'dist/world/quotes/index.html': ['نص'] } },
    600,
  );
});

// Three articles of 5 MB among fifty short ones, so the worker pool renders them: each long one takes
// about a gigabyte while it renders, and the build never renders two at once.
test('should build three 5 MB articles among short ones under 1.5 GB', async (t) => {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 5 * 1024 * 1024; i++) {
    const part =
      i % 40 === 0
        ? `## عنوان فرعي رقم ${i}\n\n`
        : i % 40 === 10
          ? `> اقتباس من مصدر رقم ${i} في هذا التقرير الطويل.\n\n`
          : i % 40 === 20
            ? `- البند الأول ${i}\n- البند الثاني\n- البند الثالث\n\n`
            : i % 20 === 5
              ? `فقرة رقم ${i} فيها **كلام مهم** و[رابط](https://example.com/${i}) ثم نص عادي يكمل السطر حتى نهايته.\n\n`
              : `فقرة عادية رقم ${i} من نص التقرير الطويل الذي يكتبه المحرر، بلا تنسيق ولا روابط، كما تأتي معظم الفقرات.\n\n`;
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  const long = parts.join('');
  const files: Record<string, string> = {};
  for (const name of ['long-1', 'long-2', 'long-3']) files[`content/articles/${name}.md`] = article(`تقرير طويل ${name.at(-1)}`, long);
  for (let i = 1; i <= 50; i++) files[`content/articles/short-${i}.md`] = article(`خبر قصير ${i}`, `فقرة الخبر القصير رقم ${i}.\n`);
  await buildGenerated(
    t,
    files,
    { code: 0, stdout: ['/^Built 53 articles, /'], files: { 'dist/world/long-2/index.html': ['عنوان فرعي رقم 40', 'فقرة عادية رقم 1 '], 'dist/world/short-50/index.html': ['رقم 50'] } },
    900,
  );
});
