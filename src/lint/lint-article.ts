// Lints one article: parses its body with true positions and runs the rules the site switches on.
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { type PluggableList, unified } from 'unified';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { FrontMatter } from '../content/schema.ts';
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
  const enabled = resolveLintSettings(context.rules);
  const plugins: PluggableList = ruleIds.filter((id) => enabled[id]).map((id) => lintRules[id].plugin);
  const processor = unified().use(remarkParse).use(remarkGfm).use(plugins);
  const before = file.messages.length;
  const { frontMatter, locateFrontMatter } = file.data;
  file.data.frontMatter = context.frontMatter;
  file.data.locateFrontMatter = context.locateFrontMatter;
  try {
    processor.runSync(processor.parse(file), file);
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
