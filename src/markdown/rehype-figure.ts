import type { Element, ElementContent, Properties, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { articleImageSizes, expectedImage, imageEntry, isProcessed, resolveContentImage, unreadableImageReason, widestVariant, type ImageEntry, type ProcessedImage } from './content-images.ts';

/** What `rehypeFigure` shows the article's content images with. */
export interface FigureOptions {
  /** Content-relative POSIX path of the article being rendered, e.g. 'articles/economy/rates.md'. */
  sourcePath: string;
  /**
   * Content-relative path of an image → its processed files, or why it cannot be used; holds at least
   * every content image the body shows. Without it, content images stay as written and unchecked
   * (a preview that serves the original files).
   */
  images?: Readonly<Record<string, ImageEntry>>;
}

declare module 'vfile' {
  interface DataMap {
    /** Per-article options for `rehypeFigure` when a shared processor runs without them. */
    contentImages: FigureOptions;
  }
}

// `تعليق الصورة (رويترز)`: the caption, then the credit in parentheses at the very end.
const captionAndCredit = /^([\s\S]*?)[ \u00A0]*\(([^()]*)\)[ \u00A0]*$/;

/**
 * Makes an image that stands alone in its paragraph a figure, its title split into caption and credit:
 * `<figure class="figure"><picture>…<img …></picture><figcaption class="figure-caption"><span
 * class="figure-text">…</span> <span class="figure-credit"><bdi>…</bdi></span></figcaption></figure>`,
 * the credit isolated as the hero's is, so a Latin agency name keeps its own direction. A content
 * image becomes a `<picture>` of its processed files with its true width and height; one that is
 * missing or outside the content folder is an error. Every image loads lazily; one without alternative
 * text is a warning. Options come from `options` or, failing that, `file.data.contentImages`.
 */
export function rehypeFigure(options?: FigureOptions) {
  return (tree: Root, file: VFile) => {
    const settings = options ?? file.data.contentImages;
    if (!settings) throw new Error('rehypeFigure needs `sourcePath` (and `images`), as options or on `file.data.contentImages`');

    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName === 'img') {
        node.properties.loading = 'lazy';
        node.properties.decoding = 'async';
        const alt = node.properties.alt;
        if (typeof alt !== 'string' || alt.trim() === '') {
          file.message('Unexpected image without alternative text, expected a description of the picture in `![…]`', {
            place: node.position,
            ruleId: 'image-alt',
            source: 'matbaa',
          });
        }
        const image = settings.images ? contentImage(node, settings.sourcePath, settings.images, file) : undefined;
        if (image && parent && index !== undefined) parent.children[index] = picture(node, image);
        // Whatever took its place is finished: its own `<img>` must not be visited again.
        return SKIP;
      }

      if (node.tagName !== 'p' || !parent || index === undefined) return;
      const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
      const image = content[0];
      if (content.length !== 1 || image?.type !== 'element' || image.tagName !== 'img') return;

      const title = image.properties.title;
      delete image.properties.title;
      const children: ElementContent[] = [image];
      const caption = typeof title === 'string' ? figcaption(title) : undefined;
      if (caption) children.push(caption);

      const figure: Element = { type: 'element', tagName: 'figure', properties: { className: ['figure'] }, children };
      if (node.position) figure.position = node.position;
      parent.children[index] = figure;
      // Visit the figure's image next (for its loading attributes, its alternative text and its files).
      return [SKIP, index];
    });
  };
}

// The processed image an `<img>` of the body shows, or undefined (with an error for a content image
// that cannot be shown); an image from another site is left as it is.
function contentImage(node: Element, sourcePath: string, images: Readonly<Record<string, ImageEntry>>, file: VFile): ProcessedImage | undefined {
  const src = node.properties.src;
  if (typeof src !== 'string') return undefined;
  const path = resolveContentImage(src, sourcePath);
  if (path === 'external') return undefined;
  const written = decode(src);
  const entry = path === 'outside' ? undefined : imageEntry(images, path);
  if (isProcessed(entry)) return entry;
  const reason =
    path === 'outside'
      ? `Unexpected image \`${written}\` outside the content folder, expected a path to an image inside it`
      : entry
        ? unreadableImageReason(written, entry.problem)
        : `Cannot find image \`${written}\`, expected ${expectedImage} in the content folder`;
  const message = file.message(reason, { place: node.position, ruleId: entry ? 'invalid-image' : 'missing-image', source: 'matbaa' });
  message.fatal = true;
  return undefined;
}

// `<picture>` with a `<source>` per smaller encoding around the `<img>`, which keeps its alternative
// text and title and gets the fallback files and the true size; just the `<img>` when there is one file.
function picture(node: Element, image: ProcessedImage): Element {
  const widest = widestVariant(image);
  const sized = image.fallbackSrcset !== '';
  const { src: _src, alt, title, ...rest } = node.properties;
  const properties: Properties = { src: widest.src };
  if (sized) Object.assign(properties, { srcSet: image.fallbackSrcset, sizes: articleImageSizes });
  Object.assign(properties, { alt }, title === undefined ? {} : { title }, { width: widest.width, height: widest.height }, rest);
  const img: Element = { type: 'element', tagName: 'img', properties, children: [] };
  if (node.position) img.position = node.position;
  if (image.sources.length === 0) return img;
  const sources: Element[] = image.sources.map((source) => ({
    type: 'element',
    tagName: 'source',
    properties: { type: source.type, srcSet: source.srcset, ...(sized ? { sizes: articleImageSizes } : {}) },
    children: [],
  }));
  const element: Element = { type: 'element', tagName: 'picture', properties: {}, children: [...sources, img] };
  if (node.position) element.position = node.position;
  return element;
}

function figcaption(title: string): Element | undefined {
  const match = captionAndCredit.exec(title);
  const text = (match ? match[1] ?? '' : title).trim();
  const credit = (match?.[2] ?? '').trim();
  const children: ElementContent[] = [];
  if (text !== '') children.push(span('figure-text', text));
  if (text !== '' && credit !== '') children.push({ type: 'text', value: ' ' });
  if (credit !== '') children.push(span('figure-credit', credit, true));
  if (children.length === 0) return undefined;
  return { type: 'element', tagName: 'figcaption', properties: { className: ['figure-caption'] }, children };
}

// `<span class>` around the text, inside a `<bdi>` when it is to be isolated.
function span(className: string, value: string, isolated = false): Element {
  const text: ElementContent = { type: 'text', value };
  const content: ElementContent = isolated ? { type: 'element', tagName: 'bdi', properties: {}, children: [text] } : text;
  return { type: 'element', tagName: 'span', properties: { className: [className] }, children: [content] };
}

function decode(src: string): string {
  try {
    return decodeURIComponent(src);
  } catch {
    return src;
  }
}
