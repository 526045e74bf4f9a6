// The launcher (bin/matbaa.js): it runs a compiled copy of the sources, made once per version of the
// code (the sources and the launcher's own settings), and that copy must build exactly what the
// sources build; when it cannot be made, the sources run through tsx instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { compiledCodeFolder } from '../bin/compiled-code.mjs';
import { buildSite } from '../src/build.ts';
import { manifestName } from '../src/output/staging.ts';
import { generatedSite } from './helpers/generate.ts';
import { makeTree, repoRoot, runCli } from './helpers/site.ts';

// Every file under `root` with its bytes' hash; of the deploy manifest, the hash it gives each file
// (its render keys name the article files as the build was told them, which differs between the runs).
async function filesOf(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    const relative = path.slice(root.length + 1);
    if (relative === manifestName) {
      const manifest = JSON.parse(bytes.toString('utf8')) as { files: Record<string, { hash: string }> };
      for (const [file, { hash }] of Object.entries(manifest.files)) files[`manifest: ${file}`] = hash;
    } else {
      files[relative] = createHash('sha256').update(bytes).digest('hex');
    }
  }
  return files;
}

test('should run a compiled copy named by the hash of the code, which builds the same bytes as the sources, worker threads included', async (t) => {
  // More articles than are rendered inline: the compiled render worker runs too.
  const root = await makeTree(generatedSite(60, new Date('2026-11-20T09:00:00Z')));
  t.after(() => rm(root, { recursive: true, force: true }));

  const compiled = await runCli(['build', '--content', 'content', '--out', 'compiled', '--quiet'], root);
  assert.equal(compiled.code, 0, compiled.stderr);
  const folder = await compiledCodeFolder();
  assert.ok(folder.startsWith(join(repoRoot, '.matbaa', 'code', 'code-')), folder);
  for (const file of ['cli.mjs', 'render-worker.mjs', 'search-worker.mjs']) assert.ok(existsSync(join(folder, file)), `expected ${file} in ${folder}`);

  // The sources, in this process through tsx, with a cache of their own: every page rendered again,
  // none taken from the compiled run's cache.
  const sources = await buildSite({ contentDir: join(root, 'content'), outDir: join(root, 'sources'), cacheDir: join(root, 'sources-cache') });
  assert.ok(sources.written, JSON.stringify(sources.messages));
  const [fromCompiled, fromSources] = [await filesOf(join(root, 'compiled')), await filesOf(join(root, 'sources'))];
  assert.ok(Object.keys(fromCompiled).filter((path) => path.endsWith('index.html')).length > 60);
  assert.deepEqual(fromCompiled, fromSources);
});

test('should run the sources through tsx when the compiled copy cannot be made', async (t) => {
  const project = await makeTree({});
  t.after(() => rm(project, { recursive: true, force: true }));
  for (const part of ['bin', 'src', 'templates', 'public', 'package.json', 'package-lock.json', 'tsconfig.json']) await cp(join(repoRoot, part), join(project, part), { recursive: true });
  await symlink(join(repoRoot, 'node_modules'), join(project, 'node_modules'));
  // A file where the folder of compiled copies would go: nothing can be written there.
  await writeFile(join(project, '.matbaa'), 'not a folder\n');

  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [join(project, 'bin/matbaa.js'), '--help'], { cwd: project }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Usage: matbaa <command>/);
});
