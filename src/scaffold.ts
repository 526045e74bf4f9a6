// `matbaa new`: a new article file with its front matter filled in, as a draft.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadContent } from './content/load-content.ts';
import type { MessageRecord } from './messages.ts';
import { isoInZone } from './arabic/dates.ts';
import { slugify } from './arabic/slug.ts';

/** What scaffolding did: the new file, or why there is none. */
export type ScaffoldResult =
  | { kind: 'written'; path: string }
  | { kind: 'settings'; messages: MessageRecord[] }
  | { kind: 'unknown-section'; sections: string[] }
  | { kind: 'exists'; path: string }
  | { kind: 'no-slug' };

/** Writes `articles/<section>/<slug>.md` with title, date (now, in the site's zone), section and `draft: true`. */
export async function scaffoldArticle(options: { contentDir: string; title: string; section: string; now: Date }): Promise<ScaffoldResult> {
  const { settings, messages } = await loadContent(options.contentDir, { articles: false });
  if (!settings) return { kind: 'settings', messages };
  const sections = Object.keys(settings.sections);
  if (!sections.includes(options.section)) return { kind: 'unknown-section', sections };
  const title = options.title.normalize('NFC').trim();
  const slug = slugify(title);
  if (!slug) return { kind: 'no-slug' };

  const dir = join(options.contentDir, 'articles', options.section);
  const path = join(dir, `${slug}.md`);
  const text = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `date: ${isoInZone(options.now, settings.timeZone)}`,
    `section: ${options.section}`,
    'tags: []',
    'authors: []',
    '# Remove the next line to publish.',
    'draft: true',
    '---',
    '',
    '',
  ].join('\n');
  await mkdir(dir, { recursive: true });
  try {
    // `wx`: never overwrite an editor's article.
    await writeFile(path, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { kind: 'exists', path: relative(process.cwd(), path) };
    throw error;
  }
  return { kind: 'written', path: relative(process.cwd(), path) || path };
}
