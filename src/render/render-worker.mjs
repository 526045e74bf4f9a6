// A worker thread's entry: TypeScript through tsx, then the same pure article renderer as the main thread.
import { register } from 'tsx/esm/api';

register();
const { renderArticle } = await import('./render-article.ts');

/** Renders one article page from its plain-data input. */
export default function render(input) {
  return renderArticle(input);
}
