// The images an article shows from content/: found before rendering by a cheap scan, and the facts
// about each one (its files and true size) that the build hands back to the Markdown and render stages.
import { resolveContentPath } from '../content/paths.ts';
import { destinationCandidates } from './content-links.ts';

/** One encoding of a picture besides the fallback, for a `<source>` of a `<picture>`. */
export interface ImageSource {
  type: 'image/avif' | 'image/webp';
  /** `url 480w, url 800w, …`, narrowest first. */
  srcset: string;
}

/** One file of the fallback format at one width. */
export interface ImageVariant {
  width: number;
  height: number;
  /** Root-relative URL of the file. */
  src: string;
}

/** What a page needs to show one processed image: plain data, so it can be part of a page's cache key. */
export interface ProcessedImage {
  /** The original's true size in pixels, after its EXIF orientation. */
  width: number;
  height: number;
  /** URL of the widest file in the fallback format (the original's own format, where browsers take it). */
  fallback: string;
  /** Every fallback file with its width; '' when there is a single file with no widths (a GIF or an SVG). */
  fallbackSrcset: string;
  /** The smaller encodings, best first; empty for pictures kept as they are. */
  sources: ImageSource[];
  /** The fallback files, narrowest first: a thumbnail takes the first, the page the last. */
  variants: ImageVariant[];
}

/** An image the build could not use, and why; the stage that knows where it is used reports it. */
export interface UnusableImage {
  problem: string;
}

/** What the build knows of one content image. */
export type ImageEntry = ProcessedImage | UnusableImage;

/** The entry of a content path, if the record holds one (never an inherited property). */
export function imageEntry(images: Readonly<Record<string, ImageEntry>> | undefined, path: string | undefined): ImageEntry | undefined {
  return images && path !== undefined && Object.hasOwn(images, path) ? images[path] : undefined;
}

/** Whether the build processed the image. */
export function isProcessed(entry: ImageEntry | undefined): entry is ProcessedImage {
  return entry !== undefined && !('problem' in entry);
}

/** The file an `<img>` of the image points at: the widest one. */
export function widestVariant(image: ProcessedImage): ImageVariant {
  const widest = image.variants.at(-1);
  if (!widest) throw new Error('A processed image has at least one file');
  return widest;
}

/** How wide an image in the article column is shown, for `sizes` (the column is 36rem, with a 1rem gutter each side on phones). */
export const articleImageSizes = '(min-width: 38rem) 36rem, calc(100vw - 2rem)';

/** The file extensions an image in content/ may have. */
export const imageExtensions = ['jpg', 'jpeg', 'png', 'webp', 'avif', 'gif', 'svg'] as const;

/** The kinds of file an image may be, for messages: `a .jpg, .png, … or .svg file`. */
export const expectedImage = `a ${imageExtensions.filter((ext) => ext !== 'jpeg').map((ext) => `.${ext}`).join(', ').replace(/, ([^,]*)$/, ' or $1')} file`;

/** The message for an image file that exists but does not open as a picture. */
export function unreadableImageReason(src: string, problem: string): string {
  return `Cannot read image \`${src}\` (${problem}), expected ${expectedImage} that opens as a picture`;
}

const imageExtension = new RegExp(`\\.(?:${imageExtensions.join('|')})$`, 'i');

// A scheme (`https:`) or a protocol-relative `//host`: an image from elsewhere, not from content/.
const external = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i;

/**
 * The content-relative path of an image's `src` (percent-decoded, query and fragment dropped): from
 * the content root when it starts with `/`, else from the article's folder. `external` for a URL of
 * another site, `outside` for a path that leaves the content folder.
 */
export function resolveContentImage(src: string, sourcePath: string): string | 'external' | 'outside' {
  if (external.test(src)) return 'external';
  const cut = src.search(/[?#]/);
  const path = resolveContentPath(percentDecode(cut === -1 ? src : src.slice(0, cut)), sourcePath);
  return path ?? 'outside';
}

// Inline destinations `](dest` and definitions `[label]: dest`, with or without `<…>`; deliberately
// loose, as in findContentLinks: links to images are taken too, which costs nothing but their processing.
const destinations = /\]\(\s*(?:<([^>\n]*)>|(\S+))|^[ \t>]*\[[^\]\n]+\]:[ \t]*(?:<([^>\n]*)>|(\S+))/gm;

/**
 * Every content image a Markdown source may show (content-relative paths of image files), found by a
 * cheap scan before parsing, so the build can process them first; over-approximation is fine.
 */
export function findContentImages(markdown: string, sourcePath: string): string[] {
  const found = new Set<string>();
  for (const match of markdown.matchAll(destinations)) {
    const src = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (src === undefined) continue;
    for (const candidate of destinationCandidates(src, imageExtension)) {
      const path = resolveContentImage(candidate, sourcePath);
      if (path !== 'external' && path !== 'outside' && imageExtension.test(path)) found.add(path);
    }
  }
  return [...found].sort();
}

function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray `%` that starts no escape (`100%.jpg`) is meant literally.
    return value;
  }
}
