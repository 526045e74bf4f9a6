/** @jsxRuntime automatic @jsxImportSource hastscript */
import { h } from 'hastscript';
import type { ArticleTeaser } from '../props.ts';
import { picture } from './picture.tsx';

// How wide teaser pictures are shown (templates/styles/lists.css): a thumbnail column on phones and a
// grid cell of at most ~22rem above; the lead story full width on phones, three fifths of 68rem above.
const thumbnailSizes = '(max-width: 47.99rem) 6.5rem, 22rem';
const leadSizes = '(max-width: 47.99rem) calc(100vw - 2rem), 40rem';

/** One article in a list: headline, standfirst, section, date and a thumbnail when it has an image. */
export function teaser(item: ArticleTeaser, options: { headingLevel: 'h2' | 'h3'; lead?: boolean }) {
  return (
    <article class={options.lead ? 'teaser teaser-lead' : 'teaser'}>
      {item.image ? picture(item.image, { eager: options.lead ?? false, className: 'teaser-image', alt: '', sizes: options.lead ? leadSizes : thumbnailSizes }) : null}
      <div class="teaser-text">
        {h(options.headingLevel, { class: 'teaser-title' }, <a href={item.href}><bdi>{item.title}</bdi></a>)}
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
