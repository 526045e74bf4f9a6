#!/usr/bin/env node
// matbaa's entry point: TypeScript runs through tsx, so there is no compile step to forget.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  // A progress line only where a person watches: a terminal, and not CI.
  progress: process.stderr.isTTY && !process.env.CI ? (text) => process.stderr.write(`\r\x1b[K${text}`) : undefined,
});
