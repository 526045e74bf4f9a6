// Runs hostile fixture cases through the real CLI as a child process, with its time and peak memory,
// and proves what a run may change: only the output directory, and on an error nothing at all.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import type { ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { repoRoot, snapshotTree } from '../helpers/site.ts';

/** The folder of the hostile fixtures: one folder a case, each with `content/` and `expect.json`. */
export const fixturesDir = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url));

/** What a case expects of one run; strings are exact lines, `/…/flags` strings are patterns. */
export interface RunExpectation {
  args?: string[];
  code: number;
  /** Each must match a line of stderr. */
  stderr?: string[];
  /** Each must match a line of stdout. */
  stdout?: string[];
  /** Stderr has exactly this many lines. */
  stderrLines?: number;
  /** Files (from the case's root) that must exist, each containing these strings or patterns. */
  files?: Record<string, string[]>;
  /** Files or folders (from the case's root) that must not exist. */
  absent?: string[];
  /** Patterns no page or XML feed of the output may contain (JSON feeds hold plain text, where `<` is no markup). */
  forbid?: string[];
}

/** A case's expect.json. */
export interface CaseExpectation extends RunExpectation {
  /** What the case proves, for the test's name. */
  about: string;
  /** Links to make before the run, path → target (created at test time, not committed). */
  symlinks?: Record<string, string>;
  /** Whether to put a previous build in `dist/` first (default true), to prove an error leaves it alone. */
  previousOutput?: boolean;
  /** Several runs on the same tree instead of one (each with its own expectations). */
  runs?: RunExpectation[];
}

/** One run of the CLI: what it printed, how it ended, how long it took and its peak memory. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak resident memory of the whole process (all threads), in MB. */
  peakMb: number;
}

const probe = fileURLToPath(new URL('./usage-probe.mjs', import.meta.url));

/** Starts `matbaa ARGS` in `cwd`; `ceiling` seconds later a run still going is killed (a hang, not a result). */
export function startCli(args: readonly string[], cwd: string, ceiling = 120) {
  const usageFile = join(cwd, '..', `usage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', probe, join(repoRoot, 'bin/matbaa.js'), ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', MATBAA_USAGE_FILE: usageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), ceiling * 1000);
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      let peakMb = Number.NaN;
      try {
        peakMb = JSON.parse(await readFile(usageFile, 'utf8')).maxRSS / 1024;
      } catch {
        // Killed before it could say.
      }
      resolve({ code, signal, stdout, stderr, seconds, peakMb });
    });
  });
  return { child, done };
}

/** Runs `matbaa ARGS` in `cwd` to the end. */
export function runCli(args: readonly string[], cwd: string, ceiling?: number): Promise<CliResult> {
  return startCli(args, cwd, ceiling).done;
}

/**
 * A temporary copy of a case: its tree under `<tmp>/site/` (where the CLI runs), so the probe's usage
 * file lands beside it and not in the tree that is compared.
 */
export async function copyCase(name: string): Promise<{ root: string; expect: CaseExpectation }> {
  const root = join(await mkdtemp(join(tmpdir(), 'matbaa-hostile-')), 'site');
  await cp(join(fixturesDir, name), root, { recursive: true, filter: (source) => !source.endsWith('expect.json') });
  const expect = JSON.parse(await readFile(join(fixturesDir, name, 'expect.json'), 'utf8')) as CaseExpectation;
  for (const [path, target] of Object.entries(expect.symlinks ?? {})) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await symlink(target, join(root, path));
  }
  return { root, expect };
}

/** Removes a case's temporary copy (the folder above its tree, with the probe's usage files). */
export async function removeCase(root: string): Promise<void> {
  await rm(dirname(root), { recursive: true, force: true });
}

/** Writes files (path → text or bytes) into `root`. */
export async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), contents);
  }
}

/** A previous build, so a failed run can be seen to leave it byte for byte as it was. */
export async function seedPreviousOutput(root: string): Promise<void> {
  await writeFiles(root, { 'dist/index.html': '<!doctype html><title>the previous build</title>\n', 'dist/world/old/index.html': 'old page\n' });
}

/**
 * The whole tree with each file's hash and mtime, except the build cache (`.matbaa/`, which
 * build.ts keeps in the working directory and documents as safe to delete) and, when given, the output.
 */
export async function treeState(root: string, except: string[] = []): Promise<Record<string, string>> {
  const all = await snapshotTree(root);
  return Object.fromEntries(Object.entries(all).filter(([path]) => !path.startsWith('.matbaa/') && !except.some((prefix) => path.startsWith(prefix))));
}

/** Asserts one run's exit code, messages and files. */
export async function checkRun(root: string, run: CliResult, expect: RunExpectation, label: string): Promise<void> {
  const detail = `${label}\n--- stderr\n${run.stderr}\n--- stdout\n${run.stdout}`;
  assert.equal(run.signal, null, `${label}: killed by ${run.signal} after ${run.seconds.toFixed(1)} s (a hang?)`);
  assert.equal(run.code, expect.code, detail);
  const errLines = run.stderr.split('\n').filter(Boolean);
  const outLines = run.stdout.split('\n').filter(Boolean);
  for (const wanted of expect.stderr ?? []) assert.ok(errLines.some((line) => matchesLine(line, wanted)), `${label}: no stderr line matches ${wanted}\n${detail}`);
  for (const wanted of expect.stdout ?? []) assert.ok(outLines.some((line) => matchesLine(line, wanted)), `${label}: no stdout line matches ${wanted}\n${detail}`);
  if (expect.stderrLines !== undefined) assert.equal(errLines.length, expect.stderrLines, detail);
  for (const [path, contents] of Object.entries(expect.files ?? {})) {
    assert.ok(existsSync(join(root, path)), `${label}: ${path} should exist`);
    const text = await readFile(join(root, path), 'utf8');
    for (const wanted of contents) assert.ok(matchesText(text, wanted), `${label}: ${path} should contain ${wanted}`);
  }
  for (const path of expect.absent ?? []) assert.equal(existsSync(join(root, path)), false, `${label}: ${path} should not exist`);
  if (expect.forbid?.length) {
    for (const path of (await outputFiles(join(root, 'dist'))).filter((file) => /\.(html|xml)$/.test(file))) {
      // What a CDATA section holds is text; one that a value closed early leaves its markup outside.
      const text = (await readFile(join(root, 'dist', path), 'utf8')).replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
      for (const pattern of expect.forbid) assert.ok(!matchesText(text, pattern), `${label}: dist/${path} contains ${pattern}: …${excerpt(text, pattern)}…`);
    }
  }
  const leftovers = (await readdir(root)).filter((entry) => /^\.dist\.(staging|previous)-/.test(entry));
  assert.deepEqual(leftovers, [], `${label}: a staging or set-aside directory was left behind`);
}

/** Text files of the output (pages, feeds, sitemaps, headers), as paths inside it. */
export async function outputFiles(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  if (!existsSync(dir)) return found;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory() && entry.name !== 'pagefind' && entry.name !== 'assets') found.push(...(await outputFiles(join(dir, entry.name), path)));
    else if (entry.isFile() && /\.(html|xml|json|txt)$|^_/.test(entry.name)) found.push(path);
  }
  return found;
}

function pattern(wanted: string): RegExp | undefined {
  const match = /^\/(.*)\/([a-z]*)$/s.exec(wanted);
  return match ? new RegExp(match[1]!, match[2]) : undefined;
}

// A line matches an exact string or a pattern; a file's text contains the string or matches the pattern.
function matchesLine(line: string, wanted: string): boolean {
  return pattern(wanted)?.test(line) ?? line === wanted;
}

function matchesText(text: string, wanted: string): boolean {
  return pattern(wanted)?.test(text) ?? text.includes(wanted);
}

function excerpt(text: string, wanted: string): string {
  const regex = pattern(wanted);
  const index = regex ? text.search(regex) : text.indexOf(wanted);
  return text.slice(Math.max(0, index - 60), index + 60);
}

const allowedScripts = [/^application\/ld\+json$/, /^application\/json$/];
const urlAttributes = ['href', 'src', 'action', 'formAction', 'poster', 'cite', 'data'];

/**
 * What in a page could run script, parsed as a browser would: an event handler attribute, a script
 * that is not data (or our own module from /assets/), a URL attribute whose scheme is not http(s),
 * mailto or a path, a meta refresh to anything else, and JSON-LD that could close its element.
 */
export function scriptRisks(html: string): string[] {
  const risks: string[] = [];
  const walk = (node: Root | ElementContent) => {
    if (node.type === 'element') {
      const { tagName, properties } = node;
      for (const [name, value] of Object.entries(properties)) {
        if (/^on/i.test(name)) risks.push(`<${tagName} ${name}>`);
        if (urlAttributes.includes(name) && typeof value === 'string' && !isSafeUrl(value, name === 'href' ? ['http', 'https', 'mailto'] : ['http', 'https'])) {
          risks.push(`<${tagName} ${name}="${value}">`);
        }
      }
      if (['iframe', 'object', 'embed', 'frame', 'base'].includes(tagName)) risks.push(`<${tagName}>`);
      if (tagName === 'meta' && String(properties.httpEquiv ?? '').toLowerCase() === 'refresh') {
        const url = String(properties.content ?? '').replace(/^\s*\d+\s*;?\s*(?:url\s*=\s*)?/i, '');
        if (!isSafeUrl(url, ['http', 'https'])) risks.push(`<meta http-equiv=refresh content=${String(properties.content)}>`);
      }
      if (tagName === 'script') {
        const type = String(properties.type ?? '');
        const text = node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
        if (type === 'module' && typeof properties.src === 'string' && properties.src.startsWith('/assets/') && text === '') {
          // Our own bundle.
        } else if (!allowedScripts.some((allowed) => allowed.test(type))) {
          risks.push(`<script type="${type}">${text.slice(0, 40)}`);
        } else if (/[<>&\u2028\u2029]/.test(text)) {
          risks.push(`JSON in <script> with an unescaped character: ${text.slice(text.search(/[<>&\u2028\u2029]/) - 20).slice(0, 60)}`);
        } else {
          try {
            JSON.parse(text);
          } catch {
            risks.push(`<script type="${type}"> that is not JSON`);
          }
        }
      }
    }
    if ('children' in node) for (const child of node.children) walk(child as ElementContent);
  };
  walk(fromHtml(html));
  return risks;
}

// As a browser reads it: ASCII tabs and newlines dropped, leading spaces and controls trimmed.
function isSafeUrl(value: string, schemes: string[]): boolean {
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  // No scheme: a path on this site, or `//host/…` on another one, which is http(s) too.
  return scheme === undefined || schemes.includes(scheme.toLowerCase());
}
