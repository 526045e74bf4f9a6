import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { reportLatinPunctuation } from '../latin-punctuation.ts';

/** `arabic-semicolon`: a Latin semicolon `;` in Arabic text, to be the Arabic `؛` (fixable). */
export function remarkLintArabicSemicolon() {
  return (tree: Root, file: VFile) => {
    reportLatinPunctuation(tree, file, 'arabic-semicolon', ';', '؛');
  };
}
