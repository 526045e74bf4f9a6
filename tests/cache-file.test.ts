// Cache files are written whole or not at all; big records go out a part at a time, as the same JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsonParts, writeCacheFile } from '../src/cache-file.ts';

test('should write a record given in parts as the JSON of the whole, and leave no part behind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'matbaa-cache-file-'));
  const summaries = Array.from({ length: 30_000 }, (_, i) => ({ title: `الخبر رقم ${i} «مع علامات» و"اقتباس"`, tags: ['سوريا', `وسم ${i % 7}`], draft: i % 2 === 0 }));
  const messages = new Map([['a'.repeat(64), [{ file: 'content/a.md', line: 1, column: 2, reason: 'Unexpected `x`\n' }]], ['b'.repeat(64), []]]);
  const record = { id: 'plan-1', skipped: undefined, articles: summaries, pages: messages, at: 3 };
  await writeCacheFile(join(dir, 'record.json'), jsonParts(record));
  const text = await readFile(join(dir, 'record.json'), 'utf8');
  assert.ok(text.length > 1 << 21, 'more than one slice');
  assert.deepEqual(JSON.parse(text), { id: 'plan-1', articles: summaries, pages: Object.fromEntries(messages), at: 3 });
  assert.equal(text, JSON.stringify({ ...record, pages: Object.fromEntries(messages) }));
  assert.deepEqual(await readdir(dir), ['record.json']);
});
