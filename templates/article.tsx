/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { Root } from 'hast';
import { layout } from './layout.tsx';
import { figure } from './parts/figure.tsx';
import { headlineList } from './parts/headline-list.tsx';
import type { ArticleView, LayoutView } from './props.ts';

/** The article page: headline, standfirst, hero, byline and date, body, source, tags, more from the section. */
export function articlePage(page: LayoutView, article: ArticleView): Root {
  const s = page.strings;
  return layout(
    page,
    <article class="article" data-pagefind-body>
      {article.draft ? (
        <p class="draft-banner" role="note" data-pagefind-ignore>
          {s.draftBanner}
        </p>
      ) : null}
      <header class="article-header">
        <p class="article-section">
          <a href={article.section.href}>{article.section.label}</a>
        </p>
        <h1 class="article-headline">
          <bdi>{article.headline}</bdi>
        </h1>
        {article.standfirst ? <p class="article-standfirst">{article.standfirst}</p> : null}
        <div class="article-meta">
          {article.authors.length > 0 ? (
            <p class="byline">
              {s.by}{' '}
              {article.authors.flatMap((name, index) => [index > 0 ? '، ' : '', <bdi class="author">{name}</bdi>])}
            </p>
          ) : null}
          <p class="dateline" data-pagefind-ignore>
            {s.published} <time datetime={article.published.datetime}>{article.published.text}</time>
            {article.updated ? (
              <span class="updated">
                {' · '}
                {s.updated} <time datetime={article.updated.datetime}>{article.updated.text}</time>
              </span>
            ) : null}
            {' · '}
            <span class="reading-time">{s.readingTime} {article.readingTime}</span>
          </p>
        </div>
      </header>
      {article.hero ? figure(article.hero, { className: 'figure hero', eager: true }) : null}
      <div class="article-body">{article.body.children}</div>
      <footer class="article-footer">
        {article.correction ? (
          <p class="correction">
            <strong>{s.correction}</strong> (<time datetime={article.correction.time.datetime}>{article.correction.time.text}</time>):{' '}
            {article.correction.text}
          </p>
        ) : null}
        {article.source ? (
          <p class="source-line">
            © <bdi>{article.source}</bdi>
          </p>
        ) : null}
        {article.tags.length > 0 ? (
          <div class="tags">
            <h2 class="tags-heading" data-pagefind-ignore>{s.tags}</h2>
            <ul class="tag-list">
              {article.tags.map((tag) => (
                <li>
                  <a href={tag.href}>
                    <bdi>{tag.label}</bdi>
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </footer>
      {article.related.length > 0 ? (
        <aside class="related" aria-labelledby="related-heading" data-pagefind-ignore>
          <h2 id="related-heading" class="related-heading">{s.related}</h2>
          {headlineList(article.related)}
        </aside>
      ) : null}
      {article.more && article.more.items.length > 0 ? (
        <aside class="more" aria-labelledby="more-heading" data-pagefind-ignore>
          <h2 id="more-heading" class="more-heading">
            <a href={article.more.href}>{article.more.heading}</a>
          </h2>
          {headlineList(article.more.items)}
        </aside>
      ) : null}
    </article>,
  );
}
