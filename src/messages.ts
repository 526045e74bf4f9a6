// Content problems as plain, serialisable records: made from vfile messages in any stage or worker,
// collected across the build, and printed once by the CLI.
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

/** One problem in one content file, at a true line and column of that file. */
export interface MessageRecord {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  reason: string;
  ruleId: string;
}

/** A place in a source file, 1-based, as unist positions count. */
export interface Place {
  line: number;
  column: number;
}

/** Adds an error to the file: the build goes on to find the rest, then fails. */
export function reportError(file: VFile, reason: string, place: Place | undefined, ruleId: string): VFileMessage {
  const message = file.message(reason, { place, ruleId, source: 'matbaa' });
  message.fatal = true;
  return message;
}

/** Adds a warning to the file: shown to the editor, never fails the build. */
export function reportWarning(file: VFile, reason: string, place: Place | undefined, ruleId: string): VFileMessage {
  const message = file.message(reason, { place, ruleId, source: 'matbaa' });
  message.fatal = false;
  return message;
}

/** The file's vfile messages as plain records (errors for fatal ones, warnings for the rest). */
export function messageRecords(file: VFile): MessageRecord[] {
  return file.messages.map((message) => ({
    file: file.path,
    line: message.line ?? 1,
    column: message.column ?? 1,
    severity: message.fatal ? 'error' : 'warning',
    reason: message.reason,
    ruleId: message.ruleId ?? 'matbaa',
  }));
}

/** Whether any record is an error. */
export function hasErrors(records: readonly MessageRecord[]): boolean {
  return records.some((record) => record.severity === 'error');
}

/** Records in reading order: by file, then line, then column. */
export function sortMessages(records: readonly MessageRecord[]): MessageRecord[] {
  return [...records].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

/** `path:line:column: error: reason  rule-id`, the form editors' tools and CI annotations read. */
export function formatMessage(record: MessageRecord): string {
  return `${record.file}:${record.line}:${record.column}: ${record.severity}: ${record.reason}  ${record.ruleId}`;
}

/** `path:line:column  severity  message  rule-id`, the vfile-reporter style `matbaa check` prints. */
export function formatReport(record: MessageRecord): string {
  return `${record.file}:${record.line}:${record.column}  ${record.severity}  ${record.reason}  ${record.ruleId}`;
}
