// The URLs of the bundled client assets that pages link to.

/** Hashed asset URLs from Vite's manifest, as pages reference them. */
export interface AssetUrls {
  stylesheets: string[];
  /** The article page's stylesheets (the site's without the listings' rules); absent, articles link `stylesheets`. */
  articleStylesheets?: string[];
  /** WOFF2 files every page preloads (the Arabic body and headline faces). */
  preloadFonts?: string[];
  /** The search page's module script (src/client/search.ts); without it the search page works as with JavaScript off. */
  searchScript?: string;
}
