// The Vite plugin behind `matbaa dev`: it keeps the content in memory, re-reads only the file that
// changed, and answers each page request by rendering that one page with the build's own render
// functions, loaded through Vite's ssrLoadModule so an edited template or stage takes effect at once.
import { createReadStream } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, resolve, sep } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Plugin, ViteDevServer } from 'vite';
import type { Article } from '../content/load-content.ts';
import type { SiteSettings } from '../content/settings.ts';
import { contentAssetPattern } from '../build.ts';
import { resolveContentPath } from '../content/paths.ts';
import { formatMessage, sortMessages, type MessageRecord } from '../messages.ts';
import { searchScriptEntry, stylesheetEntry } from '../output/vite-assets.ts';
import type { AssetUrls } from '../render/assets.ts';
import { renderErrorPage, type ErrorPageInput, type ErrorPageProblem } from './error-page.ts';
import type { DevSite } from './site.ts';

type LoaderModule = typeof import('../content/load-content.ts');
type SiteModule = typeof import('./site.ts');

// Loaded through Vite, not through Node, so that Vite invalidates them (and whatever they import) on change.
const loaderModuleUrl = '/src/content/load-content.ts';
const siteModuleUrl = '/src/dev/site.ts';

/** What the dev plugin serves and whom it tells about problems. */
export interface DevPluginOptions {
  /** Absolute path of the content directory. */
  contentDir: string;
  /** Absolute path of public/, whose files the site serves as they are. */
  publicDir: string;
  /** New content messages (loading, planning, rendering), each printed once; a page's rendering messages again after its file is saved. */
  onMessages?: (messages: MessageRecord[]) => void;
  /** An exception while loading or rendering: a bug, or a template that does not compile. */
  onError?: (error: Error) => void;
}

/** The plugin's own API, for the server that starts it. */
export interface DevPluginApi {
  /** Loads the content and plans the site, if that is not done already; the first page is then fast. */
  warmUp(): Promise<void>;
}

/** An article file of content/ as last read: the article, or only the messages saying why not. */
interface FileEntry {
  article?: Article;
  messages: MessageRecord[];
}

/** All of content/ in memory, and the loader module instance that read it. */
interface ContentState {
  loader: LoaderModule;
  settings: SiteSettings | undefined;
  /** Messages of site.yaml and of anything that is not an article file. */
  otherMessages: MessageRecord[];
  /** Article files by display path (as messages name them). */
  files: Map<string, FileEntry>;
}

/** The site planned from the content, and the site module instance that planned it. */
interface PlannedState {
  module: SiteModule;
  site: DevSite | undefined;
}

/** In dev, pages link the source stylesheet and script, which Vite serves and hot-updates itself. */
export const devAssets: AssetUrls = { stylesheets: [`/${stylesheetEntry}`], searchScript: `/${searchScriptEntry}` };

const contentTypes: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
};

/** The dev plugin: page rendering middleware, content watching and reload signals. */
export function matbaaDev(options: DevPluginOptions): Plugin & { api: DevPluginApi } {
  const contentDir = resolve(options.contentDir);
  const articlesDir = join(contentDir, 'articles');
  const settingsPath = join(contentDir, 'site.yaml');
  let server: ViteDevServer | undefined;
  let content: ContentState | undefined;
  let planned: PlannedState | undefined;
  let contentChanged = false;
  let lastFailure: string | undefined;
  let closed = false;
  const rechecks = new Map<string, NodeJS.Timeout>();
  // Content updates and page requests run one after another, so a request never sees half an update.
  let queue: Promise<unknown> = Promise.resolve();
  // Messages already reported, by file, so a warning is printed once and not on every reload.
  const reported = new Map<string, Set<string>>();

  const vite = (): ViteDevServer => {
    if (!server) throw new Error('The matbaa dev plugin is not configured, expected Vite to call configureServer first');
    return server;
  };

  const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const report = (messages: readonly MessageRecord[]) => {
    const fresh: MessageRecord[] = [];
    for (const message of messages) {
      const seen = reported.get(message.file) ?? reported.set(message.file, new Set()).get(message.file)!;
      const line = formatMessage(message);
      if (seen.has(line)) continue;
      seen.add(line);
      fresh.push(message);
    }
    if (fresh.length > 0) options.onMessages?.(sortMessages(fresh));
  };

  // A file was read again: of what was reported for it, keep what it still says, so that is not printed
  // again, and a message that went and came back is.
  const prune = (file: string, current: readonly MessageRecord[]) => {
    const still = new Set(current.map(formatMessage));
    const seen = reported.get(file);
    if (seen) for (const line of seen) if (!still.has(line)) seen.delete(line);
  };

  const reload = () => vite().ws.send({ type: 'full-reload' });

  // Loads every file of content/ with the given loader.
  const loadAll = async (loader: LoaderModule): Promise<ContentState> => {
    const loaded = await loader.loadContent(contentDir);
    const files = new Map<string, FileEntry>();
    const otherMessages: MessageRecord[] = [];
    for (const article of loaded.articles) files.set(article.displayPath, { article, messages: [] });
    for (const message of loaded.messages) {
      if (message.file.endsWith('.md')) (files.get(message.file) ?? files.set(message.file, { messages: [] }).get(message.file)!).messages.push(message);
      else otherMessages.push(message);
    }
    reported.clear();
    return { loader, settings: loaded.settings, otherMessages, files };
  };

  // Brings the modules, the content and the plan up to date; cheap when nothing changed.
  const refresh = async (): Promise<{ content: ContentState; planned: PlannedState }> => {
    const loader = (await vite().ssrLoadModule(loaderModuleUrl)) as LoaderModule;
    // A new module instance means a stage that loading depends on was edited: read everything again with it.
    if (!content || content.loader !== loader) {
      content = await loadAll(loader);
      contentChanged = true;
    }
    const module = (await vite().ssrLoadModule(siteModuleUrl)) as SiteModule;
    if (!planned || planned.module !== module || contentChanged) {
      const articles = [...content.files.values()].flatMap((entry) => (entry.article ? [entry.article] : []));
      const site = content.settings ? module.planDevSite(articles, content.settings, new Date()) : undefined;
      planned = { module, site };
      contentChanged = false;
      report([...content.otherMessages, ...[...content.files.values()].flatMap((entry) => entry.messages), ...(site?.messages ?? [])]);
    }
    return { content, planned };
  };

  // One file of content/ was added, changed or removed: re-read only what it affects.
  const applyChange = async (event: string, path: string) => {
    const state = (await refresh()).content;
    const displayPath = relative(process.cwd(), path) || path;
    if (path === settingsPath || event === 'addDir' || event === 'unlinkDir') {
      // The settings decide the schema and every URL, and a moved folder moves many files: read it all.
      content = await loadAll(state.loader);
    } else if (isInside(articlesDir, path) && path.endsWith('.md')) {
      const stats = event === 'unlink' ? undefined : await lstat(path).catch(() => undefined);
      if (!stats) {
        state.files.delete(displayPath);
        reported.delete(displayPath);
      } else if (stats.isSymbolicLink()) content = await loadAll(state.loader);
      else if (state.settings) {
        // Editors that save in place truncate first, and the watcher may fire in between: an empty file is most likely half written.
        if (stats.size === 0) await delay(50);
        const previous = state.files.get(displayPath)?.article;
        const next = await state.loader.loadArticle(contentDir, path, state.settings);
        state.files.set(displayPath, next);
        prune(displayPath, next.messages);
        // Only the body changed, the usual edit: the plan stands, and only the article's body is swapped in.
        if (previous && next.article && planned?.site && planned.module.samePlace(previous, next.article)) {
          planned = { ...planned, site: planned.module.withArticle(planned.site, next.article) };
          report(next.messages);
          return true;
        }
      }
    } else if (contentAssetPattern.test(path)) {
      // A picture came or went: articles that failed, or whose hero it is, are checked again.
      const asset = relative(contentDir, path).split(sep).join('/');
      const affected = [...state.files.entries()].filter(([, entry]) => entry.messages.some((m) => m.severity === 'error') || heroPath(entry.article) === asset);
      // Only the picture itself changed: the browser fetches it again on reload, the plan stands.
      if (affected.length === 0 || !state.settings) return true;
      for (const [file, entry] of affected) {
        const source = entry.article ? join(contentDir, entry.article.sourcePath) : resolve(process.cwd(), file);
        const next = await state.loader.loadArticle(contentDir, source, state.settings);
        state.files.set(file, next);
        prune(file, next.messages);
      }
    } else {
      return false;
    }
    contentChanged = true;
    await refresh();
    return true;
  };

  // A file of content/ changed on disk: apply it, then reload the browser.
  const onContentEvent = (event: string, path: string) => {
    if (closed) return;
    lastFailure = undefined;
    const task = async () => {
      const seen = await lstat(path).catch(() => undefined);
      const changed = await applyChange(event, path);
      if (changed && event !== 'addDir' && event !== 'unlinkDir') recheckLater(path, seen, (now) => onContentEvent(now ? 'change' : 'unlink', path));
      return changed;
    };
    void enqueue(task).then(
      (changed) => changed && reload(),
      (error: unknown) => {
        fail(error);
        // The page the browser asks for next shows what went wrong.
        reload();
      },
    );
  };

  // The watcher drops a change that comes within 50 ms of the one before for the same file, and may fire
  // while an editor is still writing: each changed file is looked at once more, and taken again if it moved on.
  const recheckLater = (path: string, seen: Stats | undefined, again: (now: Stats | undefined) => void) => {
    clearTimeout(rechecks.get(path));
    const timer = setTimeout(() => {
      rechecks.delete(path);
      void lstat(path)
        .catch(() => undefined)
        .then((now) => {
          if (!closed && (now?.mtimeMs !== seen?.mtimeMs || now?.size !== seen?.size)) again(now);
        });
    }, 100);
    timer.unref();
    rechecks.set(path, timer);
  };

  const heroPath = (article: Article | undefined): string | undefined => {
    const src = article?.frontMatter.image?.src;
    return article && src !== undefined ? resolveContentPath(src, article.sourcePath) : undefined;
  };

  // Reports an exception once, however many reloads and requests run into it before it is fixed.
  const fail = (error: unknown) => {
    const exception = error instanceof Error ? error : new Error(String(error));
    if (exception.message !== lastFailure) options.onError?.(exception);
    lastFailure = exception.message;
    return exception;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const url = new URL(request.url ?? '/', 'http://matbaa.dev');
    if (contentAssetPattern.test(url.pathname)) {
      if (!(await serveContentFile(contentDir, url.pathname, request, response))) next();
      return;
    }
    const originalUrl = (request as IncomingMessage & { originalUrl?: string }).originalUrl ?? request.url ?? '/';
    let state: Awaited<ReturnType<typeof refresh>>;
    try {
      state = await enqueue(refresh);
    } catch (error) {
      return send(response, 500, await page(originalUrl, errorInput(content?.settings, [], fail(error))));
    }
    const { site, module } = state.planned;
    const contentErrors = sortMessages([
      ...state.content.otherMessages,
      ...[...state.content.files.values()].flatMap((entry) => entry.messages),
      ...(site?.messages ?? []),
    ]).filter((message) => message.severity === 'error');
    if (!site || contentErrors.length > 0) {
      return send(response, 500, await page(originalUrl, errorInput(state.content.settings, await withSource(contentErrors))));
    }

    let result: ReturnType<SiteModule['renderDevPage']>;
    try {
      result = module.renderDevPage(site, url.pathname, devAssets, new Date());
    } catch (error) {
      return send(response, 500, await page(originalUrl, errorInput(site.settings, [], fail(error))));
    }
    if (result.status === 301) {
      response.writeHead(301, { location: result.location + url.search });
      return response.end();
    }
    report(result.messages);
    const renderErrors = result.messages.filter((message) => message.severity === 'error');
    if (renderErrors.length > 0) {
      return send(response, 500, await page(originalUrl, errorInput(site.settings, await withSource(renderErrors))));
    }
    send(response, result.status, await page(originalUrl, result.html));
  };

  // Every page gets Vite's client script, so it reloads on a signal; the error page too, so fixing the file brings the page back.
  const page = async (url: string, html: string | ErrorPageInput): Promise<string> => {
    const text = typeof html === 'string' ? html : renderErrorPage(html);
    return vite().transformIndexHtml(url, text);
  };

  return {
    name: 'matbaa-dev',
    apply: 'serve',
    api: {
      warmUp: async () => {
        const { planned: state } = await enqueue(refresh);
        // The first Markdown render compiles and loads a good deal; do it now rather than on the first request.
        const newest = state.site?.plan.articles[0];
        if (state.site && newest) state.module.renderDevPage(state.site, newest.url, devAssets, new Date());
      },
    },
    configureServer(devServer) {
      server = devServer;
      devServer.watcher.add(contentDir);
      devServer.watcher.on('all', (event, path) => {
        const file = resolve(path);
        if (isInside(contentDir, file)) onContentEvent(event, file);
      });
      // After Vite's own middlewares, so its client, the stylesheet, scripts and public/ are served first.
      return () => {
        devServer.middlewares.use((request, response, next) => {
          handle(request, response, next).catch(next);
        });
      };
    },
    closeBundle() {
      closed = true;
      for (const timer of rechecks.values()) clearTimeout(timer);
    },
    hotUpdate({ file, modules, type }) {
      if (isInside(contentDir, resolve(file))) return;
      if (this.environment.name === 'client' && type !== 'delete') {
        // A template or stylesheet read half-written would stay broken until the next save: Vite takes it again.
        void lstat(file)
          .catch(() => undefined)
          .then((seen) => recheckLater(file, seen, () => vite().watcher.emit('change', file)));
      }
      if (this.environment.name === 'ssr' && modules.length > 0) {
        lastFailure = undefined;
        // A template or a stage changed: Vite has invalidated it and its importers; load the fresh copies, then reload.
        void enqueue(refresh).then(reload, (error: unknown) => {
          fail(error);
          reload();
        });
        return [];
      }
      if (this.environment.name === 'client' && isInside(options.publicDir, resolve(file))) reload();
    },
  };

  // Adds the line each message points at, as the editor wrote it.
  async function withSource(messages: readonly MessageRecord[]): Promise<ErrorPageProblem[]> {
    const texts = new Map<string, string[] | undefined>();
    const problems: ErrorPageProblem[] = [];
    for (const message of messages) {
      if (!texts.has(message.file)) {
        const text = await readFile(resolve(process.cwd(), message.file), 'utf8').catch(() => undefined);
        texts.set(message.file, text?.replace(/\r\n?/g, '\n').split('\n'));
      }
      problems.push({ message, sourceLine: texts.get(message.file)?.[message.line - 1] });
    }
    return problems;
  }
}

function errorInput(settings: SiteSettings | undefined, problems: ErrorPageProblem[], exception?: Error): ErrorPageInput {
  return { lang: settings?.language ?? 'ar', dir: settings?.direction ?? 'rtl', problems, exception: exception ? describeException(exception) : undefined };
}

/** An exception as the error page and the terminal show it: where, what, and the stack, without terminal colours. */
export function describeException(error: Error): { message: string; place?: string; stack?: string; summary: string } {
  // Vite and Rollup put the place on the error, Vite 8's Oxc transform on each of its `errors`; columns count from 0.
  type Located = { loc?: { file?: string; line?: number; column?: number } };
  const located = error as Error & Located & { errors?: Located[] };
  const loc = located.loc ?? located.errors?.find((inner) => inner.loc)?.loc;
  const place = loc?.file ? `${relative(process.cwd(), loc.file) || loc.file}:${loc.line ?? 1}:${(loc.column ?? 0) + 1}` : undefined;
  // Vite's and the bundler's messages come coloured for a terminal, the first line often only "Transform failed".
  const message = stripVTControlCharacters(error.message);
  const headline = message.split('\n').map((line) => line.trim()).find((line) => line !== '' && !/^Transform failed/.test(line)) ?? message;
  return { message, place, stack: error.stack === undefined ? undefined : stripVTControlCharacters(error.stack), summary: place ? `${place}: ${headline}` : headline };
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
}

// A picture or document of content/, at the same path as the build copies it to; links are not followed.
async function serveContentFile(contentDir: string, pathname: string, request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  let path: string;
  try {
    path = resolve(contentDir, `.${decodeURIComponent(pathname)}`);
  } catch {
    return false;
  }
  if (!isInside(contentDir, path)) return false;
  const stats = await lstat(path).catch(() => undefined);
  if (!stats?.isFile()) return false;
  response.writeHead(200, {
    'content-type': contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'content-length': stats.size,
    'cache-control': 'no-cache',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(path).pipe(response);
  return true;
}

function isInside(dir: string, path: string): boolean {
  return path.startsWith(dir + sep);
}
