// The search page's script: runs `?q=` through the Pagefind index and shows the results in place of
// the latest stories. Only /search/ loads it (as a module, so deferred), and it fetches Pagefind's
// files from /pagefind/ only then; every word it shows comes from the page.
import { normaliseSearchQuery, removePrefixBreaks } from '../arabic/search-normalise.ts';
import { plural, type PluralForms } from '../arabic/plural.ts';
import type { DigitStyle } from '../arabic/digits.ts';

interface Messages {
  searching: string;
  noResults: string;
  failed: string;
  results: PluralForms;
  digits: DigitStyle;
  /** More index folders beside /pagefind/ (a big archive is indexed in parts), merged into the first. */
  indexes: string[];
  /**
   * The part of recently changed stories, searched on its own beside the others (its folder, when it
   * has stories), and the URLs whose hits in the other parts are out of date (changed or gone since).
   */
  recent?: { index?: string; superseded: string[] };
}

// The part of Pagefind's JavaScript API this page uses.
interface Pagefind {
  search(query: string): Promise<{ results: Result[] }>;
  mergeIndex(url: string): Promise<void>;
}
interface Result {
  score: number;
  data(): Promise<ResultData>;
}
interface ResultData {
  url: string;
  /** HTML: the text escaped by Pagefind, with the matched words in <mark>. */
  excerpt: string;
  meta: { title?: string };
}

const shown = 20;

const form = document.querySelector<HTMLFormElement>('form[role=search]')!;
const input = form.querySelector<HTMLInputElement>('input[name=q]')!;
const status = document.querySelector<HTMLElement>('.search-status')!;
const results = document.querySelector<HTMLElement>('.search-results')!;
const latest = document.querySelector<HTMLElement>('.search-latest')!;
const messages = JSON.parse(document.getElementById('search-messages')!.textContent!) as Messages;

let pagefind: Promise<{ parts: Pagefind; recent?: Pagefind }> | undefined;
let latestRun = 0;
const superseded = new Set(messages.recent?.superseded ?? []);

// URLs built at run time, so the bundler leaves the imports to the browser. The recent part is a
// Pagefind of its own (another folder's module), so its hits can be told from the others'.
const importPagefind = async (folder: string) => (await import(/* @vite-ignore */ new URL(`${folder}pagefind.js`, location.href).href)) as Pagefind;
const loadPagefind = () =>
  (pagefind ??= (async () => {
    const recentIndex = messages.recent?.index;
    const [parts, recent] = await Promise.all([importPagefind('/pagefind/'), recentIndex ? importPagefind(recentIndex) : undefined]);
    await Promise.all(messages.indexes.map((url) => parts.mergeIndex(url)));
    return { parts, recent };
  })());

// The hits of a query, best first: the recent part's, and the other parts' but for the pages it
// replaces. An out-of-date hit is known only once its data is loaded, so enough are loaded to fill the
// page however many of them are out of date; the count leaves out those found among them.
async function searchAll(query: string): Promise<{ count: number; pages: ResultData[] }> {
  const { parts, recent } = await loadPagefind();
  const [found, fresh] = await Promise.all([parts.search(query), recent ? recent.search(query) : { results: [] }]);
  const load = (results: Result[], count: number) => Promise.all(results.slice(0, count).map(async (result) => ({ score: result.score, data: await result.data() })));
  const [older, newer] = await Promise.all([load(found.results, shown + superseded.size), load(fresh.results, shown)]);
  const current = older.filter((hit) => !superseded.has(hit.data.url));
  const hits = [...current, ...newer].sort((a, b) => b.score - a.score);
  return { count: found.results.length - (older.length - current.length) + fresh.results.length, pages: hits.slice(0, shown).map((hit) => hit.data) };
}
const queryOfPage = () => new URLSearchParams(location.search).get('q') ?? '';

async function run(query: string): Promise<void> {
  const ticket = ++latestRun;
  const text = query.trim();
  results.replaceChildren();
  latest.hidden = text !== '';
  status.textContent = text ? messages.searching : '';
  if (!text) return;
  try {
    const { count, pages } = await searchAll(normaliseSearchQuery(text));
    if (ticket !== latestRun) return;
    status.textContent = pages.length > 0 ? plural(count, messages.results, messages.digits) : messages.noResults.replace('{query}', text);
    results.replaceChildren(...pages.map(teaser));
  } catch {
    pagefind = undefined; // so the next search tries to load the index again
    if (ticket !== latestRun) return;
    status.textContent = messages.failed;
    latest.hidden = false;
  }
}

// A result as the site's teasers look: the headline linked, then the excerpt with its matches marked.
function teaser(page: ResultData): HTMLElement {
  const link = document.createElement('a');
  link.href = page.url;
  link.textContent = removePrefixBreaks(page.meta.title ?? page.url);
  const heading = document.createElement('h2');
  heading.className = 'teaser-title';
  heading.append(link);
  const excerpt = document.createElement('p');
  excerpt.className = 'teaser-standfirst search-excerpt';
  excerpt.innerHTML = removePrefixBreaks(page.excerpt);
  const text = document.createElement('div');
  text.className = 'teaser-text';
  text.append(heading, excerpt);
  const item = document.createElement('article');
  item.className = 'teaser search-result';
  item.append(text);
  return item;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  if (input.value.trim()) url.searchParams.set('q', input.value.trim());
  else url.searchParams.delete('q');
  history.pushState(null, '', url);
  void run(input.value);
});

addEventListener('popstate', () => {
  input.value = queryOfPage();
  void run(input.value);
});

input.value = queryOfPage();
void run(input.value);
