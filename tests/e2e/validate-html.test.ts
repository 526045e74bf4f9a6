import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, runCli } from '../helpers/site.ts';

// The Nu HTML Checker, the W3C's validator, from npm's vnu-jar (Java is on the machine).
const vnuJar = createRequire(import.meta.url)('vnu-jar') as string;

let out: string;

before(async () => {
  out = join(await mkdtemp(join(tmpdir(), 'matbaa-vnu-')), 'site');
  const run = await runCli(['build', '--out', out], repoRoot);
  assert.equal(run.code, 0, run.stderr);
});

async function firstDir(path: string): Promise<string> {
  return (await readdir(join(out, path))).sort()[0]!;
}

test('should pass the Nu HTML Checker with no errors on every page type', async () => {
  const tag = await firstDir('tags');
  const author = await firstDir('authors');
  const pages = [
    'index.html',
    'middle-east/irbid-daraa-water-agreement/index.html',
    'economy/index.html',
    `tags/${tag}/index.html`,
    `authors/${author}/index.html`,
    'archive/index.html',
    'archive/2026/index.html',
    'archive/2026/11/index.html',
    '404.html',
    'search/index.html',
    'economy/2026/11/19/egypt-cbe-cuts-rates/index.html',
  ];
  const report = await new Promise<string>((resolve, reject) => {
    execFile('java', ['-jar', vnuJar, '--format', 'json', '--also-check-css', ...pages.map((p) => join(out, p))], { maxBuffer: 1 << 24 }, (error, _stdout, stderr) => {
      // vnu exits 1 when it finds errors; its report is on stderr either way.
      if (error && !stderr) reject(error);
      else resolve(stderr);
    });
  });
  const messages = (JSON.parse(report) as { messages: { type: string; url: string; message: string; lastLine?: number }[] }).messages;
  const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  assert.deepEqual(errors.map((m) => `${m.url.slice(out.length + 7)}:${m.lastLine}: ${m.message}`), []);
});
