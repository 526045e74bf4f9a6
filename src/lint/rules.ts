// Every lint rule by its id: what it flags, whether `matbaa check --fix` can mend it, and its plugin.
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { remarkLintArabicComma } from './rules/arabic-comma.ts';
import { remarkLintArabicQuestionMark } from './rules/arabic-question-mark.ts';
import { remarkLintArabicSemicolon } from './rules/arabic-semicolon.ts';
import { remarkLintDoubledSpace } from './rules/doubled-space.ts';
import { remarkLintHeroCaptionCredit } from './rules/hero-caption-credit.ts';
import { remarkLintLeadingNoBreakSpace } from './rules/leading-no-break-space.ts';
import { remarkLintMixedDigits } from './rules/mixed-digits.ts';
import { remarkLintSpaceAfterPunctuation } from './rules/space-after-punctuation.ts';
import { remarkLintSpaceBeforePunctuation } from './rules/space-before-punctuation.ts';
import { remarkLintTatweel } from './rules/tatweel.ts';
import { remarkLintTitleLength } from './rules/title-length.ts';
import { remarkLintUnbalancedPairs } from './rules/unbalanced-pairs.ts';
import { ruleIds, type LintSettings, type RuleId } from './settings.ts';

export { lintSettingsSchema, ruleIds, type LintSettings, type RuleId } from './settings.ts';

/** A lint rule: its unified plugin (run with default options), what it flags, and whether its findings carry safe fixes. */
export interface LintRule {
  plugin: () => (tree: Root, file: VFile) => void;
  description: string;
  fixable: boolean;
}

/** Every lint rule, by id. */
export const lintRules: Readonly<Record<RuleId, LintRule>> = {
  'arabic-comma': {
    plugin: remarkLintArabicComma,
    description: 'A Latin comma `,` in Arabic text, to be `،`; not between digits (1,500) or Latin words.',
    fixable: true,
  },
  'arabic-semicolon': {
    plugin: remarkLintArabicSemicolon,
    description: 'A Latin semicolon `;` in Arabic text, to be `؛`.',
    fixable: true,
  },
  'arabic-question-mark': {
    plugin: remarkLintArabicQuestionMark,
    description: 'A Latin question mark `?` in Arabic text, to be `؟`.',
    fixable: true,
  },
  'space-before-punctuation': {
    plugin: remarkLintSpaceBeforePunctuation,
    description: 'A space between an Arabic word and the punctuation after it (`كلمة ،`); the fix removes it.',
    fixable: true,
  },
  'space-after-punctuation': {
    plugin: remarkLintSpaceAfterPunctuation,
    description: 'A punctuation mark in Arabic text followed straight away by a word (`كلمة،كلمة`); not before a digit.',
    fixable: false,
  },
  'doubled-space': {
    plugin: remarkLintDoubledSpace,
    description: 'Two or more spaces or no-break spaces in a row inside a line; the fix leaves one.',
    fixable: true,
  },
  'leading-no-break-space': {
    plugin: remarkLintLeadingNoBreakSpace,
    description: 'No-break spaces at the start of a line, as archive and Word copy indent; the fix removes them.',
    fixable: true,
  },
  'mixed-digits': {
    plugin: remarkLintMixedDigits,
    description: 'Western (0-9) and Arabic-Indic (٠-٩) digits in one article; numbers in the less used style are reported.',
    fixable: false,
  },
  tatweel: {
    plugin: remarkLintTatweel,
    description: 'Tatweel `ـ` stretching a word, or repeated; `الـ27` stays. The fix removes it.',
    fixable: true,
  },
  'unbalanced-pairs': {
    plugin: remarkLintUnbalancedPairs,
    description: 'A quote, bracket or parenthesis («» “” "" [] ()) without its partner in the same paragraph.',
    fixable: false,
  },
  'title-length': {
    plugin: remarkLintTitleLength,
    description: 'A title longer than the 60 characters search results show.',
    fixable: false,
  },
  'hero-caption-credit': {
    plugin: remarkLintHeroCaptionCredit,
    description: 'A hero image without a caption or a credit.',
    fixable: false,
  },
};

/** Every rule id → whether it runs: on unless the settings say `false`. Throws on an id that is no rule. */
export function resolveLintSettings(settings: LintSettings | Readonly<Record<string, boolean | undefined>> = {}): Record<RuleId, boolean> {
  for (const id of Object.keys(settings)) {
    if (!(ruleIds as readonly string[]).includes(id)) {
      throw new Error(`Unknown lint rule \`${id}\`, expected one of ${ruleIds.map((known) => `\`${known}\``).join(', ')}`);
    }
  }
  const values = settings as Readonly<Record<string, boolean | undefined>>;
  return Object.fromEntries(ruleIds.map((id) => [id, values[id] ?? true])) as Record<RuleId, boolean>;
}
