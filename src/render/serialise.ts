// A page tree serialised to HTML once, through rehype-stringify.
import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

const serialiser = unified().use(rehypeStringify).freeze();

/** The page's HTML text. */
export function serialisePage(tree: Root): string {
  return serialiser.stringify(tree);
}
