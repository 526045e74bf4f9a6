import { launchChromium } from './tests/helpers/browser.ts';
import { serveDirectory } from './tests/helpers/serve.ts';
const server = await serveDirectory('/tmp/pf-exp/site');
const browser = await launchChromium();
const page = await browser.newPage();
page.on('request', (r) => console.log(Date.now() % 100000, 'req', new URL(r.url()).pathname.slice(0, 60)));
page.on('console', (m) => console.log('console', m.text()));
for (const q of ['قمح', 'دول']) {
  const t = Date.now();
  await page.goto(`${server.url}/search/?q=${encodeURIComponent(q)}`);
  console.log('loaded', Date.now() - t);
  await page.waitForFunction(() => { const s = document.querySelector('.search-status')!.textContent; return s !== '' && !s.includes('جار'); });
  console.log('settled', Date.now() - t, await page.locator('.search-status').innerText());
}
await browser.close(); await server.close();
