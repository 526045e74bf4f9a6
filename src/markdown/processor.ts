import type { Root } from 'hast';
import type { Root as MarkdownRoot } from 'mdast';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { type PluggableList, unified } from 'unified';
import type { VFile } from 'vfile';
import type { ImageEntry } from './content-images.ts';
import { rehypeEditorialInsert } from './rehype-editorial-insert.ts';
import { rehypeFigure } from './rehype-figure.ts';
import { remarkBodyHeadings } from './remark-body-headings.ts';
import { remarkInternalLinks } from './remark-internal-links.ts';
import { remarkLineParagraphs } from './remark-line-paragraphs.ts';
import { remarkNormaliseSpaces } from './remark-normalise-spaces.ts';
import { remarkPullQuote } from './remark-pull-quote.ts';
import { remarkRawHtml } from './remark-raw-html.ts';
import { remarkSafeUrls, safeProtocols } from './remark-safe-urls.ts';
import { remarkTextDirection } from './remark-text-direction.ts';

export interface MarkdownOptions {
  /** Content-relative POSIX path of the article being rendered, e.g. 'articles/economy/rates.md'. */
  sourcePath: string;
  /** Content-relative path of an article → its site URL (e.g. '/economy/rates/'). Holds at least every article this body links to. */
  links: Readonly<Record<string, string>>;
  /** 'paragraph': every line of a paragraph is its own paragraph (archive and Word copy arrive one paragraph a line); 'commonmark': standard soft line breaks. */
  lineBreaks: 'paragraph' | 'commonmark';
  /**
   * Content-relative path of an image → its processed files (or why it cannot be used); holds at least
   * every content image this body shows, and one it does not hold is an error. Without it, content
   * images stay as written and unchecked (a preview that serves the original files).
   */
  images?: Readonly<Record<string, ImageEntry>>;
}

/**
 * What the body may hold after sanitising: GitHub's rules (`defaultSchema`), plus exactly the markup
 * our own plugins make, with links and images kept to http(s), mailto and relative URLs.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'figure', 'figcaption', 'picture', 'source', 'bdi'],
  attributes: {
    ...defaultSchema.attributes,
    figure: [['className', 'figure', 'pull-quote']],
    figcaption: [['className', 'figure-caption']],
    img: [...(defaultSchema.attributes?.img ?? []), 'srcSet', 'sizes', ['loading', 'lazy'], ['decoding', 'async']],
    source: [...(defaultSchema.attributes?.source ?? []), 'sizes', ['type', 'image/avif', 'image/webp']],
    span: [['className', 'insert', 'figure-text', 'figure-credit']],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: [...safeProtocols.href],
    src: [...safeProtocols.src],
  },
  // remark-rehype already prefixes the ids it makes from footnote labels (`user-content-fn-1`, and the
  // links to them), and raw HTML, the only other way to an id, never gets this far; prefixing again
  // here would leave every footnote link pointing nowhere.
  clobber: [],
};

function createProcessor(lineBreaks: MarkdownOptions['lineBreaks']) {
  const lineParagraphs: PluggableList = lineBreaks === 'paragraph' ? [remarkLineParagraphs] : [];
  return (
    unified()
      .use(remarkParse)
      .use(remarkGfm)
      // First, so no later plugin sees raw HTML, and a paragraph it empties is dropped by remarkNormaliseSpaces.
      .use(remarkRawHtml)
      // Early too: a paragraph left empty by a dropped image is dropped by remarkNormaliseSpaces.
      .use(remarkSafeUrls)
      // Before remarkNormaliseSpaces (each line's leading no-break space must be at a paragraph's start
      // to go) and remarkPullQuote (the speaker's line must be a paragraph of its own).
      .use(lineParagraphs)
      .use(remarkNormaliseSpaces)
      .use(remarkPullQuote)
      .use(remarkBodyHeadings)
      // After remarkPullQuote, whose quote and speaker stay paragraphs; it takes the brackets of a
      // `[…]{lang=…}` passage, so rehypeEditorialInsert never sees them as an insert.
      .use(remarkTextDirection)
      // Without options: a shared processor reads each article's links from `file.data.internalLinks`.
      .use(remarkInternalLinks)
      .use(remarkRehype, {
        // The only prefixing of ids: see `clobber` in sanitizeSchema.
        clobberPrefix: 'user-content-',
        footnoteLabel: 'الحواشي',
        footnoteBackLabel: () => 'العودة إلى النص',
      })
      // Without options too: each article's images come on `file.data.contentImages`.
      .use(rehypeFigure)
      // After rehypeFigure, so a bracketed insert in a caption (made from an image title) is marked too.
      .use(rehypeEditorialInsert)
      // Last, so it sees everything: what came from the Markdown source is filtered (remarkRawHtml and
      // remarkSafeUrls have reported what it would strip), and what our plugins made survives because
      // `sanitizeSchema` allows exactly that.
      .use(rehypeSanitize, sanitizeSchema)
      .freeze()
  );
}

// One frozen processor per line-break mode, made once: they hold no per-article state. Both parse
// alike (remark-parse with GFM); only their transforms differ.
const processors = {
  paragraph: createProcessor('paragraph'),
  commonmark: createProcessor('commonmark'),
} as const;

/**
 * A body's Markdown tree as written, with true source positions: the one parse of an article, which the
 * lint reads before `markdownTreeToHast` transforms it.
 */
export function parseMarkdown(file: VFile): MarkdownRoot {
  return processors.commonmark.parse(file);
}

/** Markdown tree (from `parseMarkdown`, which it changes) → hast body; content problems become messages on `file`. */
export function markdownTreeToHast(tree: MarkdownRoot, file: VFile, options: MarkdownOptions): Root {
  const processor = processors[options.lineBreaks];
  file.data.internalLinks = { sourcePath: options.sourcePath, links: options.links };
  file.data.contentImages = { sourcePath: options.sourcePath, images: options.images };
  try {
    return processor.runSync(tree, file);
  } finally {
    delete file.data.internalLinks;
    delete file.data.contentImages;
  }
}

/** Markdown body → hast body; content problems become messages on `file`. */
export function markdownToHast(file: VFile, options: MarkdownOptions): Root {
  return markdownTreeToHast(parseMarkdown(file), file, options);
}
