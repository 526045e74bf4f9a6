// matbaa's command line: arguments → command. The only place that prints and picks the exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { buildSite, projectRoot } from './build.ts';
import { indexSite } from './search.ts';
import { abandonStaging, type OutputChanges } from './output/staging.ts';
import { formatMessage, formatReport, hasErrors } from './messages.ts';
import { checkSite, fixedSource } from './check.ts';
import { scaffoldArticle } from './scaffold.ts';

/** Where the CLI prints: the process's streams, or a test's buffers. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites a status line in place; only given on a terminal. */
  progress?(text: string): void;
}

const usage = `Usage: matbaa <command> [options]

Commands:
  build    Build the site into the output directory
  check    Check the content and its Arabic style without building
  new      Start a new article with its front matter filled in
  index    Build the search index of a merged, sharded output
  dev      Serve the site while you edit, reloading the browser on every change

Run \`matbaa <command> --help\` for a command's options.`;

const buildUsage = `Usage: matbaa build [--content DIR] [--out DIR] [--base-url URL] [--drafts] [--future] [--quiet]

Options:
  --content DIR    the content directory (default: content)
  --out DIR        the output directory (default: dist)
  --base-url URL   the site's public address, overriding site.yaml (e.g. a preview)
  --drafts         include drafts, with a banner and noindex (a preview for editors)
  --future         include articles dated in the future
  --quiet          print only the messages and the summary, no progress line
  --changed FILE   write the output files added (A), changed (M) and removed (D) since the last build
  --shard K/N      build the K-th of N shares of the article pages (shard 1 also makes every other
                   page); merge the N outputs, then run \`matbaa index\` on the result
  -h, --help       show this help

Example:
  matbaa build --out public-site --base-url https://preview.example/`;

const devUsage = `Usage: matbaa dev [--content DIR] [--port PORT] [--host HOST]

Serves the site from the content as it is now, rendering each page when the browser asks for it, and
reloads the browser when an article, a template, the site settings or the stylesheet changes. Drafts
and articles dated in the future are shown; content errors appear in the browser and here.

Options:
  --content DIR    the content directory (default: content)
  --port PORT      the port to listen on; 0 picks a free one (default: 4321)
  --host HOST      the address to listen on; 0.0.0.0 for every network (default: 127.0.0.1)
  -h, --help       show this help

Example:
  matbaa dev --content content --port 8080 --host 127.0.0.1`;

class UsageError extends Error {}

/** Runs one command and returns the exit code: 0 success, 1 content errors, 2 usage errors. */
export async function main(argv: readonly string[], output: Output): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      output.out(usage);
      return command === undefined ? 2 : 0;
    }
    if (command === 'build') return await build(rest, output);
    if (command === 'dev') return await dev(rest, output);
    if (command === 'check') return await check(rest, output);
    if (command === 'new') return await newArticle(rest, output);
    if (command === 'index') return await index(rest, output);
    throw new UsageError(`unknown command \`${command}\`; run \`matbaa --help\` to list the commands`);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`matbaa: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

async function build(argv: readonly string[], output: Output): Promise<number> {
  const { values } = parseCommand(argv, {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'dist' },
    'base-url': { type: 'string' },
    drafts: { type: 'boolean', default: false },
    future: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    changed: { type: 'string' },
    shard: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    output.out(buildUsage);
    return 0;
  }
  const shardMatch = values.shard === undefined ? undefined : /^(\d+)\/(\d+)$/.exec(values.shard);
  const shard = shardMatch ? { index: Number(shardMatch[1]), count: Number(shardMatch[2]) } : undefined;
  if (values.shard !== undefined && (!shard || shard.count < 1 || shard.index < 1 || shard.index > shard.count)) {
    throw new UsageError(`--shard expects K/N with 1 ≤ K ≤ N, such as 2/3, got \`${values.shard}\``);
  }
  const contentDir = values.content;
  const outDir = values.out;
  const baseUrl = values['base-url'];
  if (!(await isDirectory(contentDir))) throw new UsageError(`content directory \`${contentDir}\` does not exist`);
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/.test(baseUrl)) {
    throw new UsageError(`--base-url expects an absolute http(s) URL, got \`${baseUrl}\``);
  }
  // The output is matbaa's alone (a file it did not make there is taken away): it must not hold, or sit inside, what the build reads.
  for (const [source, what] of [[contentDir, 'the content directory'], [join(projectRoot, 'public'), "matbaa's public/ folder"]] as const) {
    if (overlaps(outDir, source)) throw new UsageError(`--out \`${outDir}\` overlaps ${what} \`${relative(process.cwd(), source) || '.'}\`; expected a folder of its own, such as \`dist\``);
  }
  if (await isFile(outDir)) throw new UsageError(`--out \`${outDir}\` is a file; expected a folder (it is replaced on every build)`);

  const started = performance.now();
  // A live progress line only on a terminal; CI logs and --quiet get the summary alone.
  const progress = !values.quiet && output.progress ? progressLine(output.progress, started) : undefined;
  // Ctrl-C or a kill request: the staging directory goes, and the output stays as the last build left it.
  const stop = (signal: NodeJS.Signals) => {
    abandonStaging(outDir);
    output.err(`matbaa: stopped by ${signal}; ${outDir} holds the last complete build.`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let result;
  try {
    result = await buildSite({ contentDir, outDir, baseUrl, includeDrafts: values.drafts, includeFuture: values.future, onProgress: progress, shard });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  if (progress) output.progress!('');
  for (const message of result.messages) output.err(formatMessage(message));
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const errors = result.messages.filter((m) => m.severity === 'error').length;
  const warnings = result.messages.length - errors;
  if (hasErrors(result.messages)) {
    const files = new Set(result.messages.filter((m) => m.severity === 'error').map((m) => m.file)).size;
    output.err(`Build failed: ${errors} ${errors === 1 ? 'error' : 'errors'} in ${files} ${files === 1 ? 'file' : 'files'}; ${outDir} was left as it was.`);
    return 1;
  }
  const pages = Object.entries(result.pages)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${count} ${pageTypeNames[type as keyof typeof result.pages]}`)
    .join(', ');
  output.out(`Built ${pages} into ${relative(process.cwd(), outDir) || outDir} in ${seconds} s; ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, 0 errors.`);
  if (result.upToDate) output.out('Nothing changed since the last build (content, public/, options, code, output or clock): the output was kept as it was.');
  if (result.editedOnly) {
    const count = result.editedOnly.length;
    output.out(`Only ${count === 1 ? 'an article’s text' : `${count} articles’ texts`} changed (${result.editedOnly.join(', ')}): made ${count === 1 ? 'its page' : 'their pages'} and the search index again, and kept the rest of the site.`);
  }
  if (result.changes) {
    const { added, changed, removed } = result.changes;
    output.out(`Output: ${added.length} added, ${changed.length} changed, ${removed.length} removed.`);
    if (values.changed) await writeFile(values.changed, changesList(result.changes));
  }
  if (result.nextRelease) {
    const { count, date, file } = result.nextRelease;
    output.out(`Held back ${count} scheduled ${count === 1 ? 'article' : 'articles'}; the next, ${file}, is due at ${date}.`);
  }
  return 0;
}

// One line a file, `A`dded, `M`odified or `D`eleted and its path, as `git diff --name-status` prints.
function changesList(changes: OutputChanges): string {
  const lines = [
    ...changes.added.map((path) => `A\t${path}`),
    ...changes.changed.map((path) => `M\t${path}`),
    ...changes.removed.map((path) => `D\t${path}`),
  ];
  return lines.map((line) => `${line}\n`).join('');
}

const pageTypeNames = {
  article: 'articles',
  home: 'home page',
  listing: 'listing pages',
  archive: 'archive index',
  notFound: '404 page',
  search: 'search page',
  redirect: 'redirects',
};

// `done/total, rate, time left` on one line that rewrites itself.
function progressLine(print: (text: string) => void, started: number) {
  let last = 0;
  return (done: number, total: number) => {
    const now = performance.now();
    if (now - last < 200 && done < total) return;
    last = now;
    const rate = done / Math.max((now - started) / 1000, 0.001);
    const left = rate > 0 ? (total - done) / rate : 0;
    print(`${done}/${total} articles, ${rate.toFixed(0)}/s, ${left.toFixed(0)} s left`);
  };
}

async function dev(argv: readonly string[], output: Output): Promise<number> {
  const { values } = parseCommand(argv, {
    content: { type: 'string', default: 'content' },
    port: { type: 'string', default: '4321' },
    host: { type: 'string', default: '127.0.0.1' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    output.out(devUsage);
    return 0;
  }
  const { content: contentDir, host } = values;
  if (!(await isDirectory(contentDir))) throw new UsageError(`content directory \`${contentDir}\` does not exist`);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port expects a number from 0 to 65535, got \`${values.port}\``);

  // Loaded only here: the dev server brings Vite's dev side, which no other command needs.
  const { startDevServer } = await import('./dev/server.ts');
  const { describeException } = await import('./dev/plugin.ts');
  let server;
  try {
    server = await startDevServer({
      contentDir,
      host,
      port,
      onMessages: (messages) => messages.forEach((message) => output.err(formatMessage(message))),
      onError: (error) => output.err(`matbaa dev: ${describeException(error).summary}`),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${host} is in use; pass --port to pick another`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EACCES') throw new UsageError(`cannot listen on ${host}:${port} (${code})`);
    throw error;
  }
  output.out(`matbaa dev: ${server.url}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

const checkUsage = `Usage: matbaa check [--content DIR] [--format text|json] [--fix]

Checks every article as the build does (front matter, unique URLs, links to other articles, images)
and runs the Arabic style lint, without writing the site. Exits 1 when there are errors; warnings
alone exit 0.

Options:
  --content DIR    the content directory (default: content)
  --format FORMAT  text (path:line:column  severity  message  rule-id) or json, for CI annotations
  --fix            make the safe fixes in the files (Arabic punctuation, doubled and leading spaces,
                   tatweel) and report the rest
  -h, --help       show this help

Example:
  matbaa check --fix`;

async function check(argv: readonly string[], output: Output): Promise<number> {
  const { values } = parseCommand(argv, {
    content: { type: 'string', default: 'content' },
    format: { type: 'string', default: 'text' },
    fix: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    output.out(checkUsage);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format expects text or json, got \`${values.format}\``);
  if (!(await isDirectory(values.content))) throw new UsageError(`content directory \`${values.content}\` does not exist`);

  let result = await checkSite({ contentDir: values.content });
  let fixedFiles = 0;
  if (values.fix && result.fixable.length > 0) {
    for (const { article, messages } of result.fixable) {
      const original = await readFile(article.displayPath, 'utf8');
      const fixed = fixedSource(original, messages);
      if (fixed !== original) {
        await writeFile(article.displayPath, fixed);
        fixedFiles++;
      }
    }
    // What is left after the fixes, at its new positions.
    result = await checkSite({ contentDir: values.content });
  }
  const errors = result.messages.filter((m) => m.severity === 'error').length;
  if (values.format === 'json') {
    output.out(JSON.stringify(result.messages, null, 2));
  } else {
    for (const message of result.messages) output.out(formatReport(message));
    const warnings = result.messages.length - errors;
    output.out(
      `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` +
        (values.fix ? `; fixed ${fixedFiles} ${fixedFiles === 1 ? 'file' : 'files'}` : ''),
    );
  }
  return errors > 0 ? 1 : 0;
}

const newUsage = `Usage: matbaa new "<title>" --section KEY [--content DIR]

Writes a new article, as a draft, with its title, section and date (now, in the site's time zone)
filled in, named after its title, and prints its path.

Options:
  --section KEY    the section's key from site.yaml (required)
  --content DIR    the content directory (default: content)
  -h, --help       show this help

Example:
  matbaa new "الحكومة تقر موازنة العام المقبل" --section economy`;

async function newArticle(argv: readonly string[], output: Output): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    section: { type: 'string' },
    content: { type: 'string', default: 'content' },
    help: { type: 'boolean', short: 'h' },
  }, { positionals: true });
  if (values.help) {
    output.out(newUsage);
    return 0;
  }
  if (positionals.length !== 1 || !positionals[0]!.trim()) throw new UsageError('new expects one title in quotes, e.g. matbaa new "عنوان الخبر" --section world');
  if (!values.section) throw new UsageError('new expects --section KEY');
  if (!(await isDirectory(values.content))) throw new UsageError(`content directory \`${values.content}\` does not exist`);
  const result = await scaffoldArticle({ contentDir: values.content, title: positionals[0]!, section: values.section, now: new Date() });
  if (result.kind === 'settings') {
    for (const message of result.messages) output.err(formatMessage(message));
    return 1;
  }
  if (result.kind === 'unknown-section') throw new UsageError(`unknown section \`${values.section}\`; the sections are ${result.sections.join(', ')}`);
  if (result.kind === 'exists') throw new UsageError(`${result.path} already exists; choose another title`);
  if (result.kind === 'no-slug') throw new UsageError('the title has no letters or digits to name the file after');
  output.out(result.path);
  return 0;
}

const indexUsage = `Usage: matbaa index [--out DIR] [--content DIR]

Builds the search index of a site that was built in shards (\`matbaa build --shard K/N\`) and merged:
the one step that needs every page at once.

Options:
  --out DIR        the merged output directory (default: dist)
  --content DIR    the content directory, for the site's language (default: content)
  -h, --help       show this help

Example:
  matbaa index --out dist`;

async function index(argv: readonly string[], output: Output): Promise<number> {
  const { values } = parseCommand(argv, {
    out: { type: 'string', default: 'dist' },
    content: { type: 'string', default: 'content' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    output.out(indexUsage);
    return 0;
  }
  if (!(await isDirectory(values.out))) throw new UsageError(`output directory \`${values.out}\` does not exist`);
  if (!(await isDirectory(values.content))) throw new UsageError(`content directory \`${values.content}\` does not exist`);
  const result = await indexSite({ outDir: values.out, contentDir: values.content });
  for (const message of result.messages) output.err(formatMessage(message));
  if (hasErrors(result.messages)) return 1;
  output.out(`Indexed ${result.pages} pages into ${values.out}/pagefind.`);
  return 0;
}

// One command's flags, strictly: node's argument errors (unknown flag, missing value) become usage errors.
function parseCommand<const T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T, settings: { positionals?: boolean } = {}) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: settings.positionals ?? false });
  } catch (error) {
    // node's messages name the flag; keep their first sentence on one line.
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
  }
}

// Whether one path is the other or holds it.
function overlaps(a: string, b: string): boolean {
  const [x, y] = [resolve(a), resolve(b)];
  return x === y || y.startsWith(x.endsWith(sep) ? x : x + sep) || x.startsWith(y.endsWith(sep) ? y : y + sep);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
