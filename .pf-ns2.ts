import { chromium } from 'playwright-core';
import { serveDirectory } from './tests/helpers/serve.ts';
const server = await serveDirectory('/tmp/pf-exp/site');
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--blink-settings=scriptEnabled=false'] });
const p = await b.newPage();
await p.goto(server.url + '/search/?q=x');
console.log(await p.locator('noscript').count(), await p.locator('.search-no-script').count(), await p.locator('.search-latest').isVisible(), await p.locator('.search-latest').evaluate(e => getComputedStyle(e).display));
console.log(await p.locator('.search-no-script').isVisible(), await p.getByText('البحث يحتاج إلى تفعيل JavaScript في المتصفح').count(), await p.evaluate(() => document.querySelector('noscript')!.outerHTML));
await b.close(); await server.close();
