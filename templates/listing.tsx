/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { Root } from 'hast';
import { layout } from './layout.tsx';
import { teaser } from './parts/teaser.tsx';
import type { LayoutView, ListingView } from './props.ts';

/** A listing page (home or section): a lead story, then the latest articles. */
export function listingPage(page: LayoutView, listing: ListingView): Root {
  return layout(
    page,
    <div class="listing">
      <h1 class={listing.headingHidden ? 'listing-heading visually-hidden' : 'listing-heading'}>{listing.heading}</h1>
      {listing.lead ? teaser(listing.lead, { headingLevel: 'h2', lead: true }) : null}
      <div class="listing-items">{listing.items.map((item) => teaser(item, { headingLevel: 'h2' }))}</div>
    </div>,
  );
}
