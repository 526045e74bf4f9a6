/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { Root } from 'hast';
import { layout } from './layout.tsx';
import { teaser } from './parts/teaser.tsx';
import type { LayoutView, ListingView, Pagination, UiStrings } from './props.ts';

/** A listing page (home or section): a lead story, then the latest articles. */
export function listingPage(page: LayoutView, listing: ListingView): Root {
  return layout(
    page,
    <div class="listing">
      <h1 class={listing.headingHidden ? 'listing-heading visually-hidden' : 'listing-heading'}>{listing.heading}</h1>
      {listing.lead ? teaser(listing.lead, { headingLevel: 'h2', lead: true }) : null}
      <div class="listing-items">{listing.items.map((item) => teaser(item, { headingLevel: 'h2' }))}</div>
      {listing.pagination ? pagination(listing.pagination, page.strings) : null}
    </div>,
  );
}

/** Numbered links to every page of a listing, with the previous and the next. */
function pagination(pages: Pagination, strings: UiStrings) {
  return (
    <nav class="pagination" aria-label={strings.pagination}>
      <ul>
        {pages.previous ? (
          <li>
            <a href={pages.previous} rel="prev">{strings.previousPage}</a>
          </li>
        ) : null}
        {pages.pages.map((item) => (
          <li>
            <a href={item.href} aria-current={item.current ? 'page' : undefined}>{item.label}</a>
          </li>
        ))}
        {pages.next ? (
          <li>
            <a href={pages.next} rel="next">{strings.nextPage}</a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
