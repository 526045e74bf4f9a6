/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { Root } from 'hast';

/** A moved story's old address: a canonical link and an immediate refresh to the new one. */
export function redirectPage(view: { lang: string; dir: 'rtl' | 'ltr'; title: string; target: string; text: string }): Root {
  return (
    <>
      {{ type: 'doctype' }}
      <html lang={view.lang} dir={view.dir}>
        <head>
          <meta charset="utf-8" />
          <title>{view.title}</title>
          <meta name="robots" content="noindex" />
          <link rel="canonical" href={view.target} />
          <meta http-equiv="refresh" content={`0; url=${view.target}`} />
        </head>
        <body>
          <p>
            {view.text} <a href={view.target}>{view.title}</a>
          </p>
        </body>
      </html>
    </>
  ) as unknown as Root;
}
