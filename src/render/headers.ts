// The `_headers` file Netlify and Cloudflare Pages read: how long browsers and CDNs may keep each file.

/** Hashed files (assets, encoded images) for a year, immutable; everything else for five minutes. */
export function renderHeadersFile(): { path: string; contents: string } {
  const immutable = ['/assets/*', '/_img/*'].flatMap((path) => [
    path,
    // `!` detaches the general rule's Cache-Control, so the two never combine into one header.
    '  ! Cache-Control',
    '  Cache-Control: public, max-age=31536000, immutable',
  ]);
  return {
    path: '_headers',
    contents: [
      '# Pages, feeds, sitemaps and the search index change with each build: keep them briefly.',
      '/*',
      '  Cache-Control: public, max-age=300, must-revalidate',
      '  X-Content-Type-Options: nosniff',
      '# Files whose names carry their content hash never change: keep them a year.',
      ...immutable,
      '',
    ].join('\n'),
  };
}
