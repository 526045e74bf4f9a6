import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { createReporter } from '../report.ts';

/**
 * `hero-caption-credit`: a hero `image` in front matter without a `caption` (what the picture shows,
 * for every reader) or a `credit` (who took it or the agency, which the licence asks for). A message only.
 */
export function remarkLintHeroCaptionCredit() {
  return (_tree: Root, file: VFile) => {
    const { frontMatter, locateFrontMatter } = file.data;
    if (!frontMatter || !locateFrontMatter) throw new Error('remarkLintHeroCaptionCredit needs `file.data.frontMatter` and `file.data.locateFrontMatter`');
    const { image } = frontMatter;
    if (!image) return;
    const report = createReporter(file, 'hero-caption-credit');
    const place = locateFrontMatter(['image'], 'key');
    if (!image.caption) report.at(place, 'Missing `image.caption`, expected a caption saying what the hero image shows');
    if (!image.credit) report.at(place, 'Missing `image.credit`, expected the photographer or agency the hero image is from');
  };
}
