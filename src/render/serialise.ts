// A page tree serialised to HTML once, through rehype-stringify, after the page plugins.
import type { Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { rehypeBdiDirection } from './rehype-bdi-direction.ts';

const serialiser = unified().use(rehypeBdiDirection).use(rehypeStringify).freeze();

/** The page's HTML text. */
export function serialisePage(tree: Root): string {
  return serialiser.stringify(serialiser.runSync(tree) as Root);
}
