import { formatInteger, type DigitStyle } from './digits.ts';

/** Which Gregorian month names to print: Levantine (كانون الثاني), Egyptian/Gulf (يناير) or both joined by «/». */
export type MonthStyle = 'levantine' | 'egyptian' | 'both';

/** How the site prints dates: in which time zone, with which month names and digits, and whether to add the Hijri date. */
export interface DateStyle {
  timeZone: string;
  months: MonthStyle;
  digits: DigitStyle;
  hijri?: boolean;
}

/** Calendar and clock fields of an instant as seen in one time zone. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

function partsOf(format: Intl.DateTimeFormat, date: Date): Map<Intl.DateTimeFormatPartTypes, string> {
  return new Map(format.formatToParts(date).map((part) => [part.type, part.value]));
}

interface WallTime extends ZonedParts {
  second: number;
}

// Pages show the same instants over and over (every teaser's date line, on every page that lists it),
// and formatToParts is the dearest call in rendering them: each instant is read once a zone. Bounded,
// so a long-lived dev server does not grow without end.
const wallTimes = new Map<string, Readonly<WallTime>>();
const wallTimesLimit = 100_000;
// One formatter a zone, found without building a key from the options on every call.
const wallFormats = new Map<string, Intl.DateTimeFormat>();

function wallTime(date: Date, timeZone: string): Readonly<WallTime> {
  const key = `${date.getTime()} ${timeZone}`;
  const known = wallTimes.get(key);
  if (known) return known;
  let format = wallFormats.get(timeZone);
  if (!format) {
    format = dateFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      // hour12: false would print midnight as "24"; h23 prints "00".
      hourCycle: 'h23',
    });
    wallFormats.set(timeZone, format);
  }
  const parts = partsOf(format, date);
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.get(type));
  const wall = Object.freeze({
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  });
  if (wallTimes.size >= wallTimesLimit) wallTimes.clear();
  wallTimes.set(key, wall);
  return wall;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Offset of `timeZone` from UTC at instant `ms`, in milliseconds (whole seconds). */
function offsetAt(ms: number, timeZone: string): number {
  const wall = wallTime(new Date(ms), timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the clocks in `timeZone` show `wallMs` (a wall time encoded as if it were UTC).
 * Like Temporal's 'compatible' rule: a time skipped by a DST jump moves forward by the jump,
 * a time that happens twice resolves to the earlier one.
 */
function instantOfWallTime(wallMs: number, timeZone: string): number {
  const before = offsetAt(wallMs - DAY, timeZone);
  const after = offsetAt(wallMs + DAY, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wallMs - offset)
    .filter((ms) => offsetAt(ms, timeZone) === wallMs - ms)
    .sort((a, b) => a - b);
  return candidates[0] ?? wallMs - before;
}

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Reads a Date or an ISO 8601 string as an instant; a string without an offset is wall time in `timeZone`. */
export function toInstant(input: string | Date, timeZone: string): Date {
  // Never Date.parse: it reads offset-less strings in the build machine's own time zone.
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new RangeError('Invalid Date');
    return input;
  }
  const match = ISO_PATTERN.exec(input.trim());
  if (!match) throw new RangeError(`Not an ISO 8601 date: ${JSON.stringify(input)}`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number, number, number, number, number, number,
  ];
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(wallMs);
  // Date.UTC silently rolls 2026-02-30 over to March; reject instead.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    throw new RangeError(`Not a valid date: ${JSON.stringify(input)}`);
  }
  if (zone === undefined) return new Date(instantOfWallTime(wallMs, timeZone));
  if (zone.toUpperCase() === 'Z') return new Date(wallMs);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return new Date(wallMs - sign * offsetMinutes * MINUTE);
}

/** Year, month (1-12), day, hour (0-23) and minute of an instant in `timeZone`; for archive grouping. */
export function zonedParts(iso: string | Date, timeZone: string): ZonedParts {
  const { year, month, day, hour, minute } = wallTime(toInstant(iso, timeZone), timeZone);
  return { year, month, day, hour, minute };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** ISO 8601 for `date` with the offset `timeZone` has at that instant, e.g. `2026-11-24T23:30:00+02:00`. */
export function isoInZone(date: Date, timeZone: string): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
  const wall = wallTime(date, timeZone);
  // Offsets are printed to the minute; pre-1900 local mean time offsets with seconds are rounded.
  const offsetMinutes = Math.round(offsetAt(date.getTime(), timeZone) / MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const yearText = String(wall.year).padStart(4, '0');
  return (
    `${yearText}-${pad2(wall.month)}-${pad2(wall.day)}` +
    `T${pad2(wall.hour)}:${pad2(wall.minute)}:${pad2(wall.second)}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

// Intl locales whose Gregorian month names are the Levantine (Syriac-derived) and the Egyptian (Latin-derived) ones.
const MONTH_LOCALES = { levantine: 'ar-SY', egyptian: 'ar-EG' } as const;

function intlMonthName(month: number, locale: string): string {
  // Mid-month at noon UTC, printed in UTC, so no time zone can shift it into a neighbouring month.
  return dateFormat(locale, { timeZone: 'UTC', month: 'long' }).format(new Date(Date.UTC(2000, month - 1, 15, 12)));
}

/** Name of Gregorian month 1-12; 'both' gives «كانون الأول/ديسمبر». */
export function monthName(month: number, months: MonthStyle): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`month must be an integer from 1 to 12, got ${month}`);
  }
  if (months === 'both') {
    return `${intlMonthName(month, MONTH_LOCALES.levantine)}/${intlMonthName(month, MONTH_LOCALES.egyptian)}`;
  }
  return intlMonthName(month, MONTH_LOCALES[months]);
}

/** Month and year heading for archive pages, e.g. «تشرين الثاني/نوفمبر 2026». */
export function yearMonthLabel(year: number, month: number, style: DateStyle): string {
  return `${monthName(month, style.months)} ${formatInteger(year, style.digits)}`;
}

const FORMAT_CHARACTERS = /\p{Cf}/gu;

/** Umm al-Qura date of the instant in `timeZone`, e.g. «14 جمادى الآخرة 1448 هـ». */
export function formatHijriDate(iso: string | Date, timeZone: string, digits: DigitStyle): string {
  const parts = partsOf(
    dateFormat(`ar-SA-u-ca-islamic-umalqura-nu-${digits}`, { timeZone, day: 'numeric', month: 'long', year: 'numeric' }),
    toInstant(iso, timeZone),
  );
  // Assembled from the parts rather than Intl's pattern so that the order, spacing and
  // era suffix (ICU 78 prints "هـ", U+0647 U+0640) stay fixed whatever the ICU version.
  const field = (type: Intl.DateTimeFormatPartTypes): string => (parts.get(type) ?? '').replace(FORMAT_CHARACTERS, '');
  return `${field('day')} ${field('month')} ${field('year')} هـ`;
}

/** Calendar date in the site's time zone, day month year, e.g. «24 تشرين الثاني/نوفمبر 2026» (+ « (14 جمادى الآخرة 1448 هـ)» with hijri). */
export function formatDate(iso: string | Date, style: DateStyle): string {
  const instant = toInstant(iso, style.timeZone);
  const { year, month, day } = wallTime(instant, style.timeZone);
  const gregorian = `${formatInteger(day, style.digits)} ${monthName(month, style.months)} ${formatInteger(year, style.digits)}`;
  return style.hijri ? `${gregorian} (${formatHijriDate(instant, style.timeZone, style.digits)})` : gregorian;
}

/** 24-hour clock time in the site's time zone, e.g. «21:05» (no ص/م). */
export function formatTime(iso: string | Date, style: DateStyle): string {
  const { hour, minute } = wallTime(toInstant(iso, style.timeZone), style.timeZone);
  return `${formatInteger(hour, style.digits, 2)}:${formatInteger(minute, style.digits, 2)}`;
}

/** Date then time separated by an Arabic comma, e.g. «24 تشرين الثاني/نوفمبر 2026، 21:05». */
export function formatDateTime(iso: string | Date, style: DateStyle): string {
  const instant = toInstant(iso, style.timeZone);
  return `${formatDate(instant, style)}، ${formatTime(instant, style)}`;
}
