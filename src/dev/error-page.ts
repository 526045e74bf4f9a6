// The page the dev server shows instead of a page it cannot render: every content error with its file,
// line and column, or the exception a template or a stage threw. It stands alone (no site stylesheet,
// no templates), so a broken template or stylesheet cannot break it.
import type { Root } from 'hast';
import { h } from 'hastscript';
import type { MessageRecord } from '../messages.ts';
import { serialisePage } from '../render/serialise.ts';

/** One error, with the line of its file it points at when that could be read. */
export interface ErrorPageProblem {
  message: MessageRecord;
  /** The text of line `message.line` of the file. */
  sourceLine?: string;
}

/** What the error page shows. */
export interface ErrorPageInput {
  /** The site's language and direction, when its settings could be read. */
  lang: string;
  dir: 'rtl' | 'ltr';
  problems: ErrorPageProblem[];
  /** A thrown error: a bug in a template or a stage rather than in the content. */
  exception?: { message: string; place?: string; stack?: string };
}

/** The words of the error page, by language; the messages themselves are in English, as the CLI prints them. */
interface ErrorPageStrings {
  title: string;
  contentHeading: string;
  exceptionHeading: string;
  hint: string;
}

const strings: Record<'ar' | 'en', ErrorPageStrings> = {
  ar: {
    title: 'خطأ',
    contentHeading: 'في المحتوى أخطاء تمنع عرض الصفحة',
    exceptionHeading: 'تعذّر عرض الصفحة: خطأ في القوالب أو في الشيفرة',
    hint: 'صحّح ما يلي واحفظ الملف، فتُحدَّث الصفحة وحدها.',
  },
  en: {
    title: 'Error',
    contentHeading: 'The content has errors, so this page cannot be shown',
    exceptionHeading: 'The page could not be rendered: an error in a template or in the code',
    hint: 'Fix what follows and save the file; this page reloads by itself.',
  },
};

// Inline, so the page reads well while the site's own stylesheet is the thing being broken.
const style = `
body { margin: 0; padding: 2rem; font: 1rem/1.6 system-ui, sans-serif; background: #fff8f6; color: #1d1d1f; }
h1 { margin: 0 0 0.5rem; font-size: 1.5rem; color: #a1160a; }
ol { padding: 0; list-style: none; }
li { margin: 0 0 1rem; padding: 0.75rem 1rem; border-inline-start: 4px solid #a1160a; background: #fff; }
.place, .rule, pre { font-family: ui-monospace, monospace; font-size: 0.9rem; }
.place { font-weight: bold; }
.rule { color: #6b6b70; }
summary { cursor: pointer; }
pre { margin: 0.5rem 0 0; padding: 0.5rem; overflow-x: auto; background: #f4f4f5; white-space: pre-wrap; }
`;

/** The error page's HTML. */
export function renderErrorPage(input: ErrorPageInput): string {
  const words = input.lang === 'ar' || input.lang.startsWith('ar-') ? strings.ar : strings.en;
  const heading = input.exception ? words.exceptionHeading : words.contentHeading;
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: input.lang, dir: input.dir }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('meta', { name: 'robots', content: 'noindex' }),
          h('title', `${words.title}: ${heading}`),
          h('style', style),
        ]),
        h('body', [
          h('main', [
            h('h1', heading),
            h('p', words.hint),
            input.problems.length > 0 ? h('ol', { class: 'problems' }, input.problems.map(problemItem)) : undefined,
            input.exception ? exceptionBlock(input.exception) : undefined,
          ]),
        ]),
      ]),
    ],
  };
  return serialisePage(tree);
}

// `file:line:column  reason  rule-id`, left to right whatever the page's direction, as a terminal shows it.
function problemItem(problem: ErrorPageProblem) {
  const { message } = problem;
  return h('li', { class: 'problem', dir: 'ltr' }, [
    h('bdi', { class: 'place' }, `${message.file}:${message.line}:${message.column}`),
    '  ',
    h('span', { class: 'reason', dir: 'auto' }, message.reason),
    '  ',
    h('bdi', { class: 'rule' }, message.ruleId),
    problem.sourceLine === undefined ? undefined : h('pre', { class: 'source', dir: 'ltr' }, `${message.line} | ${problem.sourceLine}`),
  ]);
}

function exceptionBlock(exception: NonNullable<ErrorPageInput['exception']>) {
  return h('div', { class: 'exception', dir: 'ltr' }, [
    exception.place ? h('p', h('bdi', { class: 'place' }, exception.place)) : undefined,
    h('pre', { class: 'reason' }, exception.message),
    exception.stack ? h('details', [h('summary', 'Stack'), h('pre', { class: 'stack' }, exception.stack)]) : undefined,
  ]);
}
