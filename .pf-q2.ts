import { launchChromium } from './tests/helpers/browser.ts';
import { serveDirectory } from './tests/helpers/serve.ts';
import { normaliseSearchQuery } from './src/arabic/search-normalise.ts';
const server = await serveDirectory(process.env.SITE ?? '/tmp/pf-exp/site');
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(server.url + '/');
const queries = process.argv.slice(2).map(q => normaliseSearchQuery(q));
const out = await page.evaluate(async (queries) => {
  const pf = await import('/pagefind/pagefind.js');
  const res: Record<string, unknown> = {};
  for (const q of queries) {
    const r = await pf.search(q);
    const data = await Promise.all(r.results.map((x: any) => x.data()));
    res[q] = { n: r.results.length, urls: data.map((d: any) => decodeURI(d.url).split('/')[2]), ex: data[0]?.excerpt.slice(0,140) };
  }
  return res;
}, queries);
for (const [k, v] of Object.entries(out) as any) console.log(k, v.n, v.urls.join(','), '|', v.ex);
await browser.close(); await server.close();
