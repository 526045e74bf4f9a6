// The lint rule ids and the schema of the site settings' `lint:` key (zod only, so content/ can import it).
import { z } from 'zod';

/** Every lint rule id, in the order the rules run; ids are permanent. */
export const ruleIds = [
  'arabic-comma',
  'arabic-semicolon',
  'arabic-question-mark',
  'space-before-punctuation',
  'space-after-punctuation',
  'doubled-space',
  'leading-no-break-space',
  'mixed-digits',
  'tatweel',
  'unbalanced-pairs',
  'title-length',
  'hero-caption-credit',
] as const;

/** The id of one lint rule. */
export type RuleId = (typeof ruleIds)[number];

const switches = Object.fromEntries(ruleIds.map((id) => [id, z.boolean().optional()])) as Record<RuleId, z.ZodOptional<z.ZodBoolean>>;

/** The site settings' `lint:` key: a rule id → `false` to switch it off (every rule is on by default). */
export const lintSettingsSchema = z.object(switches).strict();

/** Rules switched on or off in the site settings. */
export type LintSettings = z.infer<typeof lintSettingsSchema>;
