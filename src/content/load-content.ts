// Reads content/: the site settings and every article, validated, with every problem as a message.
import { createHash } from 'node:crypto';
import { lstat, readFile, readdir } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { basename, join, relative, sep } from 'node:path';
import { VFile } from 'vfile';
import { messageRecords, reportError, sortMessages, type MessageRecord } from '../messages.ts';
import { slugify } from '../arabic/slug.ts';
import { splitFrontMatter } from './front-matter.ts';
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
  /** The source with its front matter blanked to spaces (positions stay true). */
  body: string;
  /** sha256 of the file's bytes. */
  sourceHash: string;
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
}

/** Loads and validates the site settings and every article under `contentDir`. */
export async function loadContent(contentDir: string, options: { articles: boolean } = { articles: true }): Promise<LoadedContent> {
  const messages: MessageRecord[] = [];
  const settingsFile = await readText(join(contentDir, 'site.yaml'));
  const settings = parseSettings(settingsFile);
  messages.push(...messageRecords(settingsFile.file));
  if (!settings || !options.articles) return { settings, articles: [], messages };

  const schema = frontMatterSchema(Object.keys(settings.sections));
  const articles: Article[] = [];
  const paths = await listMarkdown(join(contentDir, 'articles'), messages);
  const files = await Promise.all(paths.map(readText));
  for (const text of files) {
    const article = text.ok ? await parseArticle(text, contentDir, schema) : undefined;
    if (article) articles.push(article);
    messages.push(...messageRecords(text.file));
  }
  return { settings, articles, messages: sortMessages(messages) };
}

/** Loads and validates one article file with the settings already loaded: the dev server re-reads only what changed. */
export async function loadArticle(contentDir: string, path: string, settings: SiteSettings): Promise<{ article: Article | undefined; messages: MessageRecord[] }> {
  const text = await readText(path);
  const article = text.ok ? await parseArticle(text, contentDir, frontMatterSchema(Object.keys(settings.sections))) : undefined;
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

async function parseArticle(text: TextFile, contentDir: string, schema: ReturnType<typeof frontMatterSchema>): Promise<Article | undefined> {
  const { file } = text;
  const split = splitFrontMatter(String(file.value));
  for (const problem of split.problems) reportError(file, problem.reason, problem.place, problem.ruleId);
  if (!split.yaml || split.problems.length > 0) return undefined;
  const result = validateYaml(schema, split.yaml);
  if (!result.ok) {
    for (const problem of result.problems) reportError(file, problem.reason, problem.place, problem.ruleId);
    return undefined;
  }
  const sourcePath = relative(contentDir, text.path).split(sep).join('/');
  const slug = result.data.slug ?? slugify(basename(text.path, '.md'));
  if (!slug) {
    reportError(file, 'Missing `slug`, expected one in front matter as the file name has no letters or digits', { line: 1, column: 1 }, 'missing-key');
    return undefined;
  }
  const { image } = result.data;
  if (image && !(await isContentFile(contentDir, resolveContentPath(image.src, sourcePath)))) {
    reportError(file, `Cannot find image \`${image.src}\`, expected a file in ${relative(process.cwd(), contentDir) || '.'}/`, split.yaml.locate(['image', 'src']), 'missing-image');
    return undefined;
  }
  return {
    sourcePath,
    displayPath: file.path,
    frontMatter: result.data,
    slug,
    body: split.body,
    sourceHash: createHash('sha256').update(text.bytes).digest('hex'),
    locateFrontMatter: split.yaml.locate,
  };
}

async function isContentFile(contentDir: string, contentPath: string | undefined): Promise<boolean> {
  if (!contentPath) return false;
  try {
    // lstat: a link is not a file of ours, wherever it points.
    return (await lstat(join(contentDir, contentPath))).isFile();
  } catch {
    return false;
  }
}

async function readText(path: string): Promise<TextFile> {
  const file = new VFile({ path: relative(process.cwd(), path) || path });
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    reportError(file, code === 'ENOENT' ? 'Missing file, expected it to exist' : `Cannot read the file (${code})`, undefined, 'read');
    return { path, file, bytes: Buffer.alloc(0), ok: false };
  }
  let text = bytes.toString('utf8');
  if (!isUtf8(bytes)) {
    // The first replacement character marks the first byte that is not UTF-8.
    const index = text.indexOf('\uFFFD');
    const before = text.slice(0, index);
    const line = before.split('\n').length;
    const byte = Buffer.byteLength(before);
    reportError(file, `Invalid UTF-8 at byte ${byte}, expected the file to be saved as UTF-8`, { line, column: index - before.lastIndexOf('\n') }, 'encoding');
    return { path, file, bytes, ok: false };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // One spelling of every text: LF line ends, NFC (so NFD and NFC titles give one URL).
  file.value = text.replace(/\r\n?/g, '\n').normalize('NFC');
  return { path, file, bytes, ok: true };
}

// Every .md under `dir`; links are reported, never followed, so nothing outside content/ is read.
async function listMarkdown(dir: string, messages: MessageRecord[]): Promise<string[]> {
  const found: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return found;
    throw error;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) {
      const file = new VFile({ path: relative(process.cwd(), path) });
      reportError(file, 'Unexpected symbolic link, expected a real file or folder (links are not followed)', undefined, 'symlink');
      messages.push(...messageRecords(file));
    } else if (entry.isDirectory()) {
      found.push(...(await listMarkdown(path, messages)));
    } else if (entry.isFile() && entry.name.endsWith('.md')) {
      found.push(path);
    }
  }
  return found;
}
