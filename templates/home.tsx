/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { Root } from 'hast';
import { layout } from './layout.tsx';
import { teaser } from './parts/teaser.tsx';
import type { HomeView, LayoutView } from './props.ts';

/** The home page: the lead story, the latest stories, then a block for each section. */
export function homePage(page: LayoutView, home: HomeView): Root {
  return layout(
    page,
    <div class="home">
      <h1 class="visually-hidden">{home.heading}</h1>
      {home.lead ? teaser(home.lead, { headingLevel: 'h2', lead: true }) : null}
      {home.latest.length > 0 ? (
        <section class="home-latest" aria-labelledby="latest-heading">
          <h2 id="latest-heading" class="block-heading">{home.latestHeading}</h2>
          <div class="listing-items">{home.latest.map((item) => teaser(item, { headingLevel: 'h3' }))}</div>
        </section>
      ) : null}
      {home.sections.map((section, index) => (
        <section class="home-section" aria-labelledby={`section-heading-${index}`}>
          <h2 id={`section-heading-${index}`} class="block-heading">
            <a href={section.href}>{section.heading}</a>
          </h2>
          <div class="listing-items">{section.items.map((item) => teaser(item, { headingLevel: 'h3' }))}</div>
        </section>
      ))}
    </div>,
  );
}
