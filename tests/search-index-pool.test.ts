// Parts of the search index built on worker threads, each in a Pagefind service of its own, give the
// same files as one after another on this thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { indexPages, type BuiltIndex } from '../src/output/search-index.ts';
import { partIndexer } from '../src/output/search-index-pool.ts';
import { makeTree } from './helpers/site.ts';

const page = (title: string, text: string) =>
  `<!doctype html><html lang="ar" dir="rtl"><head><title>${title}</title></head><body><article data-pagefind-body><h1>${title}</h1><p>${text}</p></article></body></html>`;

test('should index parts on worker threads into the same files as on this thread', async (t) => {
  const files: Record<string, string> = {};
  const topics = ['المياه', 'الطاقة', 'القمح', 'الانتخابات', 'الموازنة', 'المناخ'];
  for (let i = 0; i < 24; i++) files[`part-${i % 2}/story-${i}/index.html`] = page(`خبر رقم ${i} عن ${topics[i % topics.length]}`, `والمسؤولون يتحدثون عن ${topics[(i + 1) % topics.length]} في الاجتماع رقم ${i}.`);
  const dir = await makeTree(files);
  t.after(() => rm(dir, { recursive: true, force: true }));

  const jobs = [0, 1].map((part) => ({ dir: join(dir, `part-${part}`), language: 'ar' }));
  const inline: BuiltIndex[] = [];
  for (const job of jobs) inline.push(await indexPages(job));
  const indexer = partIndexer(jobs.length);
  try {
    const onWorkers = await Promise.all(jobs.map((job) => indexer.index(job)));
    assert.deepEqual(onWorkers.map((built) => built.pages), [12, 12]);
    assert.deepEqual(
      onWorkers.map((built) => built.files.map((file) => [file.path, Buffer.from(file.content).toString('base64')])),
      inline.map((built) => built.files.map((file) => [file.path, Buffer.from(file.content).toString('base64')])),
    );
    assert.ok(inline[0]!.files.some((file) => file.path.endsWith('.pf_meta')));
  } finally {
    await indexer.close();
  }
});
