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
  return text.replace(word, (found) => {
    let letters = prefixLength(stripMarks(found));
    if (letters === 0) return found;
    let end = 0;
    while (letters > 0 || mark.test(found[end]!)) {
      if (!mark.test(found[end]!)) letters--;
      end++;
    }
    return `${found.slice(0, end)}${prefixBreak}${found.slice(end)}`;
  });
}

/** Text from the index as readers should see it: the breaks `breakPrefixes` made taken out again. */
export function removePrefixBreaks(text: string): string {
  return text.replace(breaks, '');
}
