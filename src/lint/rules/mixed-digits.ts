import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { type DigitStyle, toDigits } from '../../arabic/digits.ts';
import type { Place } from '../../messages.ts';
import { proseOf, type ProseBlock } from '../prose.ts';
import { createReporter } from '../report.ts';

/** One number in the article, where it is and how it is written. */
interface NumberFound {
  text: string;
  style: DigitStyle;
  /** In the body: the block and the range in it; in front matter: the place of the key's value. */
  at: { block: ProseBlock; start: number; end: number } | { place: Place };
}

const number = /[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C][0-9\u0660-\u0669\u06F0-\u06F9]+)*/g;
const latinLetter = /[A-Za-z]/;
// Front-matter text that readers see.
const frontMatterFields = [['title'], ['subtitle'], ['image', 'alt'], ['image', 'caption'], ['image', 'credit']] as const;
const styleName: Record<DigitStyle, string> = { latn: 'Western digits', arab: 'Arabic-Indic digits' };

/**
 * `mixed-digits`: Western (0-9) and Arabic-Indic (٠-٩) digits in one article, counting the title,
 * subtitle and hero image text when the front matter is on `file.data`. The style most numbers use
 * is taken as meant (the first number's on a tie); each number in the other is reported. A message
 * only: which style is right is the editor's call. Digits that are part of a Latin name (`COVID-19`)
 * are not counted.
 */
export function remarkLintMixedDigits() {
  return (tree: Root, file: VFile) => {
    const report = createReporter(file, 'mixed-digits');
    const found: NumberFound[] = [];
    const { frontMatter, locateFrontMatter } = file.data;
    if (frontMatter && locateFrontMatter) {
      for (const path of frontMatterFields) {
        const value = path.reduce<unknown>((object, key) => (object as Record<string, unknown> | undefined)?.[key], frontMatter);
        if (typeof value !== 'string') continue;
        for (const match of value.matchAll(number)) {
          if (isPartOfLatinName(value, match.index, match.index + match[0].length)) continue;
          found.push({ text: match[0], style: styleOf(match[0]), at: { place: locateFrontMatter(path) } });
        }
      }
    }
    for (const block of proseOf(tree, report.file)) {
      for (const match of block.text.matchAll(number)) {
        const start = match.index;
        const end = start + match[0].length;
        if (isPartOfLatinName(block.text, start, end)) continue;
        found.push({ text: match[0], style: styleOf(match[0]), at: { block, start, end } });
      }
    }

    const first = found[0];
    if (!first) return;
    const western = found.filter((entry) => entry.style === 'latn').length;
    const arabic = found.length - western;
    if (western === 0 || arabic === 0) return;
    const meant: DigitStyle = western > arabic ? 'latn' : arabic > western ? 'arab' : first.style;
    for (const entry of found) {
      if (entry.style === meant) continue;
      const reason = `Unexpected ${styleName[entry.style]} in \`${entry.text}\`, expected ${styleName[meant]} (\`${toDigits(entry.text, meant)}\`) as in the rest of the article`;
      if ('place' in entry.at) report.at(entry.at.place, reason);
      else report.prose(entry.at.block, entry.at.start, entry.at.end, reason);
    }
  };
}

function styleOf(text: string): DigitStyle {
  return /[0-9]/.test(text[0]!) ? 'latn' : 'arab';
}

function isPartOfLatinName(text: string, start: number, end: number): boolean {
  const before = text[start - 1] === '-' ? text[start - 2] : text[start - 1];
  return latinLetter.test(before ?? '') || latinLetter.test(text[end] ?? '');
}
