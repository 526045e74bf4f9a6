// Arabic words as the search index and the search box must both see them. Pagefind strips vowel
// marks and hamza seats, and its Snowball stemmer drops ال، بال، كال and لل, but not evenly: it will
// not take و or ف off a word that goes on with an alif (والقمح, وأضاف stay whole), and a word
// without the article takes another path through it (it reads the ب of بنوك as a preposition, so
// «بنوك» never meets «البنوك»). So both sides detach the same prefix here before Pagefind stems:
// the query loses it, and the index's copy of a page gets a low line after it («ال_قمح»), where
// Pagefind splits a compound word and so also indexes the word without it (Pagefind 1.6 splits at
// ASCII punctuation only, not at a soft hyphen). The search page takes the low line out of what it
// shows. Pure: the build and the browser's search script share it.

// Vowel marks, shadda, sukun, dagger alif, Quranic marks and tatweel (U+0640, the stretching stroke).
const mark = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/u;
const marks = new RegExp(mark.source, 'gu');
// A run of letters with their marks: one word, without the punctuation around it.
const word = /[\p{L}\p{M}]+/gu;
// The article alone, after the prepositions ب and ك, or as لل (لِ + ال), with or without و/ف before.
const definite = /^[وف]?(?:ال|بال|كال|لل)/u;
// The conjunction before a hamza on alif: وأضاف، فإن.
const conjunctionHamza = /^[وف](?=[أإآ])/u;

// What the index's copy of a page gets after a detached prefix: a compound-word break for Pagefind.
const prefixBreak = '_';
// A break as `breakPrefixes` leaves it: between two Arabic letters (or a letter's marks).
const breaks = /(?<=[\u0600-\u06FF])_(?=[\u0600-\u06FF])/gu;

// The word without vowel marks and tatweel: «القَمْـح» → «القمح».
function stripMarks(text: string): string {
  return text.replace(marks, '');
}

/**
 * How many letters of a bare word (no marks) are a prefix that search ignores: the article with
 * what may come before it (ال، بال، كال، لل، وال، فال، وبال، ولل …) when at least three letters
 * follow, as the stemmer itself asks before it drops an article; or و/ف before a hamza on alif
 * when at least two follow. So «والده», «والله», «بالغ», «الذي», «فالح» and «فأر» are kept whole.
 */
export function prefixLength(bare: string): number {
  const article = definite.exec(bare)?.[0];
  if (article) return bare.length - article.length >= 3 ? article.length : 0;
  const conjunction = conjunctionHamza.exec(bare)?.[0];
  if (conjunction) return bare.length - conjunction.length >= 3 ? conjunction.length : 0;
  return 0;
}

/** A search query as the index holds its words: marks and tatweel off, then the prefix off («والقَمح» → «قمح»). */
export function normaliseSearchQuery(query: string): string {
  return query.normalize('NFC').replace(word, (found) => {
    const bare = stripMarks(found);
    return bare.slice(prefixLength(bare));
  });
}

/**
 * Text for the indexer: a break after each prefix that `prefixLength` finds («ال_قمح», «و_أضاف»),
 * after the marks of its last letter. Pagefind indexes the whole word and, as a compound part, the
 * word without it. Only ever inserted between two letters of one word.
 */
export function breakPrefixes(text: string): string {
  // It reads every indexed page whole, so it walks the text once, a character at a time, rather than
  // match each word and strip its marks.
  const kinds = unitKinds();
  const kindAt = (at: number): number => {
    const unit = text.charCodeAt(at);
    if (unit < kinds.length) return kinds[unit]!;
    return at < text.length ? kindOfCharacter(String.fromCodePoint(text.codePointAt(at)!)) : outsideWord;
  };
  const widthAt = (at: number): number => (text.charCodeAt(at) < 0xd800 || text.codePointAt(at)! <= 0xffff ? 1 : 2);
  let broken = '';
  let copied = 0;
  let at = 0;
  while (at < text.length) {
    if (kindAt(at) === outsideWord) {
      at += widthAt(at);
      continue;
    }
    // A word, as `word` matches it. Only one that begins with a letter a prefix begins with, or with a
    // mark, can have a prefix, and its first seven letters as `stripMarks` leaves them tell (a prefix of
    // up to four letters, and the three it needs after it).
    const start = at;
    const candidate = prefixLetters.has(text.charCodeAt(at)) || kindAt(at) === strippedMark;
    let bare = '';
    for (let kind = kindAt(at); kind !== outsideWord; kind = kindAt(at)) {
      const width = widthAt(at);
      if (candidate && kind === keptLetter && bare.length < 7) bare += text.slice(at, at + width);
      at += width;
    }
    let letters = candidate ? prefixLength(bare) : 0;
    if (letters === 0) continue;
    let end = start;
    while (letters > 0 || kindAt(end) === strippedMark) {
      if (kindAt(end) !== strippedMark) letters--;
      end++;
    }
    broken += text.slice(copied, end) + prefixBreak;
    copied = end;
  }
  return broken + text.slice(copied);
}

// The letters a prefix begins with (see `definite` and `conjunctionHamza`), as UTF-16 units.
const prefixLetters = new Set(Array.from('وفابكل', (letter) => letter.charCodeAt(0)));
// One character of a word.
const wordCharacter = /[\p{L}\p{M}]/u;
// What `breakPrefixes` makes of a character: not part of a word, a letter (or a mark `stripMarks` keeps),
// or a mark it takes out.
const outsideWord = 0;
const keptLetter = 1;
const strippedMark = 2;

function kindOfCharacter(char: string): number {
  return mark.test(char) ? strippedMark : wordCharacter.test(char) ? keptLetter : outsideWord;
}

// The kind of each UTF-16 unit below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic …), worked out on
// first use and kept; a character past it is looked up when met.
let kindsBelow0800: Uint8Array | undefined;
function unitKinds(): Uint8Array {
  if (!kindsBelow0800) {
    kindsBelow0800 = new Uint8Array(0x800);
    for (let unit = 0; unit < 0x800; unit++) kindsBelow0800[unit] = kindOfCharacter(String.fromCharCode(unit));
  }
  return kindsBelow0800;
}

/** Text from the index as readers should see it: the breaks `breakPrefixes` made taken out again. */
export function removePrefixBreaks(text: string): string {
  return text.replace(breaks, '');
}
