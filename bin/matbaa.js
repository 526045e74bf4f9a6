#!/usr/bin/env node
// matbaa's entry point: the compiled copy of the current sources (bin/compiled-code.mjs), or the
// TypeScript sources through tsx when that cannot be made; either way there is no compile step to forget.
import { compiledCli } from './compiled-code.mjs';

const cli = (await compiledCli()) ?? (await sourceCli());
// Lines to stderr are gathered and written together once the code printing them yields (or 64 KB at
// a time): a build of an archive may report tens of thousands of warnings, and a write for each took
// a tenth of a second on a pipe.
let errLines = '';
const flushErr = () => {
  if (errLines) process.stderr.write(errLines);
  errLines = '';
};
process.on('exit', flushErr);
process.exitCode = await cli.main(process.argv.slice(2), {
  out: (line) => {
    flushErr();
    process.stdout.write(`${line}\n`);
  },
  err: (line) => {
    if (!errLines) queueMicrotask(flushErr);
    errLines += `${line}\n`;
    if (errLines.length >= 1 << 16) flushErr();
  },
  // A progress line only where a person watches: a terminal, and not CI.
  progress:
    process.stderr.isTTY && !process.env.CI
      ? (text) => {
          flushErr();
          process.stderr.write(`\r\x1b[K${text}`);
        }
      : undefined,
});
flushErr();

async function sourceCli() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli.ts');
}
