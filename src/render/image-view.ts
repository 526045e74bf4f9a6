// Content images as templates show them: the processed files when the build made them, else the
// original as written (a preview that serves the originals).
import type { ImageView } from '../../templates/props.ts';
import { articleImageSizes, isProcessed, widestVariant, type ImageEntry, type ImageVariant, type ProcessedImage } from '../markdown/content-images.ts';

/** What an article says about a picture: where it is, what it shows, its caption and credit. */
export interface ImageText {
  /** Root-relative URL of the original file. */
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
}

/** A picture in the article column (the hero): the widest file as `src`, every file in the `srcset`s. */
export function articleImageView(text: ImageText, entry: ImageEntry | undefined): ImageView {
  return isProcessed(entry) ? view(text, entry, widestVariant(entry), articleImageSizes) : plain(text);
}

/** A teaser's thumbnail: the narrowest file as `src`; the template says how wide it is shown. */
export function thumbnailView(text: ImageText, entry: ImageEntry | undefined): ImageView {
  return isProcessed(entry) ? view(text, entry, entry.variants[0] ?? widestVariant(entry), undefined) : plain(text);
}

/** The file to share (og:image, JSON-LD): the narrowest at least 1200 pixels wide, as social sites ask, else the widest. */
export function shareVariant(entry: ImageEntry | undefined): ImageVariant | undefined {
  if (!isProcessed(entry)) return undefined;
  return entry.variants.find((variant) => variant.width >= 1200) ?? widestVariant(entry);
}

function view(text: ImageText, image: ProcessedImage, file: ImageVariant, sizes: string | undefined): ImageView {
  return {
    ...plain(text),
    src: file.src,
    width: file.width,
    height: file.height,
    ...(image.fallbackSrcset ? { srcset: image.fallbackSrcset, sizes } : {}),
    sources: image.sources.map((source) => ({ type: source.type, srcset: source.srcset })),
  };
}

function plain(text: ImageText): ImageView {
  return { src: text.src, alt: text.alt, caption: text.caption, credit: text.credit };
}
