import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { reportLatinPunctuation } from '../latin-punctuation.ts';

/** `arabic-comma`: a Latin comma `,` in Arabic text, to be the Arabic `،` (fixable). */
export function remarkLintArabicComma() {
  return (tree: Root, file: VFile) => {
    reportLatinPunctuation(tree, file, 'arabic-comma', ',', '،');
  };
}
