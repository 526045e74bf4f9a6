// `matbaa dev` for real: the command started on a free loopback port over a temporary site, its pages
// fetched, its HMR WebSocket listened to while the content, a template and the stylesheet are edited,
// broken and fixed. It runs from a copy of the project, so the test can edit templates and CSS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, cp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectHmr, type HmrSocket } from './helpers/hmr-socket.ts';
import { article, makeTree, repoRoot, siteYaml } from './helpers/site.ts';
import { main } from '../src/cli.ts';

const summit = (title: string, body = 'فقرة أولى من الخبر.\n') =>
  article(
    `title: "${title}"\ndate: 2026-11-20T09:30:00+03:00\nsection: world\ntags: ["قمة"]\nimage:\n  src: /images/summit.jpg\n  alt: "قاعة القمة"`,
    body,
  );

let root: string;
let dev: ChildProcess;
let url: string;
let hmr: HmrSocket;
let stderr = '';

before(async () => {
  root = await makeTree({
    'content/site.yaml': siteYaml,
    'content/articles/world/summit.md': summit('القمة تبدأ أعمالها'),
    'content/articles/world/plan.md': article(`title: "خطة لم تُنشر بعد"\ndate: 2026-11-21T09:30:00+03:00\nsection: world\ndraft: true`),
    'content/articles/middle-east/future.md': article(`title: "خبر مجدول"\ndate: 2099-01-01T09:00:00+03:00\nsection: middle-east`),
    // Any bytes do: the dev server serves content files as they are.
    'content/images/summit.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
  });
  for (const part of ['bin', 'src', 'templates', 'public', 'package.json', 'tsconfig.json']) await cp(join(repoRoot, part), join(root, 'project', part), { recursive: true });
  await symlink(join(repoRoot, 'node_modules'), join(root, 'project/node_modules'));
  dev = spawn(process.execPath, [join(root, 'project/bin/matbaa.js'), 'dev', '--port', '0'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  dev.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    dev.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const printed = /^matbaa dev: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(stdout);
      if (printed) resolve(printed[1]!);
    });
    dev.once('exit', (code) => reject(new Error(`matbaa dev exited with ${code}: ${stderr}`)));
  });
  hmr = await connectHmr(url);
});

after(async () => {
  hmr?.close();
  if (dev && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev.once('exit', resolve));
    dev.kill('SIGINT');
    await exited;
  }
  if (root) await rm(root, { recursive: true, force: true });
});

const page = async (path: string) => {
  const response = await fetch(new URL(path, url), { redirect: 'manual' });
  return { status: response.status, html: await response.text(), response };
};

test('should print its URL on a free loopback port and render an article with the source stylesheet and Vite’s client', async () => {
  const { status, html } = await page('/world/summit/');
  assert.equal(status, 200);
  assert.match(html, /<h1 class="article-headline"><bdi>القمة تبدأ أعمالها<\/bdi><\/h1>/);
  assert.match(html, /<link rel="stylesheet" href="\/templates\/styles\/site\.css">/);
  assert.match(html, /<script type="module" src="\/@vite\/client"><\/script>/);
});

test('should serve the home page, content pictures, a redirect to the slashed URL and the 404 page', async () => {
  const home = await page('/');
  assert.equal(home.status, 200);
  assert.match(home.html, /القمة تبدأ أعمالها/);
  const picture = await page('/images/summit.jpg');
  assert.equal(picture.status, 200);
  assert.equal(picture.response.headers.get('content-type'), 'image/jpeg');
  const unslashed = await page('/world/summit');
  assert.equal(unslashed.status, 301);
  assert.equal(unslashed.response.headers.get('location'), '/world/summit/');
  const missing = await page('/world/no-such-story/');
  assert.equal(missing.status, 404);
  assert.match(missing.html, /الصفحة غير موجودة/);
});

test('should show drafts and future articles, a draft with a banner saying it will not be published', async () => {
  const draft = await page('/world/plan/');
  assert.equal(draft.status, 200);
  assert.match(draft.html, /<p class="draft-banner" role="note" data-pagefind-ignore>مسودة — لن تُنشر<\/p>/);
  const future = await page('/middle-east/future/');
  assert.equal(future.status, 200);
  assert.doesNotMatch(future.html, /draft-banner/);
  assert.doesNotMatch((await page('/world/summit/')).html, /draft-banner/);
});

// Waits for a reload signalled after `since`, then for `path` to show what is expected: one save can fire
// the watcher more than once, and the browser reloads (and asks again) on each signal, as this does.
async function reloadedPage(since: number, path: string, expected: (result: Awaited<ReturnType<typeof page>>) => boolean) {
  const waitForReload = (mark: number) => hmr.waitFor('full-reload', mark).catch((error: Error) => Promise.reject(new Error(`${error.message}\nmatbaa dev printed:\n${stderr}`)));
  await waitForReload(since);
  for (;;) {
    const mark = hmr.messages.length;
    const result = await page(path);
    if (expected(result)) return result;
    await waitForReload(mark);
  }
}

test('should signal a reload and serve the new text after the article file is saved', async () => {
  const since = hmr.messages.length;
  await writeFile(join(root, 'content/articles/world/summit.md'), summit('القمة تختتم أعمالها', 'فقرة كتبت للتو.\n'));
  const { html } = await reloadedPage(since, '/world/summit/', (result) => result.status === 200 && result.html.includes('القمة تختتم أعمالها'));
  assert.match(html, /<p>فقرة كتبت للتو.<\/p>/);
});

test('should signal a reload for an added and a removed article, serving then dropping its page', async () => {
  const file = join(root, 'content/articles/world/extra.md');
  let since = hmr.messages.length;
  await writeFile(file, article(`title: "خبر إضافي"\ndate: 2026-11-22T09:30:00+03:00\nsection: world`));
  const added = await reloadedPage(since, '/world/extra/', (result) => result.status === 200);
  assert.match(added.html, /خبر إضافي/);
  since = hmr.messages.length;
  await unlink(file);
  await reloadedPage(since, '/world/extra/', (result) => result.status === 404);
});

test('should show broken front matter as an error page with file, line and column, and the page again once fixed', async () => {
  const file = join(root, 'content/articles/world/summit.md');
  let since = hmr.messages.length;
  await writeFile(file, summit('القمة تختتم أعمالها').replace('date: 2026-11-20', 'date: 2026-13-20'));
  await reloadedPage(since, '/world/summit/', (result) => result.status === 500);

  for (const path of ['/world/summit/', '/']) {
    const broken = await page(path);
    assert.equal(broken.status, 500, path);
    assert.match(broken.html, /<html lang="ar" dir="rtl">/);
    assert.match(broken.html, /<li class="problem" dir="ltr"><bdi class="place">content\/articles\/world\/summit\.md:3:7<\/bdi>  <span class="reason" dir="auto">Invalid `date`/);
    assert.match(broken.html, /<bdi class="rule">invalid-value<\/bdi>/);
    assert.match(broken.html, /3 \| date: 2026-13-20T09:30:00\+03:00/);
    // The error page listens for the fix like any page.
    assert.match(broken.html, /<script type="module" src="\/@vite\/client"><\/script>/);
  }
  assert.match(stderr, /^content\/articles\/world\/summit\.md:3:7: error: Invalid `date`.*invalid-value$/m);

  since = hmr.messages.length;
  await writeFile(file, summit('القمة تختتم أعمالها'));
  const fixed = await reloadedPage(since, '/world/summit/', (result) => result.status === 200);
  assert.match(fixed.html, /القمة تختتم أعمالها/);
});

test('should hot-update the stylesheet without reloading the page when a CSS file changes', async () => {
  // As a browser's <link> asks for it, which puts it in Vite's module graph.
  const css = await fetch(new URL('/templates/styles/site.css', url), { headers: { accept: 'text/css,*/*;q=0.1' } });
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  await css.text();
  const since = hmr.messages.length;
  await appendFile(join(root, 'project/templates/styles/base.css'), '\n.article-headline { letter-spacing: 0; }\n');
  const update = await hmr.waitFor('update', since);
  assert.deepEqual((update.updates as { type: string; path: string }[]).map(({ type, path }) => ({ type, path })), [{ type: 'css-update', path: '/templates/styles/site.css?direct' }]);
  assert.equal(hmr.messages.slice(since).some((message) => message.type === 'full-reload'), false);
});

test('should reload with the new markup when a template changes, and show a template that does not compile as an error page', async () => {
  const template = join(root, 'project/templates/article.tsx');
  const original = await readFile(template, 'utf8');
  let since = hmr.messages.length;
  await writeFile(template, original.replace('<h1 class="article-headline">', '<h1 class="article-headline" data-edited="yes">'));
  await reloadedPage(since, '/world/summit/', (result) => result.html.includes('data-edited="yes"'));

  since = hmr.messages.length;
  await writeFile(template, original.replace('<h1 class="article-headline">', '<h1 class="article-headline"'));
  const broken = await reloadedPage(since, '/world/summit/', (result) => result.status === 500);
  assert.match(broken.html, /<bdi class="place">project\/templates\/article\.tsx:\d+:\d+<\/bdi>/);
  assert.match(stderr, /^matbaa dev: project\/templates\/article\.tsx:\d+:\d+: /m);

  since = hmr.messages.length;
  await writeFile(template, original);
  const fixed = await reloadedPage(since, '/world/summit/', (result) => result.status === 200);
  assert.doesNotMatch(fixed.html, /data-edited/);
});

// The command's arguments, through `main` with buffers for streams (the server above is the child-process run).
const cli = async (args: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
};

test('should list every flag of dev with an example', async () => {
  const run = await cli(['dev', '--help']);
  assert.equal(run.code, 0);
  for (const flag of ['--content', '--port', '--host', '127.0.0.1', '4321', 'Example']) assert.match(run.stdout, new RegExp(flag));
});

test('should exit 2 with one line for an unknown flag, a bad port, a missing content directory or a port in use', async () => {
  const busy = new URL(url).port;
  const content = join(root, 'content');
  for (const args of [['dev', '--colour'], ['dev', '--port', 'http'], ['dev', '--port', '70000'], ['dev', '--content', join(root, 'nowhere')], ['dev', '--content', content, '--port', busy]]) {
    const run = await cli(args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /^matbaa: /);
  }
});

test('should stop on Ctrl-C with exit code 0', async () => {
  const exited = new Promise<number | null>((resolve) => dev.once('exit', resolve));
  dev.kill('SIGINT');
  assert.equal(await exited, 0);
});
