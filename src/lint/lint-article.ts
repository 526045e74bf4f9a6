// Lints one article: parses its body with true positions and runs the rules the site switches on.
import type { Root } from 'mdast';
import { type PluggableList, type Processor, unified } from 'unified';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { FrontMatter } from '../content/schema.ts';
import { parseMarkdown } from '../markdown/processor.ts';
import type { LocateFrontMatter } from './data.ts';
import { lintRules, resolveLintSettings } from './rules.ts';
import { ruleIds, type RuleId } from './settings.ts';

/** What `lintArticle` needs besides the file: the front matter, where its keys are, and which rules run. */
export interface LintContext {
  frontMatter: FrontMatter;
  locateFrontMatter: LocateFrontMatter;
  /** A rule id → `false` to skip it; every rule runs by default. */
  rules?: Partial<Record<RuleId, boolean>>;
}

/**
 * Runs the enabled lint rules on `file` (its value the article with the front matter blanked, as the
 * loader makes it) and returns the warnings they added, which are on `file.messages` too.
 */
export function lintArticle(file: VFile, context: LintContext): VFileMessage[] {
  return lintTree(parseMarkdown(file), file, context);
}

/**
 * `lintArticle` on a tree already parsed from `file` by `parseMarkdown`, as the render does before
 * transforming the same tree: the rules only read it, so one parse serves both.
 */
export function lintTree(tree: Root, file: VFile, context: LintContext): VFileMessage[] {
  const runner = rulesRunner(resolveLintSettings(context.rules));
  const before = file.messages.length;
  const { frontMatter, locateFrontMatter } = file.data;
  file.data.frontMatter = context.frontMatter;
  file.data.locateFrontMatter = context.locateFrontMatter;
  try {
    runner.runSync(tree, file);
  } finally {
    // Back as the caller had it, so linting leaves no trace on a file that goes on to be rendered.
    if (frontMatter) file.data.frontMatter = frontMatter;
    else delete file.data.frontMatter;
    if (locateFrontMatter) file.data.locateFrontMatter = locateFrontMatter;
    else delete file.data.locateFrontMatter;
    delete file.data.lintProse;
  }
  return file.messages.slice(before);
}

// One frozen processor per set of enabled rules: a site has one set, and building it per article costs.
const runners = new Map<string, Processor<undefined, Root, Root>>();

function rulesRunner(enabled: Record<RuleId, boolean>): Processor<undefined, Root, Root> {
  const ids = ruleIds.filter((id) => enabled[id]);
  const key = ids.join(' ');
  let runner = runners.get(key);
  if (!runner) {
    const plugins: PluggableList = ids.map((id) => lintRules[id].plugin);
    runner = unified().use(plugins).freeze() as unknown as Processor<undefined, Root, Root>;
    runners.set(key, runner);
  }
  return runner;
}
