#!/usr/bin/env node
// matbaa's build benchmark: the same generated Arabic corpus built by matbaa, Hugo, Eleventy and Astro
// in one run, four scenarios each, timed from outside. See bench/README.md.
//
//   npm run bench -- [--sizes 1000,10000] [--runs 3] [--warmup 1] [--work /tmp/matbaa-bench]
//                    [--only matbaa,hugo,eleventy,astro] [--out bench/RESULTS.md]
//                    [--shared ../shared/bench] [--text SEEDFILE] [--matbaa DIR] [--timeout 1800]
//
// Plain Node, no dependencies. Everything the anchors need is installed under --work, never here.

import { spawnSync } from 'node:child_process';
import {
  chmodSync, copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync,
  rmSync, writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
// The matbaa checkout measured: this one unless --matbaa names another (e.g. an exported commit).
const TOOLS = ['matbaa', 'hugo', 'eleventy', 'astro'];
const SCENARIOS = [
  { id: 'cold', label: 'cold build' },
  { id: 'noop', label: 'rebuild, nothing changed' },
  { id: 'edit', label: 'rebuild, 1 article edited' },
  { id: 'add', label: 'rebuild, 1 article added' },
];
// The line every anchor's `rebuild` script appends; matbaa's rebuild script appends the same.
const EDIT_LINE = 'فقرة أضيفت للتجربة.';
const SECTIONS = {
  'middle-east': 'الشرق الأوسط', world: 'العالم', economy: 'اقتصاد', sport: 'رياضة',
  culture: 'ثقافة', opinion: 'آراء', tech: 'تكنولوجيا', health: 'صحة',
};
const RESULTS_MARKER = '<!-- results: everything below this line is rewritten by `npm run bench` -->';

function parseArgs(argv) {
  const args = {
    sizes: [1000, 10000], runs: 3, warmup: 1, work: '/tmp/matbaa-bench', only: TOOLS, out: join(repo, 'bench/RESULTS.md'),
    shared: process.env.MATBAA_BENCH_SHARED ?? resolve(repo, '../shared/bench'), text: process.env.MATBAA_BENCH_TEXT,
    timeout: 1800, matbaa: repo,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (!flag.startsWith('--') || value === undefined) usage(`unexpected argument \`${flag}\``);
    const key = flag.slice(2);
    if (key === 'sizes') args.sizes = value.split(',').map((s) => Number.parseInt(s.replace(/_/g, ''), 10));
    else if (key === 'only') args.only = value.split(',').map((s) => s.trim());
    else if (['runs', 'warmup', 'timeout'].includes(key)) args[key] = Number.parseInt(value, 10);
    else if (['work', 'out', 'shared', 'text', 'matbaa'].includes(key)) args[key] = resolve(value);
    else usage(`unknown option \`${flag}\``);
  }
  if (args.sizes.some((n) => !Number.isInteger(n) || n < 2)) usage('--sizes expects numbers of articles, at least 2, such as 1000,10000');
  if (!(args.runs >= 1) || !(args.warmup >= 0)) usage('--runs expects 1 or more and --warmup 0 or more');
  const unknown = args.only.filter((t) => !TOOLS.includes(t));
  if (unknown.length > 0) usage(`--only expects some of ${TOOLS.join(',')}, got \`${unknown.join(',')}\``);
  args.only = TOOLS.filter((t) => args.only.includes(t));
  args.text ??= resolve(args.shared, '../reference/seed-article.txt');
  return args;
}

function usage(problem) {
  console.error(`bench: ${problem}\nusage: npm run bench -- [--sizes 1000,10000] [--runs 3] [--warmup 1] [--work DIR] [--only ${TOOLS.join(',')}] [--out FILE] [--shared DIR] [--text FILE] [--matbaa DIR] [--timeout SECONDS]`);
  process.exit(2);
}

const log = (line) => process.stdout.write(`${line}\n`);

/** Runs a command to completion, quietly; returns its exit status and the tail of what it printed. */
function sh(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  return { ok: result.status === 0, status: result.status, output, tail: lastLine(result.error?.message ?? output) };
}

// The line that says what went wrong: the first that names an error, else the last.
function lastLine(text) {
  const lines = String(text).trim().split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return (lines.find((l) => /^(\w*Error\b|error\b|Error:|\[ERROR\]|FATAL)/i.test(l)) ?? lines.at(-1) ?? '').slice(0, 200);
}

// GNU time reports the peak RSS of the measured process; Debian ships it in `time`.
function ensureGnuTime() {
  const works = () => existsSync('/usr/bin/time') && sh('/usr/bin/time', ['-f', '%M', 'true']).ok;
  if (works()) return true;
  log('GNU time is missing: installing Debian\'s `time` package');
  sh('apt-get', ['update']);
  sh('apt-get', ['install', '-y', 'time'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return works();
}

/** Times one command from outside: wall seconds from here, peak RSS from GNU time. */
function measure(command, args, { cwd, env, logFile, timeout, gnuTime }) {
  const rssFile = `${logFile}.time`;
  rmSync(rssFile, { force: true });
  const argv = gnuTime ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, command, ...args] : [command, ...args];
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), {
    cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: timeout * 1000,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  writeFileSync(logFile, `$ (cd ${cwd} && ${[command, ...args].join(' ')})\n${output}`);
  let rssMB;
  if (gnuTime && existsSync(rssFile)) {
    const kb = Number.parseInt(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1), 10);
    if (Number.isFinite(kb)) rssMB = kb / 1024;
  }
  if (result.error || result.status !== 0) {
    const why = result.error?.code === 'ETIMEDOUT' ? `timed out after ${timeout} s` : `exit ${result.status ?? result.signal}`;
    return { ok: false, wall, rssMB, reason: `${why}: ${lastLine(result.error?.message ?? output) || 'no output'}`, output };
  }
  return { ok: true, wall, rssMB, output };
}

const median = (values) => {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

function listFilesUnder(dir, test = () => true, prefix = '') {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...listFilesUnder(join(dir, entry.name), test, path));
    else if (entry.isFile() && test(path)) found.push(path);
  }
  return found;
}

const countPages = (dir) => (existsSync(dir) ? listFilesUnder(dir, (p) => p.endsWith('index.html')).length : 0);

// One small real JPEG for every hero image path the corpus names (matbaa checks that images exist).
function smallJpeg(work) {
  const file = join(work, 'hero.jpg');
  if (existsSync(file)) return file;
  try {
    const sharp = createRequire(join(repo, 'package.json')).resolve('sharp');
    spawnSync(process.execPath, ['--input-type=module', '-e', `
      import sharp from ${JSON.stringify(sharp)};
      await sharp({ create: { width: 16, height: 9, channels: 3, background: '#8a7f70' } }).jpeg({ quality: 70 }).toFile(${JSON.stringify(file)});
    `]);
    if (existsSync(file)) return file;
  } catch {
    // sharp is not installed: fall back to one of the sample site's images.
  }
  const samples = join(repo, 'content/images/2026/11');
  copyFileSync(join(samples, readdirSync(samples).find((f) => f.endsWith('.jpg'))), file);
  return file;
}

// The article every tool edits and the one it adds, both relative to its articles folder.
function pickArticles(corpus) {
  const world = readdirSync(join(corpus, 'world')).filter((f) => f.endsWith('.md')).sort();
  const edited = `world/${world[0]}`;
  const template = readFileSync(join(corpus, 'world', world[1]), 'utf8');
  // A new latest article, so the home page and its section's list change as in a newsroom.
  const added = template
    .replace(/^title: .*$/m, 'title: "خبر عاجل أضيف للتجربة"')
    .replace(/^slug: .*$/m, 'slug: bench-added-article')
    .replace(/^date: .*$/m, 'date: 2026-07-01T09:00:00+03:00');
  return { edited, addedPath: 'world/bench-added-article.md', added };
}

/** Sets up every tool for one corpus size; a tool whose setup fails is reported, not fatal. */
function setUp(args, n, gnuTime) {
  const work = args.work;
  const corpus = join(work, `corpus-${n}`);
  log(`\n== N = ${n.toLocaleString('en')}: generating the corpus`);
  const made = sh(process.execPath, [join(args.shared, 'corpus.mjs'), '--n', String(n), '--out', corpus, '--text', args.text]);
  if (!made.ok) throw new Error(`corpus.mjs failed: ${made.tail}`);
  log(`   ${made.output.trim()}`);
  const picks = pickArticles(corpus);
  const jpeg = smallJpeg(work);
  const tools = {};

  for (const tool of args.only) {
    try {
      tools[tool] = tool === 'matbaa' ? setUpMatbaa(args.matbaa, work, n, corpus, jpeg) : setUpAnchor(args, tool, n, corpus);
      log(`   ${tool}: ready (${tools[tool].version})`);
    } catch (error) {
      tools[tool] = { failed: error.message };
      log(`   ${tool}: failed: ${error.message}`);
    }
    if (tools[tool].articles) tools[tool].picks = picks;
  }
  return { corpus, tools, picks };
}

function setUpMatbaa(root, work, n, corpus, jpeg) {
  const site = join(work, `matbaa-${n}`);
  const content = join(site, 'content');
  rmSync(content, { recursive: true, force: true });
  mkdirSync(content, { recursive: true });
  // A copy, not links: each tool edits its own articles.
  cpSync(corpus, join(content, 'articles'), { recursive: true });
  const sections = Object.entries(SECTIONS).map(([key, name]) => `  ${key}: ${name}`).join('\n');
  writeFileSync(join(content, 'site.yaml'), `# Generated by bench/run.mjs for the benchmark corpus.
name: مطبعة نيوز
description: موقع تجريبي لقياس سرعة البناء.
baseUrl: https://bench.matbaa.example/
language: ar
direction: rtl
timeZone: Asia/Beirut
permalink: /:section/:slug/
sections:
${sections}
moreFromSection: 4
# The corpus separates paragraphs with blank lines.
lineBreaks: commonmark
`);
  // One picture, linked in as every hero. A file takes some 65,000 links on ext4: past that (100,000
  // articles, or several corpora), links go to a fresh copy of it.
  let picture = jpeg;
  for (const file of listFilesUnder(corpus, (p) => p.endsWith('.md'))) {
    const src = /^ {2}src: (\S+)$/m.exec(readFileSync(join(corpus, file), 'utf8'))?.[1];
    if (!src) continue;
    const target = join(content, src);
    mkdirSync(dirname(target), { recursive: true });
    if (existsSync(target)) continue;
    try {
      linkSync(picture, target);
    } catch (error) {
      if (error.code !== 'EMLINK') throw error;
      picture = `${jpeg}.${file.replace(/\W+/g, '-')}.jpg`;
      copyFileSync(jpeg, picture);
      linkSync(picture, target);
    }
  }
  const cli = `"${process.execPath}" "${join(root, 'bin/matbaa.js')}" build --content content --out dist`;
  // The same two scripts each anchor has: `build` (cold) and `rebuild ARTICLE` (append a line, rebuild).
  writeFileSync(join(site, 'build'), `#!/bin/sh
# cold full build: no output, no cache
cd "${site}" && rm -rf dist .dist.* .matbaa && exec ${cli} "$@"
`);
  writeFileSync(join(site, 'rebuild'), `#!/bin/sh
# rebuild after editing one article ($1): output and cache kept
echo "${EDIT_LINE}" >> "$1" && cd "${site}" && exec ${cli}
`);
  chmodSync(join(site, 'build'), 0o755);
  chmodSync(join(site, 'rebuild'), 0o755);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const git = sh('git', ['-C', root, 'rev-parse', '--short', 'HEAD']);
  // An exported commit (git archive) carries its id in a file, having no .git of its own.
  const commit = git.ok && existsSync(join(root, '.git')) ? git.output.trim() : existsSync(join(root, 'COMMIT')) ? readFileSync(join(root, 'COMMIT'), 'utf8').trim() : '';
  const dirty = git.ok && existsSync(join(root, '.git')) && sh('git', ['-C', root, 'status', '--porcelain', '--', 'src', 'templates', 'bin', 'public']).output.trim() ? ' + uncommitted changes' : '';
  return {
    site, articles: join(content, 'articles'), output: join(site, 'dist'),
    clean: [join(site, 'dist'), join(site, '.matbaa')], cleanGlob: { dir: site, prefix: '.dist.' },
    version: `${pkg.version} (${commit || 'unknown commit'}${dirty}${root === repo ? '' : `, from ${root}`})`,
  };
}

function setUpAnchor(args, tool, n, corpus) {
  const base = join(args.work, tool);
  const site = join(base, `site-${n}`);
  let articles;
  let corpusFor = corpus;
  if (tool !== 'eleventy') {
    // Hugo and Astro read their corpus in place: each gets its own copy, so one tool's edit is never
    // another tool's change. (Eleventy's anchor copies the corpus into its site by itself.)
    corpusFor = join(base, `corpus-${n}`);
    rmSync(corpusFor, { recursive: true, force: true });
    mkdirSync(base, { recursive: true });
    cpSync(corpus, corpusFor, { recursive: true });
    articles = corpusFor;
  } else {
    articles = join(site, 'content');
  }
  const script = join(args.shared, 'anchors', `${tool}.sh`);
  log(`   ${tool}: setting up with ${relative(process.cwd(), script) || script}`);
  const setup = sh('bash', [script, site, corpusFor], { env: { ...process.env, NO_BUILD: '1' }, timeout: 1200 * 1000 });
  if (!setup.ok) throw new Error(`setup failed: ${setup.tail || `exit ${setup.status}`}`);
  const output = { hugo: join(site, 'public'), eleventy: join(site, '_site'), astro: join(site, 'dist') }[tool];
  // What each anchor's own `build` deletes, deleted here before a cold build so that deleting is not timed.
  const clean = {
    hugo: [join(site, 'public'), join(site, 'resources')],
    eleventy: [join(site, '_site')],
    astro: [join(site, 'dist'), join(site, '.astro'), join(site, 'node_modules/.astro')],
  }[tool];
  return { site, articles, output, clean, version: anchorVersion(tool, site) };
}

function anchorVersion(tool, site) {
  if (tool === 'hugo') return sh('hugo', ['version']).output.trim().split(' ')[1] ?? 'unknown';
  const pkg = { eleventy: '@11ty/eleventy', astro: 'astro' }[tool];
  return JSON.parse(readFileSync(join(site, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function clean(setup) {
  for (const path of setup.clean) rmSync(path, { recursive: true, force: true });
  if (setup.cleanGlob) {
    for (const entry of readdirSync(setup.cleanGlob.dir)) {
      if (entry.startsWith(setup.cleanGlob.prefix)) rmSync(join(setup.cleanGlob.dir, entry), { recursive: true, force: true });
    }
  }
}

// Puts the edited article back and takes the added one away, from the pristine corpus.
function restore(setup, corpus) {
  copyFileSync(join(corpus, setup.picks.edited), join(setup.articles, setup.picks.edited));
  rmSync(join(setup.articles, setup.picks.addedPath), { force: true });
}

/** One measured step of a tool: cold, nothing changed, one edited, one added. */
function step(setup, scenario, options) {
  const env = { ASTRO_TELEMETRY_DISABLED: '1' };
  const build = join(setup.site, 'build');
  const rebuild = join(setup.site, 'rebuild');
  if (scenario === 'cold') {
    clean(setup);
    return measure(build, [], { ...options, cwd: setup.site, env });
  }
  if (scenario === 'noop') return measure(rebuild, ['/dev/null'], { ...options, cwd: setup.site, env });
  if (scenario === 'edit') return measure(rebuild, [join(setup.articles, setup.picks.edited)], { ...options, cwd: setup.site, env });
  if (scenario === 'add') {
    writeFileSync(join(setup.articles, setup.picks.addedPath), setup.picks.added);
    return measure(rebuild, ['/dev/null'], { ...options, cwd: setup.site, env });
  }
  throw new Error(`unknown scenario ${scenario}`);
}

function loadavg() {
  return readFileSync('/proc/loadavg', 'utf8').trim().split(' ').slice(0, 3).join(' ');
}

function runSize(args, n, gnuTime, progress) {
  const loadBefore = loadavg();
  const { corpus, tools } = setUp(args, n, gnuTime);
  const ready = args.only.filter((t) => !tools[t].failed);
  const samples = {};
  for (const tool of args.only) for (const s of SCENARIOS) samples[`${tool}/${s.id}`] = [];
  const notes = [];
  const result = { n, tools, samples, notes, loadBefore, loadAfter: undefined, roundsDone: 0 };
  const logDir = join(args.work, 'logs', String(n));
  mkdirSync(logDir, { recursive: true });
  const options = (tool, scenario, round) => ({
    logFile: join(logDir, `${tool}-${scenario}-${round}.log`), timeout: args.timeout, gnuTime,
  });
  // Tools take turns within each scenario, in an order that rotates each round, so that drift in the
  // machine's speed lands on all of them alike.
  const order = (round) => ready.map((_, i) => ready[(i + round) % ready.length]);

  for (let w = 0; w < args.warmup; w++) {
    for (const tool of order(w)) {
      log(`   warm-up ${w + 1}/${args.warmup}: ${tool} cold`);
      const result = step(tools[tool], 'cold', options(tool, 'cold', `warmup${w + 1}`));
      if (!result.ok) log(`      failed: ${result.reason}`);
    }
  }
  for (let round = 0; round < args.runs; round++) {
    for (const tool of ready) restore(tools[tool], corpus);
    // Per tool and round: cold → nothing changed → one edited → one added, each a single change on
    // top of the build before it; the edit and the addition are undone before the next round's cold build.
    for (const scenario of SCENARIOS) {
      for (const tool of order(round)) {
        const run = step(tools[tool], scenario.id, options(tool, scenario.id, round + 1));
        samples[`${tool}/${scenario.id}`].push(run);
        log(`   run ${round + 1}/${args.runs}  ${scenario.label.padEnd(26)} ${tool.padEnd(9)} ${run.ok ? `${run.wall.toFixed(2)} s  ${run.rssMB?.toFixed(0) ?? '?'} MB` : `failed: ${run.reason}`}`);
        if (tool === 'matbaa' && run.ok) {
          const built = run.output.split('\n').find((l) => l.startsWith('Built '));
          const note = built && /warning/.test(built) ? `matbaa, ${scenario.label}: ${built.trim()}` : undefined;
          if (note && !notes.includes(note)) notes.push(note);
        }
        if (scenario.id === 'cold' && round === 0 && run.ok) tools[tool].pages = countPages(tools[tool].output);
      }
    }
    result.roundsDone = round + 1;
    result.loadAfter = loadavg();
    // Written after every round, so a run stopped half-way still leaves what it measured.
    progress(result);
  }
  for (const tool of ready) restore(tools[tool], corpus);
  if (args.runs === 0 || ready.length === 0) progress(result);
  return result;
}

function summarise(result) {
  const cells = {};
  for (const [key, runs] of Object.entries(result.samples)) {
    const ok = runs.filter((r) => r.ok);
    const failed = runs.filter((r) => !r.ok);
    cells[key] = {
      wall: median(ok.map((r) => r.wall)),
      rss: median(ok.map((r) => r.rssMB).filter((v) => v !== undefined)),
      walls: runs.map((r) => (r.ok ? r.wall.toFixed(2) : 'failed')),
      failed: failed.length > 0 ? `${failed.length} of ${runs.length} failed: ${failed[0].reason}` : undefined,
    };
  }
  return cells;
}

const fmtSeconds = (s) => (s === undefined ? '–' : s < 10 ? s.toFixed(2) : s.toFixed(1));
const fmtRatio = (r) => (r === undefined || !Number.isFinite(r) ? '–' : r < 10 ? `${r.toFixed(2)}×` : `${r.toFixed(0)}×`);

function rows(result, tools) {
  const cells = summarise(result);
  const out = [];
  for (const s of SCENARIOS) {
    const base = cells[`matbaa/${s.id}`]?.wall;
    for (const tool of tools) {
      const setup = result.tools[tool];
      const cell = cells[`${tool}/${s.id}`];
      if (setup.failed) {
        out.push({ scenario: s.label, tool, wall: `failed: ${setup.failed}`, ratio: '–', rss: '–', runs: '' });
        continue;
      }
      const wall = cell.wall === undefined ? `failed: ${cell.failed}` : fmtSeconds(cell.wall);
      out.push({
        scenario: s.label, tool, wall,
        ratio: tool === 'matbaa' ? (cell.wall === undefined ? '–' : '1.00×') : cell.wall !== undefined && base ? fmtRatio(cell.wall / base) : '–',
        rss: cell.rss === undefined ? '–' : cell.rss.toFixed(0),
        runs: cell.walls.join(', ') + (cell.wall !== undefined && cell.failed ? ` (${cell.failed})` : ''),
      });
    }
  }
  return out;
}

// The targets of issue #7, checked at N = 10,000 (or shown for the sizes run, for orientation).
function targets(result) {
  const cells = summarise(result);
  const w = (tool, s) => cells[`${tool}/${s}`]?.wall;
  const m = (s) => w('matbaa', s);
  const list = [];
  const check = (name, value, ok) => list.push({ name, value, verdict: ok === undefined ? '–' : ok ? 'met' : 'not met' });
  const cmp = (a, b, f) => (a === undefined || b === undefined ? undefined : f(a, b));
  check('cold build faster than Eleventy', cmp(m('cold'), w('eleventy', 'cold'), (a, b) => `matbaa ${fmtSeconds(a)} s vs ${fmtSeconds(b)} s`), cmp(m('cold'), w('eleventy', 'cold'), (a, b) => a < b));
  check('cold build faster than Astro', cmp(m('cold'), w('astro', 'cold'), (a, b) => `matbaa ${fmtSeconds(a)} s vs ${fmtSeconds(b)} s`), cmp(m('cold'), w('astro', 'cold'), (a, b) => a < b));
  check('cold build within 2× of Hugo', cmp(m('cold'), w('hugo', 'cold'), (a, b) => `${(a / b).toFixed(1)}× Hugo`), cmp(m('cold'), w('hugo', 'cold'), (a, b) => a <= 2 * b));
  check('1 edited: under ¼ of Hugo', cmp(m('edit'), w('hugo', 'edit'), (a, b) => `${(a / b).toFixed(2)}× Hugo`), cmp(m('edit'), w('hugo', 'edit'), (a, b) => a < b / 4));
  check('nothing changed: under 1/10 of matbaa cold', cmp(m('noop'), m('cold'), (a, b) => `${(a / b).toFixed(2)}× cold`), cmp(m('noop'), m('cold'), (a, b) => a < b / 10));
  const rss = Math.max(...SCENARIOS.map((s) => cells[`matbaa/${s.id}`]?.rss ?? -1));
  check('peak RSS under 600 MB', rss >= 0 ? `${rss.toFixed(0)} MB (largest median over the scenarios)` : undefined, rss >= 0 ? rss < 600 : undefined);
  return list.map((t) => ({ ...t, value: t.value ?? '–' }));
}

function table(headers, body) {
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function markdownTable(headers, body, align) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map((_, i) => (align?.[i] === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...body.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

function machine() {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  return { nproc: availableParallelism(), cpu, memGB: (totalmem() / 2 ** 30).toFixed(1), node: process.version };
}

const HEADERS = ['scenario', 'tool', 'median wall s', 'tool / matbaa', 'median peak RSS MB', 'each run (s)'];

function printResult(result, tools) {
  log(`\n== N = ${result.n.toLocaleString('en')} articles   load before ${result.loadBefore}, after ${result.loadAfter}`);
  log(table(HEADERS, rows(result, tools).map((r) => [r.scenario, r.tool, r.wall, r.ratio, r.rss, r.runs])));
  log(`pages built (index.html files after the first cold build): ${tools.map((t) => `${t} ${result.tools[t].pages ?? '–'}`).join(', ')}`);
  for (const note of result.notes) log(`note: ${note}`);
}

// RESULTS.md: the header (kept as it is), then one section per corpus size. A run replaces the
// sections of the sizes it runs and keeps the others, so `--sizes 100000` adds to what is there.
function writeResults(args, meta, result) {
  const existing = existsSync(args.out) ? readFileSync(args.out, 'utf8') : '';
  const [header, body] = existing.includes(RESULTS_MARKER) ? existing.split(RESULTS_MARKER) : [DEFAULT_HEADER, ''];
  const sections = new Map();
  for (const part of body.split(/^(?=<!-- size \d+ -->$)/m)) {
    const size = /^<!-- size (\d+) -->$/m.exec(part)?.[1];
    if (size) sections.set(Number(size), part.trimEnd());
  }
  sections.set(result.n, sizeSection(args, meta, result));
  const ordered = [...sections.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
  writeFileSync(args.out, `${header}${RESULTS_MARKER}\n\n${ordered.join('\n\n')}\n`);
}

function sizeSection(args, meta, result) {
  const n = result.n.toLocaleString('en');
  const complete = result.roundsDone === args.runs;
  const lines = [`<!-- size ${result.n} -->`, `## N = ${n} articles`, ''];
  lines.push(`Run of ${meta.started}: \`${meta.command}\`${complete ? '' : ` (stopped or still running: ${result.roundsDone} of ${args.runs} rounds measured)`}.`, '');
  lines.push(markdownTable(['machine', ''], [
    ['CPUs (nproc)', meta.machine.nproc], ['CPU', meta.machine.cpu], ['memory', `${meta.machine.memGB} GiB`],
    ['load average (1, 5, 15 min), before → after', `${result.loadBefore} → ${result.loadAfter ?? '–'}`],
    ['node', meta.machine.node],
    ...meta.tools.map((t) => [t, versionOf([result], t)]),
    ['runs', `${result.roundsDone} measured (medians), after ${args.warmup} unmeasured cold build per tool`],
  ]), '');
  lines.push(markdownTable(HEADERS, rows(result, meta.tools).map((r) => [r.scenario, r.tool, r.wall, r.ratio, r.rss, r.runs]), [, , 'r', 'r', 'r']), '');
  lines.push(`Pages built (index.html files after the first cold build): ${meta.tools.map((t) => `${t} ${result.tools[t].pages ?? '–'}`).join(', ')}.`, '');
  lines.push(`Targets of issue #7 (set for N = 10,000${result.n === 10000 ? '' : `; at N = ${n} for orientation only`}):`, '');
  lines.push(markdownTable(['target', 'measured', 'verdict'], targets(result).map((t) => [t.name, t.value, t.verdict])));
  if (result.notes.length > 0) lines.push('', ...result.notes.map((note) => `- ${note}`));
  return lines.join('\n');
}

function versionOf(results, tool) {
  const v = results.map((r) => r.tools[tool]?.version ?? (r.tools[tool]?.failed ? `failed: ${r.tools[tool].failed}` : undefined)).find(Boolean);
  return v ?? '–';
}

const DEFAULT_HEADER = `# matbaa build benchmark: results

Written by \`npm run bench\` (see [README.md](README.md)): a run rewrites the sections of the corpus sizes
it runs, after every round, and keeps the others.

Each tool builds the same generated Arabic corpus (\`../shared/bench/corpus.mjs\`, about 8 KB an article)
into the same pages: one per article, one list per section, a home page. Scenarios, per tool:

- **cold build**: output and every cache deleted first (not timed), then a full build.
- **rebuild, nothing changed**: the same build again with the output (and any cache) kept.
- **rebuild, 1 article edited**: one line appended to one article, then a build as a CLI user would run it.
- **rebuild, 1 article added**: a new latest article in \`world/\` (it changes the home and section lists), then a build.

Wall time and peak RSS are measured from outside the process (GNU time). \`tool / matbaa\` is the tool's
median time divided by matbaa's: above 1 the tool is slower than matbaa, below 1 it is faster. The machine
is shared and noisy: read medians and ratios from one run, not absolute times across runs.

`;

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(join(args.shared, 'corpus.mjs'))) usage(`no corpus.mjs in ${args.shared}; pass --shared DIR or set MATBAA_BENCH_SHARED`);
  if (!existsSync(args.text)) usage(`no seed text at ${args.text}; pass --text FILE or set MATBAA_BENCH_TEXT`);
  mkdirSync(args.work, { recursive: true });
  const gnuTime = ensureGnuTime();
  if (!gnuTime) log('GNU time is not available: peak RSS will be missing');
  const meta = {
    started: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
    machine: machine(), loadStart: loadavg(), tools: args.only,
  };
  log(`matbaa bench: sizes ${args.sizes.join(', ')}, ${args.runs} runs, tools ${args.only.join(', ')}, work ${args.work}`);
  log(`machine: ${meta.machine.nproc} CPUs (${meta.machine.cpu}), ${meta.machine.memGB} GiB, node ${meta.machine.node}, load ${meta.loadStart}`);
  const results = [];
  for (const n of args.sizes) {
    const result = runSize(args, n, gnuTime, (partial) => writeResults(args, meta, partial));
    results.push(result);
    printResult(result, args.only);
  }
  log(`\nload average at end: ${loadavg()}; versions: ${args.only.map((t) => `${t} ${versionOf(results, t)}`).join(', ')}`);
  log(`results written to ${relative(process.cwd(), args.out) || args.out}; logs of every run in ${join(args.work, 'logs')}`);
}

main();
