#!/usr/bin/env node
// matbaa's entry point: the compiled copy of the current sources (bin/compiled-code.mjs), or the
// TypeScript sources through tsx when that cannot be made; either way there is no compile step to forget.
import { compiledCli } from './compiled-code.mjs';

const cli = (await compiledCli()) ?? (await sourceCli());
process.exitCode = await cli.main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  // A progress line only where a person watches: a terminal, and not CI.
  progress: process.stderr.isTTY && !process.env.CI ? (text) => process.stderr.write(`\r\x1b[K${text}`) : undefined,
});

async function sourceCli() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli.ts');
}
