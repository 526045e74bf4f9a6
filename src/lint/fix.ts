// `matbaa check --fix`: the safe fixes that lint findings carry, made in the source.
import type { VFileMessage } from 'vfile-message';

/**
 * Applies the fixes in `messages` (a place with offsets, `actual` as the source has it there, and one
 * `expected` replacement) to `source`, from the end back so earlier offsets stay true. A fix that
 * overlaps one already made, or whose `actual` no longer matches the source, is left for the next run.
 */
export function applyFixes(source: string, messages: readonly VFileMessage[]): string {
  const fixes: { start: number; end: number; replacement: string }[] = [];
  for (const message of messages) {
    const place = message.place;
    if (!place || !('start' in place) || message.actual === undefined || message.expected?.length !== 1) continue;
    const start = place.start.offset;
    const end = place.end.offset;
    if (start === undefined || end === undefined || source.slice(start, end) !== message.actual) continue;
    fixes.push({ start, end, replacement: message.expected[0]! });
  }
  fixes.sort((a, b) => b.start - a.start || b.end - a.end);

  let result = source;
  let limit = Number.POSITIVE_INFINITY;
  for (const fix of fixes) {
    if (fix.end > limit) continue;
    result = result.slice(0, fix.start) + fix.replacement + result.slice(fix.end);
    limit = fix.start;
  }
  return result;
}
