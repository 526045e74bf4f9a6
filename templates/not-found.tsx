/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { Root } from 'hast';
import { layout } from './layout.tsx';
import { teaser } from './parts/teaser.tsx';
import type { LayoutView, NotFoundView } from './props.ts';

/** The page served for an unknown address: say so, then offer the latest stories. */
export function notFoundPage(page: LayoutView, view: NotFoundView): Root {
  return layout(
    page,
    <div class="not-found">
      <h1 class="listing-heading">{view.heading}</h1>
      <p class="not-found-text">{view.text}</p>
      <div class="listing-items">{view.latest.map((item) => teaser(item, { headingLevel: 'h2' }))}</div>
    </div>,
  );
}
