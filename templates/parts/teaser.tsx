/** @jsxRuntime automatic @jsxImportSource hastscript */
import { h } from 'hastscript';
import type { ArticleTeaser } from '../props.ts';

/** One article in a list: headline, standfirst, section, date and a thumbnail when it has an image. */
export function teaser(item: ArticleTeaser, options: { headingLevel: 'h2' | 'h3'; lead?: boolean }) {
  return (
    <article class={options.lead ? 'teaser teaser-lead' : 'teaser'}>
      {item.image ? (
        <img
          class="teaser-image"
          src={item.image.src}
          alt=""
          width={item.image.width}
          height={item.image.height}
          loading={options.lead ? 'eager' : 'lazy'}
          decoding="async"
        />
      ) : null}
      <div class="teaser-text">
        {h(options.headingLevel, { class: 'teaser-title' }, <a href={item.href}>{item.title}</a>)}
        {item.standfirst ? <p class="teaser-standfirst">{item.standfirst}</p> : null}
        <p class="teaser-meta">
          <a href={item.sectionHref}>{item.sectionLabel}</a>
          {' · '}
          <time datetime={item.date.datetime}>{item.date.text}</time>
        </p>
      </div>
    </article>
  );
}
