// Content images through sharp: AVIF and WebP at a few widths, with the original's format as the
// fallback, each file named by the hash of its bytes. Encoded files are cached in `.matbaa/cache/images/`
// by the hash of the input bytes, the encoding settings and matbaa's version, so a rebuild encodes
// only new pictures; an entry that does not match its manifest is encoded again, never served. A
// rebuild reads only an entry's manifest when the live output still holds every file it names.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { inParallel } from '../in-parallel.ts';
import { writeCacheFile } from '../cache-file.ts';
import { statKey } from '../content/article-cache.ts';
import { matbaaVersion } from '../project-root.ts';
import { join, posix } from 'node:path';
import type { Metadata, Sharp } from 'sharp';
import type { ImageEntry, ImageSource, ImageVariant, ProcessedImage } from '../markdown/content-images.ts';
import { isSha256, type Staging } from './staging.ts';

/** One image a page shows. */
export interface ImageRequest {
  /** Content-relative POSIX path of the file: `images/2026/11/cairo.jpg`. */
  contentPath: string;
}

/** Where images come from and go. */
export interface ImageOptions {
  contentDir: string;
  /** The build cache, `.matbaa/cache`; entries go in its `images/` folder. */
  cacheDir: string;
  /** Where the encoded files are written, as `_img/…`, or kept from the live output. */
  staging: Pick<Staging, 'write' | 'keep'>;
  /** The widths to make, in pixels; never wider than the original. */
  widths?: readonly number[];
  /** How many images are encoded at once. */
  concurrency?: number;
  /** Whether what was read is recorded for the next build (default true); a build that asks for a few of the site's pictures keeps the record of them all. */
  recordSources?: boolean;
  /**
   * Whether to take the encoder the last build recorded instead of asking sharp, which then loads only
   * to encode (a tenth of a second): for a build whose code is the last build's, as matbaa's code
   * version covers the locked sharp and its libvips.
   */
  recordedEncoder?: boolean;
}

/** Every requested image, processed or with the reason it cannot be, and how many were encoded, reused or kept. */
export interface ProcessedImages {
  images: Map<string, ImageEntry>;
  /** Images encoded by this run (not in the cache, or their entry was damaged). */
  encoded: number;
  /** Images whose files were read from the cache. */
  reused: number;
  /** Images whose files were all kept from the live output. */
  kept: number;
  /** Images whose file was read: the others were as the last build read them, by their stat. */
  read: number;
}

/** The widths a picture is made in, unless options say otherwise. */
export const defaultWidths: readonly number[] = [480, 800, 1200, 1600];

/** The folder of the site the encoded files go in. */
export const imageFolder = '_img';

// Reading, checking and linking files waits on the disk more than on the CPU, so more images are
// in hand at once than are encoded.
const filesAtOnce = 8;

// Low AVIF effort: 2 is about 5× faster than the default 4 for ~10% larger files.
const encoders = {
  avif: { quality: 50, effort: 2, chromaSubsampling: '4:2:0' },
  webp: { quality: 75, effort: 4 },
  jpeg: { quality: 75, mozjpeg: true },
  png: { compressionLevel: 9 },
} as const;

type Encoding = keyof typeof encoders;
type Kept = 'gif' | 'svg' | 'webp';

const mimeTypes: Record<Encoding | Kept, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  svg: 'image/svg+xml',
};
const extensions: Record<Encoding | Kept, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg', png: 'png', gif: 'gif', svg: 'svg' };

// Bumped when the layout of a cache entry changes.
const cacheFormat = 1;

/** One file of a cache entry, as its manifest lists it. */
interface EntryFile {
  /** File name inside the entry: `800.avif`. */
  name: string;
  format: Encoding | Kept;
  width: number;
  height: number;
  size: number;
  sha256: string;
}

/** A cache entry's manifest, written last: an entry without a matching one is not used. */
interface Manifest {
  key: string;
  width: number;
  height: number;
  files: EntryFile[];
}

/** An image's files in memory, from the cache or fresh from the encoder. */
interface Entry {
  manifest: Manifest;
  bytes: Map<string, Uint8Array>;
}

/** Processes every requested image (each distinct file once) and writes its files into the site. */
export async function processImages(requests: readonly ImageRequest[], options: ImageOptions): Promise<ProcessedImages> {
  const widths = [...new Set(options.widths ?? defaultWidths)].sort((a, b) => a - b);
  if (widths.length === 0 || widths.some((width) => !Number.isInteger(width) || width <= 0)) throw new Error(`Image widths must be positive integers, got ${JSON.stringify(widths)}`);
  const sourcesFile = join(options.cacheDir, 'image-sources.json');
  const recorded = options.recordedEncoder ? await readSources(sourcesFile) : undefined;
  const fingerprint = recorded?.fingerprint ?? (await encoderFingerprint(widths));
  const entriesDir = join(options.cacheDir, 'images');
  const result: ProcessedImages = { images: new Map(), encoded: 0, reused: 0, kept: 0, read: 0 };
  // What the last build read at each content path, by stat: a picture that is the same is not read to
  // be hashed again, when the live output still holds its files (an archive's pictures took a second).
  const sources = recorded ?? (await readSources(sourcesFile, fingerprint));
  const seen: Sources = { fingerprint, files: {}, manifests: {} };
  const encoding = limiter(options.concurrency ?? 2);
  // An entry's manifest is read once a build however many files share its bytes (they are small);
  // encoding one replaces it.
  const manifests = new Map<string, Promise<Manifest | undefined>>();
  const manifestFor = (key: string): Promise<Manifest | undefined> => {
    let manifest = manifests.get(key);
    if (!manifest) manifests.set(key, (manifest = readEntryManifest(join(entriesDir, key), key)));
    return manifest;
  };
  // Two files with the same bytes at once share the work; a later one finds the entry in the cache.
  // Nothing is kept after its files are written, so memory holds only the images in hand.
  const inHand = new Map<string, Promise<Entry | string>>();
  const entryFor = async (key: string, bytes: Buffer): Promise<Entry | string> => {
    const pending = inHand.get(key);
    if (pending) return pending;
    const entry = (async () => {
      const manifest = await manifestFor(key);
      const cached = manifest && (await readEntry(join(entriesDir, key), manifest));
      if (cached) {
        result.reused++;
        return cached;
      }
      const made = await encoding(() => encode(key, bytes, widths));
      if (typeof made === 'string') return made;
      result.encoded++;
      manifests.set(key, Promise.resolve(made.manifest));
      await writeEntry(entriesDir, made);
      return made;
    })();
    inHand.set(key, entry);
    try {
      return await entry;
    } finally {
      inHand.delete(key);
    }
  };

  // A live file was written from verified bytes by an earlier build and the deploy manifest holds
  // its hash, so when the output still has every file the entry names, the entry's own copies need
  // not be read and checked again.
  const keepLive = async (manifest: Manifest, name: string, staged: Set<string>): Promise<ProcessedImage | undefined> => {
    const paths = outputPaths(manifest, name);
    const wanted = manifest.files.map((file) => ({ path: paths.get(file)!, hash: file.sha256, size: file.size })).filter((file) => !staged.has(file.path));
    if (wanted.length === 0) return describe(manifest, paths);
    if (!(await options.staging.keep(wanted))) return undefined;
    for (const file of wanted) staged.add(file.path);
    result.kept++;
    return describe(manifest, paths);
  };
  // One picture's files, kept from the live output, taken from the cache or encoded; `staged` holds
  // the output paths staged so far for files of the same name.
  const imageFor = async (contentPath: string, staged: Set<string>): Promise<ImageEntry> => {
    const path = join(options.contentDir, ...contentPath.split('/'));
    const name = stem(contentPath);
    // The stat before the read: a file written meanwhile has another by the next build, which reads it again.
    const stats = lstatSync(path, { throwIfNoEntry: false });
    const stat = stats?.isFile() ? statKey(stats) : undefined;
    const known = stat !== undefined && sources && Object.hasOwn(sources.files, contentPath) ? sources.files[contentPath] : undefined;
    const knownManifest = known && known.stat === stat && sources && Object.hasOwn(sources.manifests, known.key) ? sources.manifests[known.key] : undefined;
    if (known && knownManifest) {
      const kept = await keepLive(knownManifest, name, staged);
      if (kept) {
        seen.files[contentPath] = known;
        seen.manifests[known.key] = knownManifest;
        return kept;
      }
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      return { problem: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
    result.read++;
    const key = createHash('sha256').update(fingerprint).update('\n').update(bytes).digest('hex');
    const manifest = await manifestFor(key);
    const kept = manifest && (await keepLive(manifest, name, staged));
    const entry = kept ?? (await entryFor(key, bytes));
    if (typeof entry === 'string') return { problem: entry };
    const made = 'manifest' in entry ? entry.manifest : manifest!;
    if (stat !== undefined) seen.files[contentPath] = { stat, key };
    seen.manifests[key] = made;
    return 'manifest' in entry ? publish(entry, name, options.staging, staged) : entry;
  };

  // Files of one name (`a/photo.jpg`, `b/photo.jpg`) go to the same output paths, so they are done in
  // turn, and one with the same bytes as one before it stages no file again.
  const byName = new Map<string, string[]>();
  for (const contentPath of [...new Set(requests.map((request) => request.contentPath))].sort()) {
    const group = byName.get(stem(contentPath));
    if (group) group.push(contentPath);
    else byName.set(stem(contentPath), [contentPath]);
  }
  await inParallel([...byName.values()], filesAtOnce, async (contentPaths) => {
    const staged = new Set<string>();
    for (const contentPath of contentPaths) result.images.set(contentPath, await imageFor(contentPath, staged));
  });
  // In a stable order, so an unchanged set is not written again.
  const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const text = JSON.stringify({ fingerprint, files: sorted(seen.files), manifests: sorted(seen.manifests) });
  if (text !== sources?.text && (options.recordSources ?? true)) await writeCacheFile(sourcesFile, text);
  return result;
}

/** What the last build read at each content path (by `statKey`, the key of its bytes), and the manifests of those keys. */
interface Sources {
  fingerprint: string;
  files: Record<string, { stat: string; key: string }>;
  manifests: Record<string, Manifest>;
}

// What names the encoding of an entry: the cache's layout, sharp and libvips, the widths and the encoders' settings.
async function encoderFingerprint(widths: readonly number[]): Promise<string> {
  const sharp = await loadSharp();
  return JSON.stringify({ cacheFormat, matbaa: matbaaVersion, sharp: sharp.versions.sharp, vips: sharp.versions.vips, widths, encoders });
}

// sharp, loaded when first needed: a build that encodes nothing and asks for no encoder need not load it.
type SharpFunction = (typeof import('sharp'))['default'];
let sharpModule: Promise<SharpFunction> | undefined;
function loadSharp(): Promise<SharpFunction> {
  sharpModule ??= import('sharp').then((module) => module.default);
  return sharpModule;
}

// The last build's sources, when they were made with the same encoding settings (any, without a
// fingerprint to match), with the text they were read from.
async function readSources(file: string, fingerprint?: string): Promise<(Sources & { text: string }) | undefined> {
  try {
    const text = await readFile(file, 'utf8');
    const data = JSON.parse(text) as Partial<Sources>;
    if ((fingerprint !== undefined && data.fingerprint !== fingerprint) || typeof data.fingerprint !== 'string' || typeof data.files !== 'object' || typeof data.manifests !== 'object' || !data.files || !data.manifests) return undefined;
    for (const [key, manifest] of Object.entries(data.manifests)) if (!isManifest(manifest, key)) delete data.manifests[key];
    return { ...(data as Sources), text };
  } catch {
    return undefined;
  }
}

// Writes an entry's files into the site under their content-hashed names, but for those `staged`
// already, and describes them for pages.
async function publish(entry: Entry, name: string, staging: Pick<Staging, 'write'>, staged: Set<string>): Promise<ProcessedImage> {
  const paths = outputPaths(entry.manifest, name);
  for (const file of entry.manifest.files) {
    const path = paths.get(file)!;
    if (staged.has(path)) continue;
    staged.add(path);
    await staging.write(path, entry.bytes.get(file.name)!);
  }
  return describe(entry.manifest, paths);
}

// Where each file of an entry goes in the site: `_img/cairo-800.1a2b3c4d5e.avif`.
function outputPaths(manifest: Manifest, name: string): Map<EntryFile, string> {
  return new Map(manifest.files.map((file) => [file, `${imageFolder}/${name}${isKept(file) ? '' : `-${file.width}`}.${file.sha256.slice(0, 10)}.${extensions[file.format]}`]));
}

// An entry's files as a page shows them.
function describe(manifest: Manifest, paths: ReadonlyMap<EntryFile, string>): ProcessedImage {
  const url = (file: EntryFile) => `/${paths.get(file)!}`;
  const inFormat = (format: string) => manifest.files.filter((file) => file.format === format).sort((a, b) => a.width - b.width);
  const srcset = (files: EntryFile[]) => files.map((file) => `${url(file)} ${file.width}w`).join(', ');
  // The `<img>` takes the one format that is not also a `<source>`.
  const fallback = (['jpeg', 'png', 'gif', 'svg', 'webp'] as const).find((format) => inFormat(format).length > 0)!;
  const fallbacks = inFormat(fallback);
  const sources: ImageSource[] = (['avif', 'webp'] as const)
    .filter((format) => format !== fallback && inFormat(format).length > 0)
    .map((format) => ({ type: mimeTypes[format] as ImageSource['type'], srcset: srcset(inFormat(format)) }));
  const variants: ImageVariant[] = fallbacks.map((file) => ({ width: file.width, height: file.height, src: url(file) }));
  return {
    width: manifest.width,
    height: manifest.height,
    fallback: variants.at(-1)!.src,
    fallbackSrcset: fallbacks.some(isKept) ? '' : srcset(fallbacks),
    sources,
    variants,
  };
}

// A file kept as it came: a GIF, an SVG or an animated WebP, with no widths made.
function isKept(file: EntryFile): boolean {
  return file.name.startsWith('original.');
}

// Encodes one image at every width that is not wider than it; a GIF, an SVG or an animated WebP is
// kept as it is. A file sharp cannot read gives the reason as a string.
async function encode(key: string, bytes: Buffer, widths: readonly number[]): Promise<Entry | string> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (error) {
    return firstLine(error);
  }
  // The size as shown: after the EXIF orientation, and one frame of an animation.
  const width = meta.autoOrient.width;
  const height = meta.pageHeight ?? meta.autoOrient.height;
  const files: { file: EntryFile; bytes: Uint8Array }[] = [];
  const add = (name: string, format: Encoding | Kept, size: { width: number; height: number }, data: Uint8Array) =>
    files.push({ file: { name, format, width: size.width, height: size.height, size: data.byteLength, sha256: sha256(data) }, bytes: data });

  if (meta.format === 'gif' || meta.format === 'svg' || (meta.format === 'webp' && (meta.pages ?? 1) > 1)) {
    const format = meta.format;
    add(`original.${extensions[format]}`, format, { width, height }, bytes);
  } else {
    const fallback: Encoding = meta.format === 'jpeg' ? 'jpeg' : meta.format === 'png' ? 'png' : meta.format === 'webp' ? 'webp' : meta.hasAlpha ? 'png' : 'jpeg';
    const formats: Encoding[] = fallback === 'webp' ? ['avif', 'webp'] : ['avif', 'webp', fallback];
    // The original itself may stand in for the widest fallback when it is no bigger and carries no
    // metadata (a photo's EXIF can hold where it was taken).
    const cleanOriginal = meta.format === fallback && !meta.exif && !meta.xmp && !meta.iptc && (meta.orientation ?? 1) === 1;
    try {
      for (const target of chooseWidths(width, widths)) {
        // Decode and resize once, then encode those pixels in each format.
        const { data, info } = await sharp(bytes).autoOrient().resize({ width: target }).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
        const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
        for (const format of formats) {
          let encoded: Uint8Array = await encoder(sharp(data, raw), format).toBuffer();
          if (format === fallback && cleanOriginal && target === width && bytes.byteLength <= encoded.byteLength) encoded = bytes;
          add(`${target}.${extensions[format]}`, format, info, encoded);
        }
      }
    } catch (error) {
      return firstLine(error);
    }
  }
  return { manifest: { key, width, height, files: files.map((f) => f.file) }, bytes: new Map(files.map((f) => [f.file.name, f.bytes])) };
}

function encoder(image: Sharp, format: Encoding): Sharp {
  switch (format) {
    case 'avif':
      return image.avif(encoders.avif);
    case 'webp':
      return image.webp(encoders.webp);
    case 'jpeg':
      return image.jpeg(encoders.jpeg);
    case 'png':
      return image.png(encoders.png);
    default:
      throw new Error(`Unknown image format \`${String(format)}\``);
  }
}

/** The widths made of a picture `width` pixels wide: those narrower than it, and then its own or the largest, whichever is smaller. */
export function chooseWidths(width: number, widths: readonly number[]): number[] {
  const largest = Math.min(width, Math.max(...widths));
  return [...widths.filter((w) => w < largest), largest];
}

// The readable part of the file name, for people reading URLs: `cairo-nile-skyline`.
function stem(contentPath: string): string {
  const name = posix.basename(contentPath).replace(/\.[^.]*$/, '');
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'image';
}

// A cache entry's manifest, when it names this key and describes files matbaa could have made.
async function readEntryManifest(dir: string, key: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    return isManifest(manifest, key) ? manifest : undefined;
  } catch {
    // Missing, half written or garbled: encode again.
    return undefined;
  }
}

function isManifest(manifest: Manifest, key: string): boolean {
  if (manifest?.key !== key || !isSize(manifest) || !Array.isArray(manifest.files) || manifest.files.length === 0) return false;
  for (const file of manifest.files) {
    if (!/^[a-z0-9]+\.[a-z]+$/.test(file.name) || !Object.hasOwn(extensions, file.format) || !isSize(file)) return false;
    if (!Number.isInteger(file.size) || file.size < 0 || !isSha256(file.sha256)) return false;
  }
  return true;
}

// The files of a cache entry, when every one has the size and hash its manifest lists.
async function readEntry(dir: string, manifest: Manifest): Promise<Entry | undefined> {
  try {
    const bytes = new Map<string, Uint8Array>();
    for (const file of manifest.files) {
      const data = await readFile(join(dir, file.name));
      if (data.byteLength !== file.size || sha256(data) !== file.sha256) return undefined;
      bytes.set(file.name, data);
    }
    return { manifest, bytes };
  } catch {
    // A file missing or unreadable: encode again.
    return undefined;
  }
}

// Writes an entry into a fresh folder, its manifest last, then renames the folder into place, so a
// reader finds a whole entry or none; a damaged entry in the way is replaced.
async function writeEntry(entriesDir: string, entry: Entry): Promise<void> {
  const final = join(entriesDir, entry.manifest.key);
  const temporary = join(entriesDir, `.tmp-${entry.manifest.key.slice(0, 16)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(temporary, { recursive: true });
    for (const file of entry.manifest.files) await writeFile(join(temporary, file.name), entry.bytes.get(file.name)!);
    await writeFile(join(temporary, 'manifest.json'), `${JSON.stringify(entry.manifest, null, 2)}\n`);
    try {
      await rename(temporary, final);
    } catch {
      await rm(final, { recursive: true, force: true });
      await rename(temporary, final);
    }
  } catch {
    // The cache only saves time: a full disk or a read-only folder must not fail the build, and
    // another build may have put the same entry in place first.
    await rm(temporary, { recursive: true, force: true }).catch(() => {});
  }
}

// Runs the tasks handed to it with at most `limit` running at once.
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

function isSize(value: { width: unknown; height: unknown }): boolean {
  return Number.isInteger(value.width) && Number.isInteger(value.height) && (value.width as number) > 0 && (value.height as number) > 0;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}
