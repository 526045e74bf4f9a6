import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { article, makeTree, runCli, siteYaml } from './helpers/site.ts';

const story = (title: string, extra = '', body = 'فقرة الخبر.\n') =>
  article(`title: "${title}"\ndate: 2026-11-20T09:30:00+03:00\nsection: world\n${extra}`, body);

test('should scaffold a new article named after its Arabic title, as a draft dated now in the site zone', async () => {
  const root = await makeTree({ 'content/site.yaml': siteYaml });
  const run = await runCli(['new', 'الحكومة تُقرّ موازنة العام المقبل!', '--section', 'world'], root);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'content/articles/world/الحكومة-تقر-موازنة-العام-المقبل.md');
  const text = await readFile(join(root, run.stdout.trim()), 'utf8');
  assert.match(text, /^---\ntitle: "الحكومة تُقرّ موازنة العام المقبل!"\ndate: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[23]:00\nsection: world\n/);
  assert.match(text, /\ndraft: true\n---\n/);
  // It passes the checks as it is.
  assert.equal((await runCli(['check', '--format', 'json'], root)).code, 0);
  const again = await runCli(['new', 'الحكومة تُقرّ موازنة العام المقبل!', '--section', 'world'], root);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists/);
  const wrong = await runCli(['new', 'خبر', '--section', 'sport'], root);
  assert.equal(wrong.code, 2);
  assert.equal(wrong.stderr.trim(), 'matbaa: unknown section `sport`; the sections are middle-east, world');
});

test('should check every faulty file at once, as text or JSON, exiting 1 on errors only', async () => {
  const root = await makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/world/a.md': story('خبر أول', '', 'قال الوزير ,إن الوضع صعب?\n'),
    'content/articles/world/b.md': story('خبر ثان', '', 'انظر [الخبر](./missing.md).\n'),
    'content/articles/world/c.md': story('خبر ثالث', 'colour: red'),
    'content/articles/world/d.md': story('خبر رابع', '', 'فقرة.\n\n![صورة المرفأ](/images/missing.jpg "المرفأ (رويترز)")\n'),
  });
  const run = await runCli(['check'], root);
  assert.equal(run.code, 1);
  const lines = run.stdout.trim().split('\n');
  assert.ok(lines.includes('content/articles/world/b.md:7:6  error  Cannot find article `articles/world/missing.md`, expected a path to an existing article  missing-article'), run.stdout);
  assert.ok(lines.some((l) => l.startsWith('content/articles/world/c.md:5:1  error  Unexpected key `colour`')), run.stdout);
  assert.ok(lines.some((l) => /^content\/articles\/world\/a\.md:7:\d+  warning  .*  arabic-question-mark$/.test(l)), run.stdout);
  assert.ok(lines.some((l) => l.startsWith('content/articles/world/d.md:9:1  error  Cannot find image `/images/missing.jpg`')), run.stdout);
  assert.equal(lines.at(-1), `3 errors, ${lines.length - 4} warnings`);

  const json = await runCli(['check', '--format', 'json'], root);
  const records = JSON.parse(json.stdout) as { file: string; line: number; column: number; severity: string; ruleId: string }[];
  assert.deepEqual(new Set(records.map((r) => r.file)), new Set(['content/articles/world/a.md', 'content/articles/world/b.md', 'content/articles/world/c.md', 'content/articles/world/d.md']));
  assert.ok(records.every((r) => r.line > 0 && r.column > 0 && r.ruleId));

  const warningsOnly = await makeTree({ 'content/site.yaml': siteYaml, 'content/articles/world/a.md': story('خبر', '', 'قال الوزير, إن الوضع صعب.\n') });
  assert.equal((await runCli(['check'], warningsOnly)).code, 0);
});

test('should make the safe fixes with --fix and leave the rest as messages', async () => {
  const root = await makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/world/a.md': story('خبر', '', '\u00a0قال الوزير,  إن الوضع صعب? «وغير مسبوق.\n'),
  });
  const run = await runCli(['check', '--fix'], root);
  assert.equal(run.code, 0, run.stdout);
  const fixed = await readFile(join(root, 'content/articles/world/a.md'), 'utf8');
  assert.ok(fixed.endsWith('\nقال الوزير، إن الوضع صعب؟ «وغير مسبوق.\n'), JSON.stringify(fixed));
  assert.match(run.stdout, /unbalanced-pairs/);
  assert.match(run.stdout.trim().split('\n').at(-1)!, /fixed 1 file$/);
});

test('should keep drafts out of a normal build and show them with a banner and noindex under --drafts', async () => {
  const files = { 'content/site.yaml': siteYaml, 'content/articles/world/draft.md': story('مسودة', 'draft: true'), 'content/articles/world/live.md': story('منشور') };
  const root = await makeTree(files);
  assert.equal((await runCli(['build'], root)).code, 0);
  assert.deepEqual((await readdir(join(root, 'dist/world'))).filter((n) => !n.includes('.')).sort(), ['live']);
  const preview = await runCli(['build', '--drafts', '--out', 'preview'], root);
  assert.equal(preview.code, 0, preview.stderr);
  const page = fromHtml(await readFile(join(root, 'preview/world/draft/index.html'), 'utf8'));
  assert.equal(select('meta[name=robots]', page)!.properties.content, 'noindex');
  assert.ok(select('.draft-banner', page), 'a banner says it is a draft');
});

test('should hold back an article dated in the future and say when the next one is due', async () => {
  const root = await makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/world/now.md': story('الآن'),
    'content/articles/world/later.md': article('title: "لاحقاً"\ndate: 2999-01-01T09:00:00+03:00\nsection: world'),
    'content/articles/world/much-later.md': article('title: "بعد ذلك"\ndate: 3000-01-01T09:00:00+03:00\nsection: world'),
  });
  const run = await runCli(['build', '--quiet'], root);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Held back 2 scheduled articles; the next, content\/articles\/world\/later\.md, is due at 2999-01-01T09:00:00\+03:00\./);
  assert.deepEqual((await readdir(join(root, 'dist/world'))).filter((n) => !n.includes('.')).sort(), ['now']);
  assert.equal((await runCli(['build', '--future', '--out', 'all'], root)).code, 0);
  assert.deepEqual((await readdir(join(root, 'all/world'))).filter((n) => !n.includes('.')).sort(), ['later', 'much-later', 'now']);
});

test('should show a correction at the foot of the article and use its time as dateModified', async () => {
  const root = await makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/world/fixed.md': story('خبر مصحح', 'updated: 2026-11-21T10:00:00+03:00\ncorrection: "صُحّح اسم الوزير."'),
    'content/articles/world/bad.md': story('خبر', 'correction: "بلا وقت"'),
  });
  const failed = await runCli(['build'], root);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /bad\.md:5:13: error: Invalid `correction`: expected `updated` with the time of the correction/);
  await writeFile(join(root, 'content/articles/world/bad.md'), story('خبر'));
  const built = await runCli(['build'], root);
  assert.equal(built.code, 0, built.stderr);
  const page = fromHtml(await readFile(join(root, 'dist/world/fixed/index.html'), 'utf8'));
  assert.match(toString(select('.correction', page)!), /تصحيح.*21 تشرين الثاني\/نوفمبر 2026.*صُحّح اسم الوزير\./);
  const jsonLd = JSON.parse(toString(select('script[type="application/ld+json"]', page)!));
  assert.equal(jsonLd.dateModified, '2026-11-21T10:00:00+03:00');
  assert.equal(jsonLd.correction, 'صُحّح اسم الوزير.');
});

test('should show a progress line on a terminal and only the plain summary with --quiet', async () => {
  const { main } = await import('../src/cli.ts');
  const files: Record<string, string> = { 'content/site.yaml': siteYaml };
  for (let i = 0; i < 5; i++) files[`content/articles/world/s${i}.md`] = story(`خبر ${i}`);
  const root = await makeTree(files);
  const run = async (args: string[]) => {
    const out: string[] = [];
    const progress: string[] = [];
    const code = await main(['build', '--content', join(root, 'content'), '--out', join(root, 'dist'), ...args], {
      out: (line) => out.push(line),
      err: (line) => out.push(line),
      progress: (text) => progress.push(text),
    });
    return { code, out, progress };
  };
  const live = await run([]);
  assert.equal(live.code, 0);
  assert.match(live.progress.filter(Boolean).at(-1)!, /^5\/5 articles, \d+\/s, 0 s left$/);
  assert.equal(live.progress.at(-1), '', 'the line is cleared before the summary');
  const quiet = await run(['--quiet']);
  assert.deepEqual(quiet.progress, []);
  assert.match(quiet.out.join('\n'), /^Built 5 articles, 1 home page, \d+ listing pages, 1 archive index, 1 404 page, 1 search page into .* in \d+\.\d+ s; 0 warnings, 0 errors\.$/m);
});
