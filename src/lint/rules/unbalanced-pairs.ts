import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { proseOf } from '../prose.ts';
import { createReporter } from '../report.ts';

const closerOf: Record<string, string> = { '(': ')', '[': ']', '«': '»' };
const openerOf: Record<string, string> = { ')': '(', ']': '[', '»': '«' };
// Quotes that look the same open and shut, by group: curly ones are typed “…” or, in some Arabic
// copy, ”…“, so either opens and either shuts.
const groupOf: Record<string, string> = { '"': '"', '“': '“', '”': '“' };
const otherCurly: Record<string, string> = { '"': '"', '“': '”', '”': '“' };
// `أ)` or `1)` at the start of a line numbers a point; its `)` has no `(`. Tested on the line so far
// only: a test on the whole text before it would cost the length of the paragraph each time.
const enumerator = /^[ \u00A0]*[\p{L}\p{N}]{1,3}$/u;
// Every mark the rule looks at: the rest of the text is skipped with one test a character.
const pairMark = /[()[\]«»"“”]/g;

interface Open {
  char: string;
  index: number;
}

/**
 * `unbalanced-pairs`: a `«` `(` `[` `“` or `"` without its closing mark in the same paragraph,
 * heading or table cell, or a `»` `)` `]` without its opening one. A message only: where the missing
 * mark goes is the editor's call.
 */
export function remarkLintUnbalancedPairs() {
  return (tree: Root, file: VFile) => {
    const report = createReporter(file, 'unbalanced-pairs');
    for (const block of proseOf(tree, report.file)) {
      const { text } = block;
      const stack: Open[] = [];
      const unclosed = (open: Open) => {
        const closer = closerOf[open.char] ?? otherCurly[open.char]!;
        report.prose(block, open.index, open.index + 1, `Unexpected unclosed \`${open.char}\`, expected a closing \`${closer}\``);
      };
      // Closes the nearest open mark that `matches`; those opened after it were never closed.
      const close = (matches: (open: Open) => boolean): boolean => {
        let at = stack.length - 1;
        while (at >= 0 && !matches(stack[at]!)) at--;
        if (at === -1) return false;
        for (const open of stack.splice(at).slice(1)) unclosed(open);
        return true;
      };
      for (const match of text.matchAll(pairMark)) {
        const char = match[0];
        const index = match.index;
        if (Object.hasOwn(closerOf, char)) {
          stack.push({ char, index });
        } else if (Object.hasOwn(openerOf, char)) {
          if (close((open) => open.char === openerOf[char])) continue;
          if (char === ')' && enumerator.test(text.slice(text.lastIndexOf('\n', index - 1) + 1, index))) continue;
          report.prose(block, index, index + 1, `Unexpected \`${char}\` without an opening \`${openerOf[char]}\`, expected one before it`);
        } else if (Object.hasOwn(groupOf, char)) {
          if (!close((open) => groupOf[open.char] === groupOf[char])) stack.push({ char, index });
        }
      }
      for (const open of stack) unclosed(open);
    }
  };
}
