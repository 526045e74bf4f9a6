import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../src/content/load-content.ts';
import { splitFrontMatter } from '../src/content/front-matter.ts';
import { parseYaml } from '../src/content/yaml.ts';
import { article, makeTree, siteYaml } from './helpers/site.ts';

const valid = `title: "عنوان الخبر"
date: 2026-11-20T09:30:00+03:00
section: middle-east`;

async function messagesFor(source: string | Uint8Array) {
  const root = await makeTree({ 'site.yaml': siteYaml, 'articles/a.md': source });
  const loaded = await loadContent(root);
  return { loaded, messages: loaded.messages.map((m) => `${m.line}:${m.column} ${m.severity} ${m.ruleId}: ${m.reason}`) };
}

test('should load a valid article with its slug from the file name', async () => {
  const { loaded } = await messagesFor(article(valid));
  assert.deepEqual(loaded.messages, []);
  assert.equal(loaded.articles.length, 1);
  assert.equal(loaded.articles[0]!.slug, 'a');
  assert.equal(loaded.articles[0]!.sourcePath, 'articles/a.md');
  assert.equal(loaded.articles[0]!.frontMatter.title, 'عنوان الخبر');
});

test('should point an unknown key at its line and column and suggest the known one', async () => {
  const { messages } = await messagesFor(article(`${valid}\nsubtitel: "خطأ"`));
  assert.deepEqual(messages, ['5:1 error unknown-key: Unexpected key `subtitel`, expected `subtitle`']);
});

test('should name the key and the expected type for a wrong type', async () => {
  const { messages } = await messagesFor(article(`${valid}\ndraft: no\ntags: سوريا`));
  assert.deepEqual(messages, [
    '5:8 error wrong-type: Unexpected text `no` for `draft`, expected `true` or `false`',
    '6:7 error wrong-type: Unexpected text `سوريا` for `tags`, expected a list',
  ]);
});

test('should reject a date YAML would roll over and a date without an offset', async () => {
  const { messages } = await messagesFor(article(`title: "خبر"\ndate: 2024-02-30T10:00:00+03:00\nupdated: 2024-03-01\nsection: world`));
  assert.equal(messages.length, 2);
  assert.match(messages[0]!, /^3:7 error invalid-value: Invalid `date`: expected an ISO 8601 date and time with its offset/);
  assert.match(messages[1]!, /^4:10 error invalid-value: Invalid `updated`/);
});

test('should report every missing required key at the front matter', async () => {
  const { messages } = await messagesFor(article('subtitle: "بلا عنوان"'));
  assert.deepEqual(messages.map((m) => m.split(': ')[0]), [
    '1:1 error missing-key',
    '1:1 error missing-key',
    '1:1 error missing-key',
  ]);
  assert.match(messages.join('\n'), /Missing `title`/);
  assert.match(messages.join('\n'), /Missing `date`/);
  assert.match(messages.join('\n'), /Missing `section`/);
});

test('should reject a section that the site does not have, listing the ones it has', async () => {
  const { messages } = await messagesFor(article(`title: "خبر"\ndate: 2026-11-20T09:30:00+03:00\nsection: sport`));
  assert.deepEqual(messages, ['4:10 error invalid-value: Invalid `section`: expected one of the sections in site.yaml: `middle-east`, `world`']);
});

test('should never run JavaScript front matter, and say which language it refused', async () => {
  const marker = join(await makeTree({}), 'pwned');
  for (const language of ['js', 'javascript', 'json', 'coffee', 'toml']) {
    const source = `---${language}\n{ title: require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') }\n---\nنص\n`;
    const { messages } = await messagesFor(source);
    assert.deepEqual(messages, [`1:1 error front-matter-language: Unexpected front matter language \`${language}\`, expected YAML under a plain \`---\` line`]);
  }
  assert.equal(existsSync(marker), false);
});

test('should explain empty files, files without front matter and unclosed front matter', async () => {
  assert.match((await messagesFor('')).messages[0]!, /^1:1 error front-matter: Missing front matter/);
  assert.match((await messagesFor('نص بلا ترويسة\n')).messages[0]!, /^1:1 error front-matter: Missing front matter/);
  assert.match((await messagesFor(`---\n${valid}\n\nنص`)).messages[0]!, /^1:1 error front-matter: Unclosed front matter/);
});

test('should read a file with a BOM and CRLF line ends like any other', async () => {
  const source = `\uFEFF${article(valid, 'فقرة أولى.\n')}`.replace(/\n/g, '\r\n');
  const { loaded } = await messagesFor(source);
  assert.deepEqual(loaded.messages, []);
  assert.equal(loaded.articles[0]!.frontMatter.section, 'middle-east');
});

test('should report invalid UTF-8 with its line and byte', async () => {
  const bytes = Buffer.concat([Buffer.from(article(valid, 'سطر\n')), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
  const { messages } = await messagesFor(bytes);
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /^8:1 error encoding: Invalid UTF-8 at byte \d+/);
});

test('should blank the front matter so body positions are file positions', () => {
  const source = `---\ntitle: x\n---\n\nالفقرة`;
  const split = splitFrontMatter(source);
  assert.equal(split.body.length, source.length);
  assert.equal(split.body.split('\n').length, source.split('\n').length);
  assert.equal(split.body.indexOf('الفقرة'), source.indexOf('الفقرة'));
  assert.match(split.body.split('\n')[1]!, /^ +$/);
});

test('should stop a billion-laughs document quickly and refuse deep nesting', () => {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const started = performance.now();
  const parsed = parseYaml(laughs.join('\n'));
  assert.ok(performance.now() - started < 1000);
  assert.equal(parsed.problems[0]?.ruleId, 'yaml-alias');
  const deep = parseYaml(`a: ${'['.repeat(100)}${']'.repeat(100)}`);
  assert.equal(deep.problems[0]?.ruleId, 'yaml-depth');
});

test('should keep __proto__ keys from polluting objects', async () => {
  const { messages } = await messagesFor(article(`${valid}\n__proto__:\n  polluted: true`));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.match(messages.join('\n'), /Unexpected key `__proto__`/);
});

test('should report a hero image that is not in content/ at its src', async () => {
  const { messages } = await messagesFor(article(`${valid}\nimage:\n  src: /images/missing.jpg\n  alt: "صورة"`));
  assert.deepEqual(messages, [`6:8 error missing-image: Cannot find image \`/images/missing.jpg\`, expected a file in ${messages[0]!.match(/in (.*)\/$/)![1]}/`]);
});
