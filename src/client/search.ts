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
}

// The part of Pagefind's JavaScript API this page uses.
interface Pagefind {
  search(query: string): Promise<{ results: { data(): Promise<ResultData> }[] }>;
  mergeIndex(url: string): Promise<void>;
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

let pagefind: Promise<Pagefind> | undefined;
let latestRun = 0;

// A URL built at run time, so the bundler leaves the import to the browser.
const loadPagefind = () =>
  (pagefind ??= (async () => {
    const first = (await import(/* @vite-ignore */ new URL('/pagefind/pagefind.js', location.href).href)) as Pagefind;
    await Promise.all(messages.indexes.map((url) => first.mergeIndex(url)));
    return first;
  })());
const queryOfPage = () => new URLSearchParams(location.search).get('q') ?? '';

async function run(query: string): Promise<void> {
  const ticket = ++latestRun;
  const text = query.trim();
  results.replaceChildren();
  latest.hidden = text !== '';
  status.textContent = text ? messages.searching : '';
  if (!text) return;
  try {
    const found = await (await loadPagefind()).search(normaliseSearchQuery(text));
    const pages = await Promise.all(found.results.slice(0, shown).map((result) => result.data()));
    if (ticket !== latestRun) return;
    status.textContent = pages.length > 0 ? plural(found.results.length, messages.results, messages.digits) : messages.noResults.replace('{query}', text);
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
