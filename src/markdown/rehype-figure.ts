import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

// `تعليق الصورة (رويترز)`: the caption, then the credit in parentheses at the very end.
const captionAndCredit = /^([\s\S]*?)[ \u00A0]*\(([^()]*)\)[ \u00A0]*$/;

/**
 * Makes an image that stands alone in its paragraph a figure, its title split into caption and credit:
 * `<figure class="figure"><img …><figcaption class="figure-caption"><span class="figure-text">…</span>
 * <span class="figure-credit">…</span></figcaption></figure>`. Every image loads lazily; one without
 * alternative text is a warning.
 */
export function rehypeFigure() {
  return (tree: Root, file: VFile) => {
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
        return;
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
      // Visit the figure's image next (for its loading attributes and its alternative text).
      return [SKIP, index];
    });
  };
}

function figcaption(title: string): Element | undefined {
  const match = captionAndCredit.exec(title);
  const text = (match ? match[1] ?? '' : title).trim();
  const credit = (match?.[2] ?? '').trim();
  const children: ElementContent[] = [];
  if (text !== '') children.push(span('figure-text', text));
  if (text !== '' && credit !== '') children.push({ type: 'text', value: ' ' });
  if (credit !== '') children.push(span('figure-credit', credit));
  if (children.length === 0) return undefined;
  return { type: 'element', tagName: 'figcaption', properties: { className: ['figure-caption'] }, children };
}

function span(className: string, value: string): Element {
  return { type: 'element', tagName: 'span', properties: { className: [className] }, children: [{ type: 'text', value }] };
}
