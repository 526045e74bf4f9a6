import * as pagefind from 'pagefind';
const { index } = await pagefind.createIndex({ forceLanguage: 'ar', writePlayground: false });
const seps = { shy: '\u00AD', hyphen: '-', underscore: '_', zwnj: '\u200C', dot: '.', zwj: '\u200D' } as Record<string,string>;
for (const [name, s] of Object.entries(seps)) {
  const r = await index!.addCustomRecord({ url: `/${name}/`, content: `كلمة و${s}الدخول هنا ثم ف${s}البرتقال`, language: 'ar', meta: { title: name } });
  console.log(name, r.errors, r.file.uniqueWords);
}
const { files } = await index!.getFiles();
const { mkdir, writeFile, rm } = await import('node:fs/promises');
const { join, dirname } = await import('node:path');
const out = '/tmp/pf-exp/sep/pagefind';
await rm('/tmp/pf-exp/sep', { recursive: true, force: true });
for (const f of files) { await mkdir(dirname(join(out, f.path)), { recursive: true }); await writeFile(join(out, f.path), f.content); }
await writeFile('/tmp/pf-exp/sep/index.html', '<html lang="ar"><body>x</body></html>');
await pagefind.close();
