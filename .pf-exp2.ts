import * as pagefind from 'pagefind';
import { readFile, writeFile, mkdir, rm } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { execSync } from 'node:child_process';
import { breakPrefixes } from './src/arabic/search-normalise.ts';
const site = '/tmp/pf-exp/site';
const mark = process.argv[2] === 'mark';
await rm(join(site, 'pagefind'), { recursive: true, force: true });
const { index } = await pagefind.createIndex({ forceLanguage: 'ar', rootSelector: 'article.article', excludeSelectors: ['.more', '.dateline'] });
const all = execSync(`cd ${site} && find . -path './*/*/index.html'`).toString().trim().split('\n').map(p=>p.slice(2));
for (const p of all) { const html = await readFile(join(site,p),'utf8'); await index!.addHTMLFile({ sourcePath: p, content: mark ? breakPrefixes(html) : html }); }
const { files } = await index!.getFiles();
let total=0;
for (const f of files) { if (/^pagefind-(ui|modular|component|highlight)/.test(f.path)) continue; total+=f.content.length; await mkdir(dirname(join(site,'pagefind',f.path)),{recursive:true}); await writeFile(join(site,'pagefind',f.path), f.content); }
console.log('bytes', total, files.filter(f=>/index\/|fragment\//.test(f.path)).reduce((a,f)=>a+f.content.length,0));
await pagefind.close();
