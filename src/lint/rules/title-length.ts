import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { createReporter } from '../report.ts';

/** Options of `remarkLintTitleLength`. */
export interface TitleLengthOptions {
  /** The most characters a title may have; default 60. */
  maximum?: number;
}

/**
 * `title-length`: a title longer than search results show. Google cuts titles at about 600 pixels of
 * 20px text, the usual 60 characters; Arabic headlines measure some 9 pixels a character at that size
 * (DejaVu Sans, against 8.7 for Latin in Arial's metrics), so 60 holds with a little room. Harakat
 * and direction marks take no width and are not counted; nor is the `| site name` that pages add, as
 * Google shows the site name apart and drops it first. A message only.
 */
export function remarkLintTitleLength(options?: TitleLengthOptions) {
  const maximum = options?.maximum ?? 60;
  return (_tree: Root, file: VFile) => {
    const { frontMatter, locateFrontMatter } = file.data;
    if (!frontMatter || !locateFrontMatter) throw new Error('remarkLintTitleLength needs `file.data.frontMatter` and `file.data.locateFrontMatter`');
    const length = [...frontMatter.title.replace(/[\p{M}\p{Cf}]/gu, '')].length;
    if (length <= maximum) return;
    createReporter(file, 'title-length').at(
      locateFrontMatter(['title']),
      `Unexpected title of ${length} characters, expected at most ${maximum} so that search results show it whole`,
    );
  };
}
