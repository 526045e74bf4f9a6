import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { formatInteger, formatNumber, toDigits } from '../src/arabic/digits.ts';
import {
  formatDate,
  formatDateTime,
  formatHijriDate,
  formatTime,
  isoInZone,
  monthName,
  toInstant,
  yearMonthLabel,
  zonedParts,
  type DateStyle,
} from '../src/arabic/dates.ts';
import { plural, readingMinutes, readingTimeForms, type PluralForms } from '../src/arabic/plural.ts';
import { isCanonicalSlug, slugify, slugPattern } from '../src/arabic/slug.ts';
import { bidiControlPattern, firstStrongDirection, languageDirection, stripBidiControls, textDirection } from '../src/arabic/bidi.ts';

const LRM = '\u200E';
const RLM = '\u200F';
const ALM = '\u061C';
const ZWNJ = '\u200C';

describe('digits', () => {
  test('should convert Western digits to Arabic-Indic digits and leave the rest alone', () => {
    assert.equal(toDigits('العدد 2024، الصفحة 7-9.', 'arab'), 'العدد ٢٠٢٤، الصفحة ٧-٩.');
  });

  test('should convert Arabic-Indic and Persian digits to Western digits', () => {
    assert.equal(toDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹', 'latn'), '0123456789 0123456789');
  });

  test('should convert Persian digits to Arabic-Indic digits', () => {
    assert.equal(toDigits('۱۴۴۸', 'arab'), '١٤٤٨');
  });

  test('should keep Arabic decimal and thousands separators, which are not digits', () => {
    assert.equal(toDigits('١٬٢٣٤٫٥', 'latn'), '1٬234٫5');
  });

  test('should return text without digits unchanged', () => {
    assert.equal(toDigits('لا أرقام هنا', 'arab'), 'لا أرقام هنا');
    assert.equal(toDigits('', 'latn'), '');
  });

  test('should group and punctuate numbers as Intl does for Arabic', () => {
    assert.equal(formatNumber(1234567.5, 'latn'), '1,234,567.5');
    assert.equal(formatNumber(1234567.5, 'arab'), '١٬٢٣٤٬٥٦٧٫٥');
    assert.equal(formatNumber(1000, 'arab'), '١٬٠٠٠');
    assert.equal(formatNumber(999, 'latn'), '999');
  });

  test('should keep the direction mark Intl puts before a minus sign', () => {
    assert.equal(formatNumber(-42, 'latn'), `${LRM}-42`);
    assert.equal(formatNumber(-42, 'arab'), `${ALM}-٤٢`);
  });

  test('should format integers without grouping and with zero padding', () => {
    assert.equal(formatInteger(2026, 'latn'), '2026');
    assert.equal(formatInteger(2026, 'arab'), '٢٠٢٦');
    assert.equal(formatInteger(5, 'latn', 2), '05');
    assert.equal(formatInteger(0, 'arab', 2), '٠٠');
  });
});

const LEVANTINE = [
  'كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران',
  'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول',
];
const EGYPTIAN = [
  'يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو',
  'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر',
];

describe('month names', () => {
  test('should print the twelve Levantine month names', () => {
    assert.deepEqual(
      LEVANTINE.map((_, i) => monthName(i + 1, 'levantine')),
      LEVANTINE,
    );
  });

  test('should print the twelve Egyptian month names', () => {
    assert.deepEqual(
      EGYPTIAN.map((_, i) => monthName(i + 1, 'egyptian')),
      EGYPTIAN,
    );
  });

  test('should print the Levantine and Egyptian month names together', () => {
    assert.equal(monthName(12, 'both'), 'كانون الأول/ديسمبر');
    assert.equal(monthName(1, 'both'), 'كانون الثاني/يناير');
    assert.equal(monthName(8, 'both'), 'آب/أغسطس');
  });

  test('should put no invisible characters in month names', () => {
    for (let month = 1; month <= 12; month++) {
      assert.doesNotMatch(monthName(month, 'both'), /\p{Cf}/u);
    }
  });

  test('should reject a month outside 1-12', () => {
    assert.throws(() => monthName(0, 'levantine'), RangeError);
    assert.throws(() => monthName(13, 'egyptian'), RangeError);
    assert.throws(() => monthName(1.5, 'both'), RangeError);
  });
});

const INSTANT = '2026-11-24T21:05:00Z';

function style(months: DateStyle['months'], digits: DateStyle['digits'], timeZone = 'UTC'): DateStyle {
  return { timeZone, months, digits };
}

describe('formatDate', () => {
  const expected: Array<[DateStyle['months'], DateStyle['digits'], string]> = [
    ['levantine', 'latn', '24 تشرين الثاني 2026'],
    ['levantine', 'arab', '٢٤ تشرين الثاني ٢٠٢٦'],
    ['egyptian', 'latn', '24 نوفمبر 2026'],
    ['egyptian', 'arab', '٢٤ نوفمبر ٢٠٢٦'],
    ['both', 'latn', '24 تشرين الثاني/نوفمبر 2026'],
    ['both', 'arab', '٢٤ تشرين الثاني/نوفمبر ٢٠٢٦'],
  ];
  for (const [months, digits, text] of expected) {
    test(`should print the date with ${months} months and ${digits} digits`, () => {
      assert.equal(formatDate(INSTANT, style(months, digits)), text);
    });
  }

  test('should accept a Date object as well as a string', () => {
    assert.equal(formatDate(new Date(INSTANT), style('egyptian', 'latn')), '24 نوفمبر 2026');
  });

  test('should show the next day when the site time zone has already passed midnight', () => {
    // 21:00 UTC on 30 November is 00:00 on 1 December in Riyadh (UTC+3).
    const instant = '2026-11-30T21:00:00Z';
    assert.equal(formatDate(instant, style('levantine', 'latn', 'UTC')), '30 تشرين الثاني 2026');
    assert.equal(formatDate(instant, style('levantine', 'latn', 'Asia/Riyadh')), '1 كانون الأول 2026');
    assert.equal(formatDate('2026-11-30T20:59:59Z', style('levantine', 'latn', 'Asia/Riyadh')), '30 تشرين الثاني 2026');
  });

  test('should cross the year boundary in the site time zone', () => {
    assert.equal(formatDate('2026-12-31T21:30:00Z', style('both', 'latn', 'Asia/Riyadh')), '1 كانون الثاني/يناير 2027');
  });

  test('should display a date written with a +03:00 offset in another time zone', () => {
    const written = '2026-12-01T00:30:00+03:00';
    assert.equal(formatDate(written, style('egyptian', 'latn', 'Asia/Riyadh')), '1 ديسمبر 2026');
    assert.equal(formatDate(written, style('egyptian', 'latn', 'Asia/Beirut')), '30 نوفمبر 2026');
    assert.equal(formatDate(written, style('egyptian', 'latn', 'UTC')), '30 نوفمبر 2026');
  });

  test('should read a date without a time as that calendar day in the site time zone', () => {
    assert.equal(formatDate('2026-11-24', style('both', 'latn', 'Asia/Riyadh')), '24 تشرين الثاني/نوفمبر 2026');
    assert.equal(formatDate('2026-11-24', style('both', 'latn', 'America/New_York')), '24 تشرين الثاني/نوفمبر 2026');
  });

  test('should not depend on the time zone of the machine running the build', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Honolulu';
      assert.equal(formatDate('2026-11-24', style('egyptian', 'latn', 'Asia/Riyadh')), '24 نوفمبر 2026');
      assert.equal(formatTime('2026-11-24T10:15', style('egyptian', 'latn', 'Asia/Riyadh')), '10:15');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('should append the Umm al-Qura Hijri date in parentheses', () => {
    assert.equal(
      formatDate(INSTANT, { timeZone: 'Asia/Beirut', months: 'both', digits: 'latn', hijri: true }),
      '24 تشرين الثاني/نوفمبر 2026 (14 جمادى الآخرة 1448 هـ)',
    );
    assert.equal(
      formatDate(INSTANT, { timeZone: 'Asia/Beirut', months: 'levantine', digits: 'arab', hijri: true }),
      '٢٤ تشرين الثاني ٢٠٢٦ (١٤ جمادى الآخرة ١٤٤٨ هـ)',
    );
  });

  test('should leave out the Hijri date when hijri is false', () => {
    assert.equal(
      formatDate(INSTANT, { timeZone: 'UTC', months: 'egyptian', digits: 'latn', hijri: false }),
      '24 نوفمبر 2026',
    );
  });

  test('should reject strings that are not ISO 8601 dates', () => {
    assert.throws(() => formatDate('yesterday', style('both', 'latn')), RangeError);
    assert.throws(() => formatDate('2026-02-30', style('both', 'latn')), RangeError);
    assert.throws(() => formatDate(new Date(Number.NaN), style('both', 'latn')), RangeError);
  });
});

describe('formatHijriDate', () => {
  test('should end the Hijri date with the era suffix هـ', () => {
    const text = formatHijriDate(INSTANT, 'UTC', 'latn');
    assert.equal(text, '14 جمادى الآخرة 1448 هـ');
    assert.ok(text.endsWith(' \u0647\u0640'));
  });

  test('should change the Hijri day at midnight in the site time zone', () => {
    // Umm al-Qura 1 Jumada al-Akhira 1448 is 11 November 2026.
    assert.equal(formatHijriDate('2026-11-10T20:59:00Z', 'Asia/Riyadh', 'latn'), '30 جمادى الأولى 1448 هـ');
    assert.equal(formatHijriDate('2026-11-10T21:00:00Z', 'Asia/Riyadh', 'latn'), '1 جمادى الآخرة 1448 هـ');
    assert.equal(formatHijriDate('2026-11-10T21:00:00Z', 'UTC', 'latn'), '30 جمادى الأولى 1448 هـ');
  });

  test('should print the first of Ramadan 1447 in Arabic-Indic digits', () => {
    assert.equal(formatHijriDate('2026-02-18T00:00:00+03:00', 'Asia/Riyadh', 'arab'), '١ رمضان ١٤٤٧ هـ');
    assert.equal(formatHijriDate('2026-02-17T23:59:00+03:00', 'Asia/Riyadh', 'arab'), '٢٩ شعبان ١٤٤٧ هـ');
  });
});

describe('formatTime and formatDateTime', () => {
  test('should print a 24-hour time in the site time zone', () => {
    assert.equal(formatTime(INSTANT, style('both', 'latn', 'UTC')), '21:05');
    assert.equal(formatTime(INSTANT, style('both', 'latn', 'Asia/Beirut')), '23:05');
    assert.equal(formatTime(INSTANT, style('both', 'arab', 'Asia/Beirut')), '٢٣:٠٥');
  });

  test('should print midnight as 00:00, not 24:00', () => {
    assert.equal(formatTime('2026-11-30T21:00:00Z', style('both', 'latn', 'Asia/Riyadh')), '00:00');
    assert.equal(formatTime('2026-11-30T21:00:00Z', style('both', 'arab', 'Asia/Riyadh')), '٠٠:٠٠');
  });

  test('should zero-pad hours and minutes before ten', () => {
    assert.equal(formatTime('2026-01-05T06:07:00Z', style('both', 'latn', 'UTC')), '06:07');
  });

  test('should join date and time with an Arabic comma', () => {
    assert.equal(formatDateTime(INSTANT, style('both', 'latn', 'UTC')), '24 تشرين الثاني/نوفمبر 2026، 21:05');
    assert.equal(formatDateTime(INSTANT, style('egyptian', 'arab', 'Asia/Riyadh')), '٢٥ نوفمبر ٢٠٢٦، ٠٠:٠٥');
  });

  test('should put the Hijri date before the time in formatDateTime', () => {
    assert.equal(
      formatDateTime(INSTANT, { timeZone: 'Asia/Beirut', months: 'both', digits: 'arab', hijri: true }),
      '٢٤ تشرين الثاني/نوفمبر ٢٠٢٦ (١٤ جمادى الآخرة ١٤٤٨ هـ)، ٢٣:٠٥',
    );
  });

  test('should follow Beirut into summer time at midnight on the last Sunday of March', () => {
    const beirut = style('levantine', 'latn', 'Asia/Beirut');
    assert.equal(formatDateTime('2026-03-28T21:59:00Z', beirut), '28 آذار 2026، 23:59');
    // Clocks jump from 00:00 to 01:00, so the minute after 23:59 is 01:00 on the 29th.
    assert.equal(formatDateTime('2026-03-28T22:00:00Z', beirut), '29 آذار 2026، 01:00');
  });

  test('should follow Beirut back to winter time at midnight on the last Sunday of October', () => {
    const beirut = style('levantine', 'latn', 'Asia/Beirut');
    // Midnight becomes 23:00 again, so 23:30 on the 24th happens twice.
    assert.equal(formatDateTime('2026-10-24T20:30:00Z', beirut), '24 تشرين الأول 2026، 23:30');
    assert.equal(formatDateTime('2026-10-24T21:30:00Z', beirut), '24 تشرين الأول 2026، 23:30');
    assert.equal(formatDateTime('2026-10-24T22:00:00Z', beirut), '25 تشرين الأول 2026، 00:00');
  });
});

describe('yearMonthLabel', () => {
  test('should label an archive month in every month style', () => {
    assert.equal(yearMonthLabel(2026, 11, style('both', 'latn')), 'تشرين الثاني/نوفمبر 2026');
    assert.equal(yearMonthLabel(2026, 11, style('levantine', 'latn')), 'تشرين الثاني 2026');
    assert.equal(yearMonthLabel(2026, 11, style('egyptian', 'latn')), 'نوفمبر 2026');
  });

  test('should print the year without a thousands separator in Arabic-Indic digits', () => {
    assert.equal(yearMonthLabel(2026, 3, style('both', 'arab')), 'آذار/مارس ٢٠٢٦');
  });
});

describe('zonedParts', () => {
  test('should give the calendar fields of an instant in a time zone', () => {
    assert.deepEqual(zonedParts(INSTANT, 'Asia/Beirut'), { year: 2026, month: 11, day: 24, hour: 23, minute: 5 });
  });

  test('should move to the first of the next month in Riyadh while UTC is still on the 30th', () => {
    assert.deepEqual(zonedParts('2026-11-30T21:00:00Z', 'Asia/Riyadh'), { year: 2026, month: 12, day: 1, hour: 0, minute: 0 });
    assert.deepEqual(zonedParts('2026-11-30T21:00:00Z', 'UTC'), { year: 2026, month: 11, day: 30, hour: 21, minute: 0 });
  });

  test('should convert an offset date into another time zone', () => {
    assert.deepEqual(zonedParts('2026-12-01T00:30:00+03:00', 'Asia/Beirut'), { year: 2026, month: 11, day: 30, hour: 23, minute: 30 });
  });

  test('should accept a Date object', () => {
    assert.deepEqual(zonedParts(new Date('2026-12-31T22:00:00Z'), 'Asia/Riyadh'), { year: 2027, month: 1, day: 1, hour: 1, minute: 0 });
  });
});

describe('isoInZone', () => {
  test('should print the local time with the offset in force at that instant', () => {
    assert.equal(isoInZone(new Date('2026-11-24T21:30:00Z'), 'Asia/Beirut'), '2026-11-24T23:30:00+02:00');
    assert.equal(isoInZone(new Date('2026-07-01T09:00:00Z'), 'Asia/Beirut'), '2026-07-01T12:00:00+03:00');
  });

  test('should print the two different offsets of the repeated hour when Beirut leaves summer time', () => {
    assert.equal(isoInZone(new Date('2026-10-24T20:30:00Z'), 'Asia/Beirut'), '2026-10-24T23:30:00+03:00');
    assert.equal(isoInZone(new Date('2026-10-24T21:30:00Z'), 'Asia/Beirut'), '2026-10-24T23:30:00+02:00');
  });

  test('should print zero, half-hour and negative offsets', () => {
    assert.equal(isoInZone(new Date('2026-11-24T21:30:00Z'), 'UTC'), '2026-11-24T21:30:00+00:00');
    assert.equal(isoInZone(new Date('2026-11-24T21:30:00Z'), 'Asia/Kolkata'), '2026-11-25T03:00:00+05:30');
    assert.equal(isoInZone(new Date('2026-11-24T01:30:00Z'), 'America/New_York'), '2026-11-23T20:30:00-05:00');
  });

  test('should keep seconds and drop milliseconds', () => {
    assert.equal(isoInZone(new Date('2026-11-24T21:30:45.999Z'), 'Asia/Riyadh'), '2026-11-25T00:30:45+03:00');
  });

  test('should round-trip through toInstant', () => {
    const date = new Date('2026-03-28T22:00:00Z');
    assert.equal(toInstant(isoInZone(date, 'Asia/Beirut'), 'UTC').getTime(), date.getTime());
  });
});

describe('toInstant', () => {
  test('should honour the offset written in the string', () => {
    assert.equal(toInstant('2026-11-24T23:30:00+03:00', 'UTC').toISOString(), '2026-11-24T20:30:00.000Z');
    assert.equal(toInstant('2026-11-24T10:00:00.123+0530', 'UTC').toISOString(), '2026-11-24T04:30:00.123Z');
    assert.equal(toInstant('2026-11-24T10:00Z', 'Asia/Riyadh').toISOString(), '2026-11-24T10:00:00.000Z');
  });

  test('should read a string without an offset as wall time in the given time zone', () => {
    assert.equal(toInstant('2026-11-24', 'Asia/Riyadh').toISOString(), '2026-11-23T21:00:00.000Z');
    assert.equal(toInstant('2026-11-24T10:00', 'Asia/Beirut').toISOString(), '2026-11-24T08:00:00.000Z');
  });

  test('should move a wall time skipped by the spring-forward jump one hour later', () => {
    assert.equal(toInstant('2026-03-29T00:30', 'Asia/Beirut').toISOString(), '2026-03-28T22:30:00.000Z');
  });

  test('should pick the earlier instant for a wall time that happens twice', () => {
    assert.equal(toInstant('2026-10-24T23:30', 'Asia/Beirut').toISOString(), '2026-10-24T20:30:00.000Z');
  });

  test('should reject impossible dates and times', () => {
    assert.throws(() => toInstant('2026-13-01', 'UTC'), RangeError);
    assert.throws(() => toInstant('2026-11-24T24:00', 'UTC'), RangeError);
    assert.throws(() => toInstant('24/11/2026', 'UTC'), RangeError);
  });
});

describe('plural', () => {
  const forms: PluralForms = {
    zero: 'zero {n}',
    one: 'one {n}',
    two: 'two {n}',
    few: 'few {n}',
    many: 'many {n}',
    other: 'other {n}',
  };

  test('should choose each of the six Arabic plural categories', () => {
    assert.equal(plural(0, forms, 'latn'), 'zero 0');
    assert.equal(plural(1, forms, 'latn'), 'one 1');
    assert.equal(plural(2, forms, 'latn'), 'two 2');
    assert.equal(plural(3, forms, 'latn'), 'few 3');
    assert.equal(plural(10, forms, 'latn'), 'few 10');
    assert.equal(plural(11, forms, 'latn'), 'many 11');
    assert.equal(plural(99, forms, 'latn'), 'many 99');
    assert.equal(plural(100, forms, 'latn'), 'other 100');
    assert.equal(plural(102, forms, 'latn'), 'other 102');
    assert.equal(plural(103, forms, 'latn'), 'few 103');
    assert.equal(plural(111, forms, 'latn'), 'many 111');
  });

  test('should fill in the number with the chosen digits and Arabic grouping', () => {
    assert.equal(plural(11, forms, 'arab'), 'many ١١');
    assert.equal(plural(1000, forms, 'arab'), 'other ١٬٠٠٠');
  });

  test('should replace every {n} in a form', () => {
    assert.equal(plural(5, { ...forms, few: '{n} من {n}' }, 'latn'), '5 من 5');
  });

  test('should use the other form for zero when there is no zero form', () => {
    const { zero: _zero, ...withoutZero } = forms;
    assert.equal(plural(0, withoutZero, 'latn'), 'other 0');
  });

  test('should read reading times naturally in Arabic', () => {
    const read = (n: number) => plural(n, readingTimeForms, 'latn');
    assert.equal(read(0), 'أقل من دقيقة');
    assert.equal(read(1), 'دقيقة واحدة');
    assert.equal(read(2), 'دقيقتان');
    assert.equal(read(3), '3 دقائق');
    assert.equal(read(10), '10 دقائق');
    assert.equal(read(11), '11 دقيقة');
    assert.equal(read(100), '100 دقيقة');
  });

  test('should print reading times in Arabic-Indic digits', () => {
    assert.equal(plural(3, readingTimeForms, 'arab'), '٣ دقائق');
    assert.equal(plural(25, readingTimeForms, 'arab'), '٢٥ دقيقة');
  });
});

describe('readingMinutes', () => {
  const words = (n: number) => Array.from({ length: n }, () => 'كلمة').join(' ');

  test('should never estimate less than one minute', () => {
    assert.equal(readingMinutes(''), 1);
    assert.equal(readingMinutes('   \n\t '), 1);
    assert.equal(readingMinutes(words(10)), 1);
  });

  test('should round the words per minute to the nearest minute', () => {
    assert.equal(readingMinutes(words(269)), 1);
    assert.equal(readingMinutes(words(270)), 2);
    assert.equal(readingMinutes(words(900)), 5);
  });

  test('should split on any Unicode whitespace and ignore empty pieces', () => {
    const text = ['واحد', 'اثنان', 'ثلاثة', 'أربعة'].join('\u00A0\n \u3000\t');
    assert.equal(readingMinutes(text, 4), 1);
    assert.equal(readingMinutes(text, 2), 2);
  });

  test('should use a custom reading speed', () => {
    assert.equal(readingMinutes(words(600), 200), 3);
  });

  test('should reject a reading speed that is not positive', () => {
    assert.throws(() => readingMinutes('نص', 0), RangeError);
    assert.throws(() => readingMinutes('نص', Number.NaN), RangeError);
  });
});

describe('slugify', () => {
  test('should turn an Arabic headline into a hyphenated slug', () => {
    assert.equal(slugify('تقلُّص «إقليم» داعش: 10 ملايين، في 2024!'), 'تقلص-إقليم-داعش-10-ملايين-في-2024');
  });

  test('should remove tashkeel and the superscript alef', () => {
    assert.equal(slugify('اَلْعَرَبِيَّةُ لُغَةٌ جَمِيلَةٌ'), 'العربية-لغة-جميلة');
    assert.equal(slugify('هٰذا'), 'هذا');
  });

  test('should remove tatweel', () => {
    assert.equal(slugify('الـــعـــرب'), 'العرب');
  });

  test('should remove zero-width characters and bidi controls', () => {
    assert.equal(slugify(`\u202Bبيروت\u202C ${RLM}اليوم${ZWNJ}\u200B\uFEFF ${ALM}\u2067مساءً\u2069`), 'بيروت-اليوم-مساء');
  });

  test('should convert Arabic-Indic and Persian digits to Western digits', () => {
    assert.equal(slugify('انتخابات ٢٠٢٦ و۱۴۰۵'), 'انتخابات-2026-و1405');
  });

  test('should lowercase Latin and keep mixed Arabic and Latin words', () => {
    assert.equal(slugify('COVID-19 في لبنان: WHO تحذّر'), 'covid-19-في-لبنان-who-تحذر');
  });

  test('should keep hamza forms and Latin accented letters as letters', () => {
    assert.equal(slugify('أإآؤئ Café Cafe\u0301'), 'أإآؤئ-café-café');
    assert.equal(slugify('İstanbul'), 'istanbul');
  });

  test('should turn Arabic punctuation into hyphens', () => {
    assert.equal(slugify('لماذا؟ لأنّ؛ ٥٠٪،نعم'), 'لماذا-لأن-50-نعم');
  });

  test('should return an empty string for punctuation-only input', () => {
    assert.equal(slugify('؟!… «» — ، ...'), '');
    assert.equal(slugify('\u064E\u0640\u200F'), '');
    assert.equal(slugify(''), '');
  });

  test('should never produce path separators, dots, percent signs or whitespace', () => {
    const slug = slugify('../etc/passwd 50% off\\x.html\u00A0\t');
    assert.equal(slug, 'etc-passwd-50-off-x-html');
    assert.doesNotMatch(slug, /[/\\.%\s]/u);
  });

  test('should give the same slug when run on its own output', () => {
    for (const title of ['تقلُّص «إقليم» داعش: 10 ملايين، في 2024!', 'İstanbul Café', 'الـــعـــرب ٢٠٢٦']) {
      const once = slugify(title);
      assert.equal(slugify(once), once);
    }
  });
});

describe('slugPattern and isCanonicalSlug', () => {
  test('should accept slugs made of letters and digits joined by single hyphens', () => {
    assert.match('تقلص-إقليم-داعش-10', slugPattern);
    assert.match('covid-19', slugPattern);
    assert.match('بيروت', slugPattern);
  });

  test('should reject slugs with doubled, leading or trailing hyphens, dots, slashes or spaces', () => {
    for (const bad of ['', '-بيروت', 'بيروت-', 'بيروت--اليوم', 'a.b', 'a/b', 'بيروت اليوم', 'تَقَلُّص']) {
      assert.doesNotMatch(bad, slugPattern, bad);
    }
  });

  test('should accept only slugs that slugify would leave unchanged', () => {
    assert.equal(isCanonicalSlug('تقلص-إقليم-داعش-10'), true);
    assert.equal(isCanonicalSlug('COVID-19'), false);
    assert.equal(isCanonicalSlug('الـعرب'), false);
    assert.equal(isCanonicalSlug('a.b'), false);
  });
});

describe('bidi controls', () => {
  test('should strip every embedding, override and isolate control', () => {
    const controls = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    assert.equal(stripBidiControls(`أ${controls}ب`), 'أب');
  });

  test('should keep LRM, RLM, ALM and ZWNJ', () => {
    const text = `نص${LRM}${RLM}${ALM}${ZWNJ}نص`;
    assert.equal(stripBidiControls(text), text);
  });

  test('should expose a global pattern matching the controls only', () => {
    assert.equal(bidiControlPattern.flags.includes('g'), true);
    assert.deepEqual('a\u202Eb\u2066c\u200Fd'.match(bidiControlPattern), ['\u202E', '\u2066']);
  });

  test('should strip controls the same way on repeated calls', () => {
    assert.equal(stripBidiControls('\u202Eأ'), 'أ');
    assert.equal(stripBidiControls('\u202Eأ'), 'أ');
  });
});

describe('text direction', () => {
  test('should read a string with any Arabic letter right to left, even when a Latin name opens it', () => {
    assert.equal(textDirection('Siemens تعلن أرباحها'), 'rtl');
    assert.equal(textDirection('شركة Siemens تعلن أرباحاً بـ2.5 مليار دولار (+15%)'), 'rtl');
    assert.equal(textDirection('The Independent'), 'ltr');
    assert.equal(textDirection('2026 (+15%)'), undefined);
  });

  test('should say what the browser guesses from the first letter, as dir="auto" and <bdi> do', () => {
    assert.equal(firstStrongDirection('Siemens تعلن أرباحها'), 'ltr');
    assert.equal(firstStrongDirection('«شركة» Siemens'), 'rtl');
    assert.equal(firstStrongDirection(`${RLM}Siemens`), 'rtl');
    assert.equal(firstStrongDirection('+15%'), undefined);
  });

  test('should know the direction of a language from its tag', () => {
    assert.equal(languageDirection('en'), 'ltr');
    assert.equal(languageDirection('fa'), 'rtl');
    assert.equal(languageDirection('he-IL'), 'rtl');
    assert.equal(languageDirection('ckb'), 'rtl');
    assert.equal(languageDirection('az-Arab'), 'rtl');
    assert.equal(languageDirection('uz-Latn'), 'ltr');
  });
});
