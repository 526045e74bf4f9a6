import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { reportLatinPunctuation } from '../latin-punctuation.ts';

/** `arabic-question-mark`: a Latin question mark `?` in Arabic text, to be the Arabic `؟` (fixable). */
export function remarkLintArabicQuestionMark() {
  return (tree: Root, file: VFile) => {
    reportLatinPunctuation(tree, file, 'arabic-question-mark', '?', '؟');
  };
}
