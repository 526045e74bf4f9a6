// The site settings (content/site.yaml): what editors may change without touching code.
import { z } from 'zod';
import { lintSettingsSchema } from '../lint/settings.ts';
import { displayText, isSafeSitePath } from './schema.ts';

const sectionKey = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lowercase Latin key such as `middle-east`');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The schema of content/site.yaml. */
export const siteSettingsSchema = z
  .object({
    name: displayText,
    description: z.string().trim().default(''),
    baseUrl: z
      .url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL such as `https://example.com/`' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
    language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/, 'expected a language tag such as `ar`').default('ar'),
    direction: z.enum(['rtl', 'ltr']).default('rtl'),
    timeZone: z.string().refine(isTimeZone, { error: 'expected an IANA time zone such as `Asia/Beirut`' }),
    permalink: z
      .string()
      .refine((p) => p.startsWith('/') && p.endsWith('/') && p.includes(':slug') && isSafeSitePath(p), {
        error: 'expected a pattern that starts and ends with `/` and contains `:slug`, such as `/:section/:slug/`, without `..` or backslashes',
      })
      .default('/:section/:slug/'),
    dates: z
      .object({
        months: z.enum(['levantine', 'egyptian', 'both']).default('both'),
        digits: z.enum(['latn', 'arab']).default('latn'),
        hijri: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    sections: z.record(sectionKey, displayText).refine((s) => Object.keys(s).length > 0, {
      error: 'expected at least one section',
    }),
    moreFromSection: z.number().int().min(0).max(24).default(4),
    pageSize: z.number().int().min(1).max(200).default(20),
    feeds: z
      .object({
        limit: z.number().int().min(1).max(1000).default(50),
        fullContent: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    lineBreaks: z.enum(['paragraph', 'commonmark']).default('paragraph'),
    /** Arabic style lint rules to switch off (`rule-id: false`); all run by default. */
    lint: lintSettingsSchema.prefault({}),
  })
  .strict();

/** The validated site settings. */
export type SiteSettings = z.infer<typeof siteSettingsSchema>;
