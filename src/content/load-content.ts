// Reads content/: the site settings and every article, validated, with every problem as a message.
import { createHash } from 'node:crypto';
import { closeSync, constants, lstatSync, openSync, readFileSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { basename, join, relative, sep } from 'node:path';
import { VFile } from 'vfile';
import { messageRecords, reportError, sortMessages, type MessageRecord } from '../messages.ts';
import { slugify } from '../arabic/slug.ts';
import { checkBodyLimits } from './body-limits.ts';
import { findContentLinks } from '../markdown/content-links.ts';
import { findContentImages } from '../markdown/content-images.ts';
import { inParallel } from '../in-parallel.ts';
import { blankFrontMatter, splitFrontMatter } from './front-matter.ts';
import { articleCacheFingerprint, locateFromRecord, openArticleCache, recordPlaces, statKey, type ArticleCache, type BodyReferences, type CheckedArticle } from './article-cache.ts';
import { resolveContentPath } from './paths.ts';
import { frontMatterSchema, type FrontMatter } from './schema.ts';
import { siteSettingsSchema, type SiteSettings } from './settings.ts';
import { validateYaml } from './validate.ts';
import { parseYaml, type ParsedYaml } from './yaml.ts';

/** A validated article: its front matter and its body, ready for the site plan and the Markdown stage. */
export interface Article {
  /** Path inside the content directory, POSIX separators: `articles/economy/rates.md`. */
  sourcePath: string;
  /** Path as the editor sees it from where matbaa runs, for messages. */
  displayPath: string;
  frontMatter: FrontMatter;
  /** The slug in the URL: from front matter, else made from the file name. */
  slug: string;
  /**
   * The source with its front matter blanked to spaces (positions stay true); made anew on each read,
   * from the bytes in memory or, when the loader was told not to hold them, from the file again (which
   * throws if the file is no longer the one that was loaded).
   */
  readonly body: string;
  /** The body's length in characters, without making it. */
  bodyLength: number;
  /** The article files the body links to, as content paths (a loose scan, see findContentLinks). */
  links: readonly string[];
  /** The content images the body shows, as content paths (a loose scan, see findContentImages). */
  images: readonly string[];
  /** sha256 of the file's bytes. */
  sourceHash: string;
  /** sha256 of the front matter's text: what the article's summary, slug and front-matter places are made from. */
  frontHash: string;
  /** The place of a front-matter key in the file, for messages of later stages. */
  locateFrontMatter: ParsedYaml['locate'];
}

/** Everything content/ holds, or the messages that say why it cannot be built. */
export interface LoadedContent {
  settings: SiteSettings | undefined;
  articles: Article[];
  messages: MessageRecord[];
}

/** A text file of content/ read as UTF-8 (BOM dropped, CRLF made LF, NFC), or the message why not. */
interface TextFile {
  path: string;
  file: VFile;
  bytes: Buffer;
  ok: boolean;
  /** The file's `statKey` when it was opened. */
  stat?: string;
}

/** How to load: with the articles or the settings alone, and where to keep what parsing found (by matbaa's code). */
export interface LoadOptions {
  articles?: boolean;
  /** A file for the article cache (see article-cache.ts), and the code version that names its results. */
  cache?: { file: string; code: string };
  /**
   * Whether each article holds its text (as UTF-8 bytes), default true. A build does not: an archive's
   * bodies are most of what it would hold, and only the pages it renders read theirs, from the file.
   */
  holdBodies?: boolean;
}

// Files read and checked at once: enough to keep the disk busy.
const filesInHand = 64;

/** Loads and validates the site settings and every article under `contentDir`. */
export async function loadContent(contentDir: string, options: LoadOptions = {}): Promise<LoadedContent> {
  const messages: MessageRecord[] = [];
  const settingsFile = await readText(join(contentDir, 'site.yaml'));
  const settings = parseSettings(settingsFile);
  messages.push(...messageRecords(settingsFile.file));
  if (!settings || options.articles === false) return { settings, articles: [], messages };

  const sections = Object.keys(settings.sections);
  const schema = frontMatterSchema(sections);
  const cache = options.cache && (await openArticleCache(options.cache.file, articleCacheFingerprint(options.cache.code, sections)));
  const articles: Article[] = [];
  const paths = (await listContent(contentDir, messages)).filter((path) => isArticlePath(contentDir, path));
  // A few files in hand at a time: reading them all first would hold an archive's whole text at once.
  const loaded: { article: Article | undefined; messages: MessageRecord[] }[] = [];
  await inParallel(paths, filesInHand, async (path, index) => {
    // A build that holds no bodies need not read a file it read last time: its stat says it is the same.
    const unchanged = cache && !(options.holdBodies ?? true) ? await unchangedArticle(path, contentDir, cache) : undefined;
    if (unchanged) {
      loaded[index] = unchanged;
      return;
    }
    const text = await readText(path);
    const article = text.ok ? await parseArticle(text, contentDir, schema, { cache, holdBody: options.holdBodies ?? true }) : undefined;
    loaded[index] = { article, messages: messageRecords(text.file) };
  });
  for (const { article, messages: found } of loaded) {
    if (article) articles.push(article);
    messages.push(...found);
  }
  await cache?.save();
  return { settings, articles, messages: sortMessages(messages) };
}

/** Loads and validates one article file with the settings already loaded: the dev server re-reads only what changed. */
export async function loadArticle(contentDir: string, path: string, settings: SiteSettings): Promise<{ article: Article | undefined; messages: MessageRecord[] }> {
  const text = await readText(path);
  const article = text.ok ? await parseArticle(text, contentDir, frontMatterSchema(Object.keys(settings.sections)), { holdBody: true }) : undefined;
  return { article, messages: messageRecords(text.file) };
}

function parseSettings(text: TextFile): SiteSettings | undefined {
  if (!text.ok) return undefined;
  const yaml = parseYaml(String(text.file.value));
  for (const problem of yaml.problems) reportError(text.file, problem.reason, problem.place, problem.ruleId);
  if (yaml.problems.length > 0) return undefined;
  const result = validateYaml(siteSettingsSchema, yaml);
  if (result.ok) return result.data;
  for (const problem of result.problems) reportError(text.file, problem.reason, problem.place, problem.ruleId);
  return undefined;
}

async function parseArticle(
  text: TextFile,
  contentDir: string,
  schema: ReturnType<typeof frontMatterSchema>,
  options: { cache?: ArticleCache; holdBody: boolean },
): Promise<Article | undefined> {
  const { cache } = options;
  const sourceHash = createHash('sha256').update(text.bytes).digest('hex');
  const sourcePath = contentPath(contentDir, text.path);
  let checked: CheckedArticle | undefined = cache?.get(sourceHash) ?? checkArticle(text, schema);
  if (!checked) return undefined;
  const source = String(text.file.value);
  // What the body links to and shows, resolved from where the file is (the same bytes may be moved).
  let references = checked.references;
  if (references?.from !== sourcePath) {
    const body = blankFrontMatter(source, checked.bodyStart);
    references = { from: sourcePath, links: findContentLinks(body, sourcePath), images: findContentImages(body, sourcePath) };
    checked = { ...checked, references };
  }
  cache?.set(sourceHash, checked);
  if (text.stat) cache?.setFile(sourcePath, { stat: text.stat, sourceHash, bodyLength: source.length });
  // A held text is kept as UTF-8 bytes, outside the JavaScript heap and a third of the size of a string of Arabic.
  const utf8 = options.holdBody ? Buffer.from(source) : undefined;
  return completeArticle({ checked, references, sourcePath, sourceHash, bodyLength: source.length, path: text.path, file: text.file, utf8 }, contentDir);
}

// An article from its checked front matter and what its file is: the checks that depend on more than
// the file's bytes (its name, the picture it names) are made every time.
async function completeArticle(
  from: { checked: CheckedArticle; references: BodyReferences; sourcePath: string; sourceHash: string; bodyLength: number; path: string; file: VFile; utf8?: Buffer },
  contentDir: string,
): Promise<Article | undefined> {
  const { checked, references, sourcePath, sourceHash, path, file, utf8 } = from;
  const slug = checked.frontMatter.slug ?? slugify(basename(path, '.md'));
  const locateFrontMatter = locateFromRecord(checked.places);
  if (!slug) {
    reportError(file, 'Missing `slug`, expected one in front matter as the file name has no letters or digits', { line: 1, column: 1 }, 'missing-key');
    return undefined;
  }
  // Every time, cached or not: the picture may have gone since.
  const { image } = checked.frontMatter;
  if (image && !isContentFile(contentDir, resolveContentPath(image.src, sourcePath))) {
    reportError(file, `Cannot find image \`${image.src}\`, expected a file in ${relative(process.cwd(), contentDir) || '.'}/`, locateFrontMatter(['image', 'src']), 'missing-image');
    return undefined;
  }
  const { bodyStart } = checked;
  const displayPath = file.path;
  return {
    sourcePath,
    displayPath,
    frontMatter: checked.frontMatter,
    slug,
    get body() {
      return blankFrontMatter(utf8 ? utf8.toString('utf8') : readAgain(path, displayPath, sourceHash), bodyStart);
    },
    bodyLength: from.bodyLength,
    links: references.links,
    images: references.images,
    sourceHash,
    frontHash: checked.frontHash,
    locateFrontMatter,
  };
}

// An article whose file is as the last load read it (by its stat, see FileRecord), made from the
// article cache without reading the file; undefined when it must be read.
async function unchangedArticle(path: string, contentDir: string, cache: ArticleCache): Promise<{ article: Article | undefined; messages: MessageRecord[] } | undefined> {
  // Synchronous, as is isContentFile's: a stat takes microseconds, and a round trip through the
  // thread pool for each of an archive's files took a second or more.
  const stats = lstatSync(path, { throwIfNoEntry: false });
  if (!stats?.isFile()) return undefined;
  const sourcePath = contentPath(contentDir, path);
  const known = cache.unchanged(sourcePath, statKey(stats));
  const references = known?.checked.references;
  if (!known || references?.from !== sourcePath) return undefined;
  const file = new VFile({ path: relative(process.cwd(), path) || path });
  const { sourceHash, bodyLength } = known.record;
  const article = await completeArticle({ checked: known.checked, references, sourcePath, sourceHash, bodyLength, path, file }, contentDir);
  return { article, messages: messageRecords(file) };
}

function contentPath(contentDir: string, path: string): string {
  return relative(contentDir, path).split(sep).join('/');
}

// The text of an article file read again, as the loader read it; it must still be the file that was
// loaded (checked, planned and keyed), else the build would publish what it never checked.
function readAgain(path: string, displayPath: string, sourceHash: string): string {
  let bytes: Buffer;
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    bytes = readFileSync(fd);
  } finally {
    closeSync(fd);
  }
  if (createHash('sha256').update(bytes).digest('hex') !== sourceHash) {
    throw new Error(`${displayPath} changed while the site was being built; build again to publish the new version`);
  }
  return normaliseText(bytes.toString('utf8'));
}

// What the file's text alone decides: its front matter split, parsed and valid, its body within the
// limits and not empty. The problems go on the file.
function checkArticle(text: TextFile, schema: ReturnType<typeof frontMatterSchema>): CheckedArticle | undefined {
  const { file } = text;
  const split = splitFrontMatter(String(file.value));
  for (const problem of split.problems) reportError(file, problem.reason, problem.place, problem.ruleId);
  if (!split.yaml || split.problems.length > 0) return undefined;
  // Before anything parses the body as Markdown (the render and the lint both do).
  const limits = checkBodyLimits(split.body);
  for (const problem of limits) reportError(file, problem.reason, problem.place, problem.ruleId);
  const result = validateYaml(schema, split.yaml);
  if (!result.ok) {
    for (const problem of result.problems) reportError(file, problem.reason, problem.place, problem.ruleId);
    return undefined;
  }
  if (limits.length > 0) return undefined;
  // A draft may wait for its text (`matbaa new` writes none); a published page may not be empty.
  if (!result.data.draft && split.body.trim() === '') {
    reportError(file, 'Missing text after the front matter, expected the article in Markdown below the closing `---` (or `draft: true` until it is written)', { line: 1, column: 1 }, 'empty-body');
    return undefined;
  }
  // A copy, as the cache stores it: the parsed strings are slices of the file's text, and would keep
  // all of it in memory for as long as the article is (10 KB an article, 100 MB an archive).
  const frontMatter = JSON.parse(JSON.stringify(result.data)) as FrontMatter;
  const frontHash = createHash('sha256').update(String(file.value).slice(0, split.bodyStart)).digest('hex');
  return { frontMatter, bodyStart: split.bodyStart, frontHash, places: recordPlaces(split.yaml.value, split.yaml.locate) };
}

function isContentFile(contentDir: string, contentPath: string | undefined): boolean {
  if (!contentPath) return false;
  // lstat: a link is not a file of ours, wherever it points.
  return lstatSync(join(contentDir, contentPath), { throwIfNoEntry: false })?.isFile() ?? false;
}

// Larger articles take the Markdown parser too long and too much memory; site.yaml is far smaller.
const maxFileBytes = 6 * 1024 * 1024;

async function readText(path: string): Promise<TextFile> {
  const file = new VFile({ path: relative(process.cwd(), path) || path });
  let bytes: Buffer;
  let stat: string;
  try {
    ({ bytes, stat } = await readRegularFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      error instanceof FileTooLargeError
        ? `Unexpected file of ${(error.size / 1024 / 1024).toFixed(1)} MB, expected at most ${maxFileBytes / 1024 / 1024} MB`
        : code === 'ENOENT'
          ? 'Missing file, expected it to exist'
          : code === 'ELOOP'
            ? symbolicLinkReason
            : `Cannot read the file (${code})`;
    reportError(file, reason, undefined, error instanceof FileTooLargeError ? 'max-file-size' : code === 'ELOOP' ? 'symlink' : 'read');
    return { path, file, bytes: Buffer.alloc(0), ok: false };
  }
  const text = bytes.toString('utf8');
  if (!isUtf8(bytes)) {
    // The first replacement character marks the first byte that is not UTF-8.
    const index = text.indexOf('\uFFFD');
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    const byte = Buffer.byteLength(before);
    reportError(file, `Invalid UTF-8 at byte ${byte}, expected the file to be saved as UTF-8`, { line, column: index - before.lastIndexOf('\n') }, 'encoding');
    return { path, file, bytes, ok: false };
  }
  file.value = normaliseText(text);
  return { path, file, bytes, ok: true, stat };
}

/** One spelling of every text: no byte-order mark, LF line ends, NFC (so NFD and NFC titles give one URL). */
export function normaliseText(text: string): string {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n?/g, '\n').normalize('NFC');
}

class FileTooLargeError extends Error {
  constructor(readonly size: number) {
    super(`file of ${size} bytes`);
  }
}

// O_NOFOLLOW: a link is reported, never read, wherever it points (there is no such flag on Windows).
// The stat is taken before the read: a file written meanwhile has another by the next load, which reads it again.
async function readRegularFile(path: string): Promise<{ bytes: Buffer; stat: string }> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const stats = await handle.stat();
    if (stats.size > maxFileBytes) throw new FileTooLargeError(stats.size);
    return { bytes: await handle.readFile(), stat: statKey(stats) };
  } finally {
    await handle.close();
  }
}

const symbolicLinkReason = 'Unexpected symbolic link, expected a real file or folder (links are not followed)';

// Every file under `dir`, sorted; links are reported, never followed, so nothing outside content/ is read.
async function listContent(dir: string, messages: MessageRecord[]): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      const file = new VFile({ path: relative(process.cwd(), dir) || dir });
      reportError(file, `Cannot read the folder (${code})`, undefined, 'read');
      messages.push(...messageRecords(file));
    }
    return found;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const file = new VFile({ path: relative(process.cwd(), path) });
      reportError(file, symbolicLinkReason, undefined, 'symlink');
      messages.push(...messageRecords(file));
    } else if (entry.isDirectory()) {
      found.push(...(await listContent(path, messages)));
    } else if (entry.isFile()) {
      found.push(path);
    }
  }
  return found;
}

function isArticlePath(contentDir: string, path: string): boolean {
  return path.endsWith('.md') && relative(contentDir, path).split(sep)[0] === 'articles';
}
