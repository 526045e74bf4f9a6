// The direction of each isolated user string on a page, by the newsroom's rule, not the browser's guess.
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import { firstStrongDirection, textDirection } from '../arabic/bidi.ts';

/**
 * Gives a `<bdi>` a `dir` where the browser would read it the wrong way. Templates wrap user strings
 * (headlines, names, tags, credits, sources) in `<bdi>`, which isolates them from the text around and
 * reads each in the direction of its first letter; `Siemens تعلن أرباحها` would then read left to
 * right, so it gets `dir="rtl"`. Where the first letter is right, the `<bdi>` stays bare.
 */
export function rehypeBdiDirection() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'bdi' || node.properties.dir !== undefined) return;
      const text = toString(node);
      const direction = textDirection(text);
      if (direction && direction !== firstStrongDirection(text)) node.properties.dir = direction;
    });
  };
}
