#!/usr/bin/env node
// Lighthouse on the sample site, as a phone on a slow network sees it: builds the site into a
// temporary folder, serves it on loopback the way a CDN would (compressed, with the build's
// `_headers`), audits the home page and an article in Debian's Chromium, and prints the four scores.
//
//   npm run audit -- [--pages /,/middle-east/irbid-daraa-water-agreement/] [--runs 1] [--report DIR]
//
// Exits 1 when a score is below 90 (the CI floor); the goal, and what the output marks, is 100.
// Not part of `npm test`: a Lighthouse run takes tens of seconds.

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const repo = fileURLToPath(new URL('..', import.meta.url));
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];
const floor = 90;

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.woff2': 'font/woff2',
};
const compressible = new Set(['.html', '.css', '.js', '.json', '.xml', '.txt', '.svg']);

function parseArgs(argv) {
  const args = { pages: ['/', '/middle-east/irbid-daraa-water-agreement/'], runs: 1, report: join(repo, 'test-results/lighthouse') };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--pages' && value) args.pages = value.split(',');
    else if (argv[i] === '--runs' && value) args.runs = Math.max(1, Number(value));
    else if (argv[i] === '--report' && value) args.report = value;
    else throw new Error(`Unknown argument ${argv[i]}; expected --pages, --runs or --report`);
    i++;
  }
  return args;
}

// The build's `_headers` (Netlify and Cloudflare Pages syntax) as [pattern, headers] rules, in order.
function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const pattern = new RegExp(`^${line.trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
      rules.push({ pattern, set: {}, detach: [] });
    } else if (rules.length > 0) {
      const rule = rules[rules.length - 1];
      const text = line.trim();
      if (text.startsWith('!')) rule.detach.push(text.slice(1).trim().toLowerCase());
      else {
        const colon = text.indexOf(':');
        rule.set[text.slice(0, colon).trim().toLowerCase()] = text.slice(colon + 1).trim();
      }
    }
  }
  return (pathname) => {
    const headers = {};
    for (const rule of rules) {
      if (!rule.pattern.test(pathname)) continue;
      for (const name of rule.detach) delete headers[name];
      Object.assign(headers, rule.set);
    }
    return headers;
  };
}

// Serves `root` on loopback as a CDN would: index.html for folders, 404.html for unknown paths,
// brotli or gzip when the browser asks, and the headers the build wrote.
async function serve(root, port) {
  let headersFor = () => ({});
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let path = normalize(join(root, pathname));
    let status = 200;
    try {
      if (!path.startsWith(root + sep) && path !== root) throw new Error('outside the site');
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      await stat(path);
    } catch {
      path = join(root, '404.html');
      status = 404;
    }
    let body = await readFile(path);
    const headers = { 'content-type': types[extname(path)] ?? 'application/octet-stream', vary: 'accept-encoding', ...headersFor(pathname) };
    const accepts = String(request.headers['accept-encoding'] ?? '');
    if (compressible.has(extname(path))) {
      if (/\bbr\b/.test(accepts)) [body, headers['content-encoding']] = [brotliCompressSync(body), 'br'];
      else if (/\bgzip\b/.test(accepts)) [body, headers['content-encoding']] = [gzipSync(body), 'gzip'];
    }
    response.writeHead(status, headers);
    response.end(body);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    useHeaders: (text) => (headersFor = parseHeaders(text)),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const work = await mkdtemp(join(tmpdir(), 'matbaa-audit-'));
  const site = join(work, 'site');
  const server = await serve(site, 0);
  let chrome;
  try {
    // Built for the address it is served from, so canonical links and share URLs are same-origin.
    try {
      execFileSync(process.execPath, [join(repo, 'bin/matbaa.js'), 'build', '--quiet', '--out', site, '--base-url', `${server.url}/`], { cwd: repo, stdio: 'pipe' });
    } catch (error) {
      throw new Error(`The sample site did not build:\n${error.stderr}`);
    }
    server.useHeaders(await readFile(join(site, '_headers'), 'utf8'));
    chrome = await chromeLauncher.launch({
      chromePath: '/usr/bin/chromium',
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    await mkdir(args.report, { recursive: true });
    let lowest = 100;
    for (const pathname of args.pages) {
      const runs = [];
      for (let run = 0; run < args.runs; run++) {
        const result = await lighthouse(server.url + pathname, { port: chrome.port, output: 'html', logLevel: 'error', onlyCategories: categories });
        if (!result) throw new Error(`Lighthouse returned nothing for ${pathname}`);
        runs.push(result);
      }
      // The median run by performance score, as Lighthouse's own docs advise for noisy machines.
      runs.sort((a, b) => (a.lhr.categories.performance.score ?? 0) - (b.lhr.categories.performance.score ?? 0));
      const { lhr, report } = runs[Math.floor(runs.length / 2)];
      const name = pathname.replace(/^\/|\/$/g, '').replace(/[^\w-]+/g, '-') || 'home';
      await writeFile(join(args.report, `${name}.html`), report);
      console.log(`\n${pathname}`);
      for (const id of categories) {
        const score = Math.round((lhr.categories[id].score ?? 0) * 100);
        lowest = Math.min(lowest, score);
        console.log(`  ${id.padEnd(15)} ${String(score).padStart(3)}${score < 100 ? '  ←' : ''}`);
      }
      const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
      console.log(`  ${metrics.map((id) => `${lhr.audits[id].title}: ${lhr.audits[id].displayValue}`).join(' · ')}`);
      for (const id of categories) {
        for (const ref of lhr.categories[id].auditRefs) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) console.log(`  ${id}: ${audit.id} ${Math.round(audit.score * 100)} ${audit.displayValue ?? ''} ${audit.title}`);
        }
      }
    }
    console.log(`\nReports: ${args.report}`);
    if (lowest < floor) {
      console.error(`A score is below ${floor}.`);
      process.exitCode = 1;
    }
  } finally {
    await chrome?.kill();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
