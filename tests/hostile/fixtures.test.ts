// Hostile content through the real CLI, one fixture folder a case (tests/fixtures/hostile/<case>/):
// its exit code, its messages, its output files, and that nothing but the output changed — on an
// error, not even that.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../helpers/site.ts';
import { checkRun, copyCase, fixturesDir, outputFiles, removeCase, runCli, scriptRisks, seedPreviousOutput, treeState, writeFiles, type CliResult } from './harness.ts';

const frontMatter = 'date: 2026-11-20T09:30:00+03:00\nsection: world';
const arabicNews = 'أخبار';

// Inputs that are clearer made here than committed: exact bytes, NFD spellings, big documents.
const generated: Record<string, (root: string) => Promise<void>> = {
  'yaml-bombs': (root) =>
    writeFiles(root, {
      // Too deep for the yaml package's stack: it reports the overflow, matbaa says what it means.
      'content/articles/deep-flow.md': `---\ntitle: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n${frontMatter}\n---\n\nنص\n`,
      // Checking 12,000 keys for duplicates would take seconds; 120 KB of front matter is never an article's.
      'content/articles/huge-front-matter.md': `---\ntitle: "كبير"\n${frontMatter}\n${Array.from({ length: 12_000 }, (_, i) => `k${i}: v`).join('\n')}\n---\n\nنص\n`,
    }),
  'text-as-it-comes': (root) =>
    writeFiles(root, {
      'content/articles/bom-crlf.md': `\uFEFF---\ntitle: "مكتوب على ويندوز"\n${frontMatter}\n---\n\nالسطر الأول.\nالسطر الثاني.\n`.replace(/\n/g, '\r\n'),
      // Named and titled in NFD (alef with hamza above decomposed): one URL with the NFC spelling.
      [`content/articles/${'أخبار-عاجلة'.normalize('NFD')}.md`]: `---\ntitle: "${'أخبار عاجلة'.normalize('NFD')}"\n${frontMatter}\n---\n\nنص.\n`,
      // Invisible and bidi characters in a file name do not reach the URL.
      'content/articles/خبر\u202e\u200b-\u2066جديد\u2069.md': `---\ntitle: "خبر جديد"\n${frontMatter}\n---\n\nنص.\n`,
    }),
  'nfc-nfd-one-url': (root) =>
    writeFiles(root, {
      [`content/articles/${arabicNews.normalize('NFC')}.md`]: `---\ntitle: "أخبار"\n${frontMatter}\n---\n\nنص.\n`,
      [`content/articles/${arabicNews.normalize('NFD')}.md`]: `---\ntitle: "أخبار"\n${frontMatter}\n---\n\nنص آخر.\n`,
    }),
  'invalid-utf8': (root) =>
    writeFiles(root, {
      // A Latin-1 «é» (0xE9): the fourth character of line 7, byte 85 of the file.
      'content/articles/latin1.md': Buffer.concat([Buffer.from(`---\ntitle: "خبر"\n${frontMatter}\n---\nالسطر\ncaf`), Buffer.from([0xe9]), Buffer.from('\n')]),
    }),
  'file-too-large': (root) => writeFiles(root, { 'content/articles/huge.md': `---\ntitle: "ضخم"\n${frontMatter}\n---\n\n${'ن'.repeat(3.5 * 1024 * 1024)}\n` }),
};

for (const name of readdirSync(fixturesDir).sort()) {
  test(`${name}: ${JSON.parse(readFileSync(join(fixturesDir, name, 'expect.json'), 'utf8')).about}`, async (t) => {
    const { root, expect } = await copyCase(name);
    t.after(() => removeCase(root));
    await generated[name]?.(root);
    if (expect.previousOutput !== false) await seedPreviousOutput(root);

    for (const [index, run] of (expect.runs ?? [expect]).entries()) {
      const label = `${name} ${(run.args ?? ['build']).join(' ')}`;
      const before = await treeState(root);
      const result = await runCli(run.args ?? ['build'], root);
      t.diagnostic(`${label}: exit ${result.code}, ${result.seconds.toFixed(1)} s, peak ${result.peakMb.toFixed(0)} MB`);
      await checkRun(root, result, run, label);
      // Only the output may change, and only when the build succeeds.
      assert.deepEqual(await treeState(root, run.code === 0 ? ['dist/'] : []), run.code === 0 ? without(before, 'dist/') : before, `${label} (run ${index + 1}) changed files outside the output`);
      if (run.code === 0) await checkPages(root, result, label);
    }
  });
}

function without(state: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(state).filter(([path]) => !path.startsWith(prefix)));
}

// A successful build replaced the previous output whole, and no page of it can run script.
async function checkPages(root: string, result: CliResult, label: string): Promise<void> {
  const files = await outputFiles(join(root, 'dist'));
  assert.ok(!files.includes('world/old/index.html'), `${label}: the previous output was not replaced`);
  for (const path of files.filter((file) => file.endsWith('.html'))) {
    assert.deepEqual(scriptRisks(await readFile(join(root, 'dist', path), 'utf8')), [], `${label}: dist/${path}\n${result.stderr}`);
  }
  // A feed holds markup only inside CDATA sections (text to XML); a value that closed one early would show here.
  for (const path of files.filter((file) => file.endsWith('.xml'))) {
    const outsideCdata = (await readFile(join(root, 'dist', path), 'utf8')).replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    assert.doesNotMatch(outsideCdata, /<script/i, `${label}: dist/${path}`);
  }
}

test('should have a live payload in front-matter-languages: gray-matter with its own engines runs it', async (t) => {
  const { root } = await copyCase('front-matter-languages');
  t.after(() => removeCase(root));
  const grayMatter = join(repoRoot, 'node_modules/gray-matter');
  const script = `require(${JSON.stringify(grayMatter)})(require('fs').readFileSync('content/articles/js.md', 'utf8'))`;
  await promisify(execFile)(process.execPath, ['-e', script], { cwd: root });
  assert.ok(existsSync(join(root, 'pwned')), 'the payload did not write its file, so the case proves nothing');
});
