// The URLs of the bundled client assets that pages link to.

/** Hashed asset URLs from Vite's manifest, as pages reference them. */
export interface AssetUrls {
  stylesheets: string[];
}
