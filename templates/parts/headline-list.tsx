/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { ArticleTeaser } from '../props.ts';

/**
 * Articles as a short list of headlines with their dates: the «اقرأ أيضاً» and «المزيد من …» blocks
 * under an article. No thumbnails or standfirsts there, so the article page stays light; the
 * listings show those.
 */
export function headlineList(items: ArticleTeaser[]) {
  return (
    <ul class="headline-list">
      {items.map((item) => (
        <li>
          <a class="headline" href={item.href}>
            <bdi>{item.title}</bdi>
          </a>{' '}
          <time datetime={item.date.datetime}>{item.date.text}</time>
        </li>
      ))}
    </ul>
  );
}
