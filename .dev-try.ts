import { startDevServer } from './src/dev/server.ts';
const t0 = performance.now();
const dev = await startDevServer({ contentDir: 'content', host: '127.0.0.1', port: 0, onMessages: (m) => console.log('MSG', m.length, m.slice(0,3)), onError: (e) => console.log('ERR', e.message) });
console.log('started', dev.url, performance.now() - t0);
for (const path of ['/', '/middle-east/irbid-daraa-water-agreement/', '/middle-east/irbid-daraa-water-agreement', '/archive/', '/nothing/', '/search/', '/templates/styles/site.css', '/favicon.svg']) {
  const t = performance.now();
  const r = await fetch(dev.url.replace(/\/$/, '') + path, { redirect: 'manual' });
  const text = await r.text();
  console.log(path, r.status, r.headers.get('content-type'), r.headers.get('location'), text.length, (performance.now() - t).toFixed(1), /@vite\/client/.test(text));
}
const r = await fetch(dev.url + 'middle-east/irbid-daraa-water-agreement/');
const html = await r.text();
console.log(html.slice(0, 1200));
const img = html.match(/<img[^>]*src="([^"]+)"/);
console.log(img?.[1]);
if (img) { const i = await fetch(dev.url.replace(/\/$/, '') + img[1]); console.log('img', i.status, i.headers.get('content-type')); }
await dev.close();
