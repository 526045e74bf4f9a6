import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { splitFrontMatter } from '../src/content/front-matter.ts';
import type { FrontMatter } from '../src/content/schema.ts';
import { applyFixes } from '../src/lint/fix.ts';
import { lintArticle } from '../src/lint/lint-article.ts';
import { remarkLintArabicComma } from '../src/lint/rules/arabic-comma.ts';
import { lintRules, lintSettingsSchema, resolveLintSettings, ruleIds, type RuleId } from '../src/lint/rules.ts';

const fixtures = new URL('./fixtures/lint/', import.meta.url);
const update = process.env.UPDATE === '1';

// Lints a whole article (front matter and body) the way the loader hands it over: the body with the
// front matter blanked, the parsed front matter and its places.
function lint(source: string, rules?: Partial<Record<RuleId, boolean>>): VFileMessage[] {
  const split = splitFrontMatter(source);
  assert.deepEqual(split.problems, [], 'the fixture’s front matter should parse');
  const file = new VFile({ path: 'content/articles/news/fixture.md', value: split.body });
  return lintArticle(file, {
    frontMatter: split.yaml!.value as FrontMatter,
    locateFrontMatter: split.yaml!.locate,
    ...(rules ? { rules } : {}),
  });
}

function formatMessage(message: VFileMessage): string {
  const place = message.place && 'start' in message.place
    ? `${message.place.start.line}:${message.place.start.column}-${message.place.end.line}:${message.place.end.column}`
    : `${message.line}:${message.column}`;
  return `${place} ${message.ruleId} ${message.reason}`;
}

function byPlace(a: VFileMessage, b: VFileMessage): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

function read(url: URL): string {
  return readFileSync(url, 'utf8');
}

// Compares with the expected file, or writes it when UPDATE=1.
function expectFile(url: URL, actual: string): void {
  if (update) {
    writeFileSync(url, actual);
    return;
  }
  assert.ok(existsSync(url), `${url.pathname} should exist (run with UPDATE=1 to write it)`);
  assert.equal(actual, read(url));
}

// The shape of a Markdown tree: node types and nesting, no text.
function shape(node: Nodes): unknown {
  return 'children' in node ? [node.type, node.children.map(shape)] : node.type;
}

function parse(source: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(source);
}

describe('lint rules (tests/fixtures/lint/<rule-id>)', () => {
  it('should have a fixture folder and a description for every rule id, and no folder for anything else', () => {
    const folders = readdirSync(fixtures, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(folders, [...ruleIds].sort());
    assert.deepEqual(Object.keys(lintRules).sort(), [...ruleIds].sort());
    for (const id of ruleIds) {
      assert.match(id, /^[a-z]+(?:-[a-z]+)*$/, `${id} should be kebab-case`);
      assert.ok(lintRules[id].description.length > 10, `${id} should say what it flags`);
    }
  });

  for (const id of ruleIds) {
    describe(id, () => {
      const folder = new URL(`${id}/`, fixtures);
      const notOk = () => read(new URL('not-ok.md', folder));
      const found = () => lint(notOk()).filter((message) => message.ruleId === id).sort(byPlace);

      it('should find nothing at all in ok.md, under every rule', () => {
        assert.deepEqual(lint(read(new URL('ok.md', folder))).map(formatMessage), []);
      });

      it('should report not-ok.md as messages.txt lists, as warnings from matbaa-lint', () => {
        const messages = found();
        assert.ok(messages.length > 0, 'not-ok.md should have something to report');
        for (const message of messages) {
          assert.equal(message.fatal, false);
          assert.equal(message.source, 'matbaa-lint');
        }
        expectFile(new URL('messages.txt', folder), messages.map(formatMessage).join('\n') + '\n');
      });

      if (lintRules[id].fixable) {
        it('should fix not-ok.md into fixed.md, and find nothing fixable left in it', () => {
          const fixed = applyFixes(notOk(), found());
          expectFile(new URL('fixed.md', folder), fixed);
          const left = lint(fixed).filter((message) => message.ruleId === id && message.expected);
          assert.deepEqual(left.map(formatMessage), []);
        });

        it('should keep the Markdown structure of not-ok.md when fixing it', () => {
          const source = notOk();
          assert.deepEqual(shape(parse(applyFixes(source, found()))), shape(parse(source)));
        });
      } else {
        it('should attach no fix to its findings', () => {
          assert.deepEqual(found().filter((message) => message.expected !== undefined).map(formatMessage), []);
          assert.equal(existsSync(new URL('fixed.md', folder)), false);
        });
      }
    });
  }

  it('should leave nothing fixable after one --fix pass over every not-ok.md with every rule on', () => {
    for (const id of ruleIds) {
      const fixed = applyFixes(read(new URL(`${id}/not-ok.md`, fixtures)), lint(read(new URL(`${id}/not-ok.md`, fixtures))));
      const left = lint(fixed).filter((message) => message.expected);
      assert.deepEqual(left.map(formatMessage), [], `${id}/not-ok.md`);
    }
  });
});

describe('lint settings', () => {
  it('should run every rule by default and skip those set to false', () => {
    const resolved = resolveLintSettings({ tatweel: false });
    assert.equal(resolved.tatweel, false);
    assert.equal(resolved['arabic-comma'], true);
    assert.deepEqual(Object.keys(resolved).sort(), [...ruleIds].sort());
    assert.equal(Object.values(resolveLintSettings()).every(Boolean), true);
  });

  it('should throw on a rule id that is no rule', () => {
    assert.throws(() => resolveLintSettings({ 'latin-comma': true }), /Unknown lint rule `latin-comma`, expected one of `arabic-comma`/);
  });

  it('should accept rule ids with true or false in the site settings and refuse anything else', () => {
    assert.deepEqual(lintSettingsSchema.parse({ 'title-length': false }), { 'title-length': false });
    assert.deepEqual(lintSettingsSchema.parse({}), {});
    assert.equal(lintSettingsSchema.safeParse({ tatwel: false }).success, false);
    assert.equal(lintSettingsSchema.safeParse({ tatweel: 'no' }).success, false);
  });

  it('should not run a rule switched off for the article', () => {
    const source = read(new URL('title-length/not-ok.md', fixtures));
    assert.ok(lint(source).some((message) => message.ruleId === 'title-length'));
    assert.ok(!lint(source, { 'title-length': false }).some((message) => message.ruleId === 'title-length'));
  });
});

describe('lintArticle', () => {
  it('should return only the messages it added and leave file.data as it found it', () => {
    const split = splitFrontMatter(read(new URL('arabic-comma/not-ok.md', fixtures)));
    const file = new VFile({ value: split.body });
    const earlier = file.message('an earlier message');
    const messages = lintArticle(file, { frontMatter: split.yaml!.value as FrontMatter, locateFrontMatter: split.yaml!.locate });
    assert.ok(messages.length > 0);
    assert.ok(!messages.includes(earlier));
    assert.equal(file.messages.length, messages.length + 1);
    assert.deepEqual(Object.keys(file.data), []);
  });

  it('should let a rule run as a plain unified plugin', () => {
    const file = new VFile({ value: 'قالت الوزارة, الاثنين، إن Siemens, Inc فازت بالعقد.' });
    const processor = unified().use(remarkParse).use(remarkLintArabicComma);
    processor.runSync(processor.parse(file), file);
    assert.deepEqual(file.messages.map(formatMessage), ['1:13-1:14 arabic-comma Unexpected `,` in Arabic text, expected `،`']);
  });
});

describe('applyFixes', () => {
  const fix = (start: number, end: number, actual: string, expected: string): VFileMessage => {
    const file = new VFile({ value: 'x' });
    const message = file.message('fix', {
      place: { start: { line: 1, column: start + 1, offset: start }, end: { line: 1, column: end + 1, offset: end } },
    });
    message.actual = actual;
    message.expected = [expected];
    return message;
  };

  it('should apply fixes from the end back, whatever order they come in', () => {
    assert.equal(applyFixes('أ,ب,ج', [fix(1, 2, ',', '،'), fix(3, 4, ',', '،')]), 'أ،ب،ج');
    assert.equal(applyFixes('a  b  c', [fix(1, 3, '  ', ' '), fix(4, 6, '  ', ' ')]), 'a b c');
  });

  it('should skip a fix that overlaps one already made, for the next run', () => {
    assert.equal(applyFixes('ab  ,', [fix(2, 4, '  ', ''), fix(2, 4, '  ', ' ')]), 'ab,');
    assert.equal(applyFixes('abcd', [fix(1, 3, 'bc', 'X'), fix(2, 4, 'cd', 'Y')]), 'abY');
  });

  it('should skip a fix whose text is no longer in the source, and messages without a fix', () => {
    const file = new VFile({ value: 'x' });
    const plain = file.message('no fix', { place: { line: 1, column: 1 } });
    assert.equal(applyFixes('أ,ب', [fix(1, 2, ';', '؛'), plain]), 'أ,ب');
  });
});
