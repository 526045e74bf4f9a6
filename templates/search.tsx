/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { Root } from 'hast';
import { layout } from './layout.tsx';
import { teaser } from './parts/teaser.tsx';
import type { ArticleTeaser, LayoutView } from './props.ts';

/** The search page's own content: the form's words, the script's messages and the latest stories. */
export interface SearchView {
  heading: string;
  /** Where the form sends `q`: the search page itself. */
  action: string;
  label: string;
  submit: string;
  /** Shown only when the browser runs no script. */
  noScript: string;
  latestHeading: string;
  latest: ArticleTeaser[];
  /** The messages the script shows (searching, no results, counts), as JSON escaped for a script element. */
  messages: string;
  /** The module script that runs queries; without it the page is what readers without JavaScript get. */
  script?: string;
}

/** The search page: a GET form, the place results go, and the latest stories, which stay until a query runs. */
export function searchPage(page: LayoutView, search: SearchView): Root {
  return layout(
    page,
    <div class="search">
      <h1 class="listing-heading">{search.heading}</h1>
      <form class="search-form" role="search" action={search.action} method="get">
        <label class="search-label" for="search-query">{search.label}</label>
        <input class="search-input" id="search-query" type="search" name="q" dir="auto" autocomplete="off" enterkeyhint="search" />
        <button class="search-button" type="submit">{search.submit}</button>
      </form>
      <noscript>
        <p class="search-no-script">{search.noScript}</p>
      </noscript>
      <p class="search-status" role="status"></p>
      <div class="listing-items search-results"></div>
      <section class="search-latest" aria-labelledby="search-latest-heading">
        <h2 id="search-latest-heading" class="block-heading">{search.latestHeading}</h2>
        <div class="listing-items">{search.latest.map((item) => teaser(item, { headingLevel: 'h3' }))}</div>
      </section>
      {search.script ? <script type="application/json" id="search-messages">{search.messages}</script> : null}
      {search.script ? <script type="module" src={search.script}></script> : null}
    </div>,
  );
}
