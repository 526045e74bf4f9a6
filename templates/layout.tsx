/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { Root } from 'hast';
import type { Child } from 'hastscript';
import type { LayoutView } from './props.ts';

/** The document every page shares: head metadata, skip link, header with the sections, main, footer. */
export function layout(view: LayoutView, main: Child): Root {
  return (
    <>
      {{ type: 'doctype' }}
      <html lang={view.lang} dir={view.dir}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{view.title}</title>
          <meta name="description" content={view.description} />
          <link rel="canonical" href={view.canonical} />
          {view.robots ? <meta name="robots" content={view.robots} /> : null}
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          {view.links.map((link) => <link rel={link.rel} href={link.href} type={link.type} title={link.title} />)}
          {view.meta.map((tag) => <meta name={tag.name} property={tag.property} content={tag.content} />)}
          {view.preloadFonts.map((href) => <link rel="preload" href={href} as="font" type="font/woff2" crossorigin="" />)}
          {view.stylesheets.map((href) => <link rel="stylesheet" href={href} />)}
          {view.jsonLd.map((json) => <script type="application/ld+json">{json}</script>)}
        </head>
        <body>
          <a class="skip-link" href="#main">{view.strings.skipToContent}</a>
          <header class="site-header">
            <a class="site-name" href="/">{view.siteName}</a>
            <nav class="site-nav" aria-label={view.strings.sectionsNav}>
              <ul>
                {view.nav.map((item) => (
                  <li>
                    <a href={item.href} aria-current={item.current ? 'page' : undefined}>{item.label}</a>
                  </li>
                ))}
              </ul>
            </nav>
          </header>
          <main id="main" tabindex="-1">{main}</main>
          <footer class="site-footer">
            <p>
              <a href="/">{view.siteName}</a> © {view.year}. {view.strings.footer}
            </p>
          </footer>
        </body>
      </html>
    </>
  ) as unknown as Root;
}
