// Loaded with `--import` into a CLI run under test: writes the process's resource usage (its peak
// memory among it) to MATBAA_USAGE_FILE as it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.MATBAA_USAGE_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.resourceUsage())));
