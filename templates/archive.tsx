/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { Root } from 'hast';
import { layout } from './layout.tsx';
import type { ArchiveView, LayoutView } from './props.ts';

/** The archive's front page: each year, then its months, newest first. */
export function archivePage(page: LayoutView, archive: ArchiveView): Root {
  return layout(
    page,
    <div class="archive">
      <h1 class="listing-heading">{archive.heading}</h1>
      {archive.years.map((entry) => (
        <section class="archive-year" aria-labelledby={`year-${entry.year.label}`}>
          <h2 id={`year-${entry.year.label}`}>
            <a href={entry.year.href}>{entry.year.label}</a>
          </h2>
          <ul class="archive-months">
            {entry.months.map((month) => (
              <li>
                <a href={month.href}>{month.label}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>,
  );
}
