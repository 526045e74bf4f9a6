// matbaa's command line: arguments → command. The only place that prints and picks the exit code.
import { parseArgs } from 'node:util';
import { stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { buildSite } from './build.ts';
import { formatMessage, hasErrors } from './messages.ts';

/** Where the CLI prints: the process's streams, or a test's buffers. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const usage = `Usage: matbaa <command> [options]

Commands:
  build    Build the site into the output directory

Run \`matbaa <command> --help\` for a command's options.`;

const buildUsage = `Usage: matbaa build [--content DIR] [--out DIR] [--base-url URL]

Options:
  --content DIR    the content directory (default: content)
  --out DIR        the output directory (default: dist)
  --base-url URL   the site's public address, overriding site.yaml (e.g. a preview)
  -h, --help       show this help

Example:
  matbaa build --out public-site --base-url https://preview.example/`;

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
  const { values } = asUsageError(() =>
    parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        content: { type: 'string', default: 'content' },
        out: { type: 'string', default: 'dist' },
        'base-url': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    output.out(buildUsage);
    return 0;
  }
  const contentDir = values.content;
  const outDir = values.out;
  const baseUrl = values['base-url'];
  if (!(await isDirectory(contentDir))) throw new UsageError(`content directory \`${contentDir}\` does not exist`);
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/.test(baseUrl)) {
    throw new UsageError(`--base-url expects an absolute http(s) URL, got \`${baseUrl}\``);
  }

  const started = performance.now();
  const result = await buildSite({ contentDir, outDir, baseUrl });
  for (const message of result.messages) output.err(formatMessage(message));
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const errors = result.messages.filter((m) => m.severity === 'error').length;
  const warnings = result.messages.length - errors;
  if (hasErrors(result.messages)) {
    const files = new Set(result.messages.filter((m) => m.severity === 'error').map((m) => m.file)).size;
    output.err(`Build failed: ${errors} ${errors === 1 ? 'error' : 'errors'} in ${files} ${files === 1 ? 'file' : 'files'}; ${outDir} was left as it was.`);
    return 1;
  }
  const { article, home, listing, archive, notFound, redirect } = result.pages;
  output.out(
    `Built ${article} articles, ${home} home page, ${listing} listing pages, ${archive} archive index, ${notFound} 404 page and ${redirect} redirects` +
      ` into ${relative(process.cwd(), outDir) || outDir} in ${seconds} s` +
      (warnings > 0 ? ` (${warnings} ${warnings === 1 ? 'warning' : 'warnings'})` : '') +
      (result.scheduled > 0 ? `; ${result.scheduled} scheduled for later` : '') +
      '.',
  );
  return 0;
}

// node's argument errors (unknown flag, missing value) become usage errors.
function asUsageError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // node's messages name the flag; keep their first sentence on one line.
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, ''));
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
