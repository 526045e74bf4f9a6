// How lint rules add their findings to the file: warnings at true source places, with safe fixes attached.
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { Place } from '../messages.ts';
import { isVerbatim, type ProseBlock } from './prose.ts';
import type { RuleId } from './settings.ts';

/** A replacement for the reported text that `applyFixes` may make. */
export interface Fix {
  replacement: string;
  /**
   * Which characters next to the reported ones must be plain text in the source too, so that no
   * emphasis mark, escape or code span beside them changes its meaning: `both` (the default), the one
   * `after`, or none but the reported text itself (`self`, never just after a backslash).
   */
  neighbours?: 'both' | 'after' | 'self';
}

/** Reports findings of one rule on one file. */
export interface Reporter {
  /** The file reported on. */
  file: VFile;
  /** The file's text: the article with its front matter blanked, so offsets are file offsets. */
  source: string;
  /** Reports `block.text` from `start` to `end`; with `fix`, attaches it when the source there is plain text. */
  prose(block: ProseBlock, start: number, end: number, reason: string, fix?: Fix): VFileMessage;
  /** Reports at a place with no fix, such as a front-matter key. */
  at(place: Place, reason: string): VFileMessage;
}

/** A reporter for `ruleId` on `file`: every finding is a warning from `matbaa-lint`. */
export function createReporter(file: VFile, ruleId: RuleId): Reporter {
  const source = String(file.value);
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);

  const point = (offset: number): Point => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1, offset };
  };

  const message = (reason: string, place: Place | { start: Point; end: Point }): VFileMessage => {
    const found = file.message(reason, { place, ruleId, source: 'matbaa-lint' });
    found.fatal = false;
    return found;
  };

  return {
    file,
    source,
    prose(block, start, end, reason, fix) {
      const from = block.starts[start]!;
      const to = block.ends[end - 1]!;
      const found = message(reason, { start: point(from), end: point(to) });
      if (fix && isFixable(block, source, start, end, fix.neighbours ?? 'both')) {
        found.actual = source.slice(from, to);
        found.expected = [fix.replacement];
      }
      return found;
    },
    at(place, reason) {
      return message(reason, place);
    },
  };
}

function isFixable(block: ProseBlock, source: string, start: number, end: number, neighbours: 'both' | 'after' | 'self'): boolean {
  const { text } = block;
  const before = neighbours === 'both' && start > 0 && text[start - 1] !== '\n' ? start - 1 : start;
  const after = neighbours !== 'self' && end < text.length && text[end] !== '\n' ? end + 1 : end;
  return isVerbatim(block, source, before, after) && source[block.starts[before]! - 1] !== '\\';
}
