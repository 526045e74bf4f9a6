/** Which digits a piece of text is written with. */
export type DigitStyle = 'latn' | 'arab'; // 'latn' = 0-9, 'arab' = Arabic-Indic ٠-٩

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;
const ANY_DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/g;

/** Value (0-9) of a Western, Arabic-Indic or Persian digit character. */
function digitValue(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code >= PERSIAN_ZERO) return code - PERSIAN_ZERO;
  if (code >= ARABIC_INDIC_ZERO) return code - ARABIC_INDIC_ZERO;
  return code - 0x30;
}

/** Rewrites every Western, Arabic-Indic or Persian digit in `text` in the chosen style; nothing else changes. */
export function toDigits(text: string, style: DigitStyle): string {
  const zero = style === 'arab' ? ARABIC_INDIC_ZERO : 0x30;
  return text.replace(ANY_DIGIT, (ch) => String.fromCodePoint(zero + digitValue(ch)));
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(style: DigitStyle, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${style}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(`ar-u-nu-${style}`, options);
    numberFormats.set(key, format);
  }
  return format;
}

/** Formats a number the way Intl does for Arabic (grouping, decimal and sign marks) in the chosen digits. */
export function formatNumber(n: number, style: DigitStyle): string {
  return numberFormat(style).format(n);
}

/** Formats an integer with no grouping separators (years, days, clock fields), zero-padded to `minDigits`. */
export function formatInteger(n: number, style: DigitStyle, minDigits = 1): string {
  return numberFormat(style, { useGrouping: false, minimumIntegerDigits: minDigits, maximumFractionDigits: 0 }).format(n);
}
