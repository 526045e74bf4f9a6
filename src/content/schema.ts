// The front matter of an article: zod's types are the only definition of its shape.
import { z } from 'zod';
import { slugPattern } from '../arabic/slug.ts';

const dateTimeMessage = 'expected an ISO 8601 date and time with its offset, such as `2026-11-24T09:30:00+03:00`';

// ISO 8601 with an offset; seconds optional, as editors often leave them out. zod checks the
// calendar too, so 2024-02-30 and month 13 are errors rather than YAML-style roll-overs.
const dateTime = z.union([z.iso.datetime({ offset: true }), z.iso.datetime({ offset: true, precision: -1 })], {
  error: dateTimeMessage,
});

// Control characters (NUL among them) mean nothing on a page and break XML feeds; tab and line end are spacing.
const controlCharacter = /[\u0000-\u0008\u000b-\u001f\u007f]/;
// The bidi embeddings, overrides and isolates (not LRM, RLM, ALM or ZWNJ, which Arabic typing uses):
// an unclosed one reorders whatever follows the text on the page, in the tab title, in a feed reader.
const bidiControl = /[\u202a-\u202e\u2066-\u2069]/;

/** Text shown on pages, in feeds and in metadata: something to show, and no characters that hide or reorder. */
export const displayText = z
  .string()
  .trim()
  .min(1, 'expected some text')
  .refine((value) => !controlCharacter.test(value), { error: 'expected text without control characters' })
  .refine((value) => !bidiControl.test(value), {
    error: 'expected text without bidi embedding, override or isolate characters (U+202A–U+202E, U+2066–U+2069), which reorder the page around it; use RLM or LRM marks instead',
  });

// Characters that never belong in a site path: controls, NUL, backslashes, and encoded separators
// that a server would decode into `/`, `\` or NUL.
const unsafePathPattern = /[\u0000-\u001f\u007f\\]|%(?:2f|5c|00)/i;

/** Whether a root-absolute path stays inside the site: no `..`, no `//`, nothing a server decodes into a separator or a dot segment. */
export function isSafeSitePath(path: string): boolean {
  if (!path.startsWith('/') || path.startsWith('//') || unsafePathPattern.test(path)) return false;
  return path.split('/').every((segment) => {
    const decoded = decodeSegment(segment);
    return decoded !== undefined && decoded !== '..' && decoded !== '.' && !unsafePathPattern.test(decoded);
  });
}

// Pages are written at decoded paths (`%2e%2e` would be `..`); undefined for a malformed escape.
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const sitePath = z.string().refine(isSafeSitePath, {
  error: 'expected a path on this site that starts with `/`, such as `/old/url/`, without `..` or backslashes',
});

const imageSource = z
  .string()
  .refine((src) => !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('//'), {
    error: 'expected the path of an image in `content/`, such as `/images/2026/11/photo.jpg`, not a URL',
  })
  .refine((src) => !unsafePathPattern.test(src), { error: 'expected a path without backslashes or control characters' })
  .refine((src) => /\.(jpe?g|png|webp|avif|gif)$/i.test(src), { error: 'expected a .jpg, .png, .webp, .avif or .gif file' });

/** The hero image: the picture, its description for blind readers, and the caption and credit shown apart. */
export const imageSchema = z
  .object({
    src: imageSource,
    alt: displayText,
    caption: displayText.optional(),
    credit: displayText.optional(),
  })
  .strict();

/** The schema of an article's front matter for a site with these section keys. */
export function frontMatterSchema(sectionKeys: readonly string[]) {
  return z
    .object({
      title: displayText,
      subtitle: displayText.optional(),
      date: dateTime,
      updated: dateTime.optional(),
      section: z.string().refine((key) => sectionKeys.includes(key), {
        error: `expected one of the sections in site.yaml: ${sectionKeys.map((k) => `\`${k}\``).join(', ')}`,
      }),
      slug: z
        .string()
        .regex(slugPattern, 'expected letters and digits joined by hyphens, such as `water-deal` or `اتفاق-المياه`')
        .optional(),
      tags: z.array(displayText).optional(),
      authors: z.array(displayText).optional(),
      image: imageSchema.optional(),
      source: displayText.optional(),
      draft: z.boolean().optional(),
      aliases: z.array(sitePath).optional(),
      /** What a correction changed, shown at the foot of the article; it needs `updated`. */
      correction: displayText.optional(),
    })
    .strict()
    .refine((fm) => fm.correction === undefined || fm.updated !== undefined, {
      error: 'expected `updated` with the time of the correction',
      path: ['correction'],
    });
}

/** An article's front matter, as validated. */
export type FrontMatter = z.infer<ReturnType<typeof frontMatterSchema>>;

/** The hero image of an article, as validated. */
export type ArticleImage = z.infer<typeof imageSchema>;
