// Content images through sharp: AVIF and WebP at a few widths, with the original's format as the
// fallback, each file named by the hash of its bytes. Encoded files are cached in `.matbaa/cache/images/`
// by the hash of the input bytes, the encoding settings and matbaa's version, so a rebuild encodes
// only new pictures; an entry that does not match its manifest is encoded again, never served.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { ImageEntry, ImageSource, ImageVariant, ProcessedImage } from '../markdown/content-images.ts';
import type { Staging } from './staging.ts';

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
  /** Where the encoded files are written, as `_img/…`. */
  staging: Pick<Staging, 'write'>;
  /** The widths to make, in pixels; never wider than the original. */
  widths?: readonly number[];
  /** How many images are encoded at once. */
  concurrency?: number;
}

/** Every requested image, processed or with the reason it cannot be, and how many were encoded or reused. */
export interface ProcessedImages {
  images: Map<string, ImageEntry>;
  /** Images encoded by this run (not in the cache, or their entry was damaged). */
  encoded: number;
  /** Images whose files came from the cache. */
  reused: number;
}

/** The widths a picture is made in, unless options say otherwise. */
export const defaultWidths: readonly number[] = [480, 800, 1200, 1600];

/** The folder of the site the encoded files go in. */
export const imageFolder = '_img';

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

const matbaaVersion: string = createRequire(import.meta.url)('../../package.json').version;

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
  const fingerprint = JSON.stringify({ cacheFormat, matbaa: matbaaVersion, sharp: sharp.versions.sharp, vips: sharp.versions.vips, widths, encoders });
  const entriesDir = join(options.cacheDir, 'images');
  const result: ProcessedImages = { images: new Map(), encoded: 0, reused: 0 };
  // Two files with the same bytes at once share the work; a later one finds the entry in the cache.
  // Nothing is kept after its files are written, so memory holds only the images in hand.
  const inHand = new Map<string, Promise<Entry | string>>();
  const entryFor = async (key: string, bytes: Buffer): Promise<Entry | string> => {
    const pending = inHand.get(key);
    if (pending) return pending;
    const entry = (async () => {
      const cached = await readEntry(join(entriesDir, key), key);
      if (cached) {
        result.reused++;
        return cached;
      }
      const made = await encode(key, bytes, widths);
      if (typeof made === 'string') return made;
      result.encoded++;
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

  const paths = [...new Set(requests.map((request) => request.contentPath))].sort();
  // Two copies of one picture under one file name (`a/photo.jpg`, `b/photo.jpg`) make the same files.
  const written = new Set<string>();
  await eachLimited(paths, options.concurrency ?? 2, async (contentPath) => {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(options.contentDir, ...contentPath.split('/')));
    } catch (error) {
      result.images.set(contentPath, { problem: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      return;
    }
    const key = createHash('sha256').update(fingerprint).update('\n').update(bytes).digest('hex');
    const entry = await entryFor(key, bytes);
    if (typeof entry === 'string') {
      result.images.set(contentPath, { problem: entry });
      return;
    }
    result.images.set(contentPath, await publish(entry, stem(contentPath), options.staging, written));
  });
  return result;
}

// Writes an entry's files into the site under their content-hashed names and describes them for pages.
async function publish(entry: Entry, name: string, staging: Pick<Staging, 'write'>, written: Set<string>): Promise<ProcessedImage> {
  const { manifest } = entry;
  const urls = new Map<EntryFile, string>();
  for (const file of manifest.files) {
    const width = isKept(file) ? '' : `-${file.width}`;
    const path = `${imageFolder}/${name}${width}.${file.sha256.slice(0, 10)}.${extensions[file.format]}`;
    if (!written.has(path)) {
      written.add(path);
      await staging.write(path, entry.bytes.get(file.name)!);
    }
    urls.set(file, `/${path}`);
  }
  const inFormat = (format: string) => manifest.files.filter((file) => file.format === format).sort((a, b) => a.width - b.width);
  const srcset = (files: EntryFile[]) => files.map((file) => `${urls.get(file)} ${file.width}w`).join(', ');
  // The `<img>` takes the one format that is not also a `<source>`.
  const fallback = (['jpeg', 'png', 'gif', 'svg', 'webp'] as const).find((format) => inFormat(format).length > 0)!;
  const fallbacks = inFormat(fallback);
  const sources: ImageSource[] = (['avif', 'webp'] as const)
    .filter((format) => format !== fallback && inFormat(format).length > 0)
    .map((format) => ({ type: mimeTypes[format] as ImageSource['type'], srcset: srcset(inFormat(format)) }));
  const variants: ImageVariant[] = fallbacks.map((file) => ({ width: file.width, height: file.height, src: urls.get(file)! }));
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

// A cache entry whose manifest names this key and whose every file has the listed size and hash.
async function readEntry(dir: string, key: string): Promise<Entry | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.key !== key || !isSize(manifest) || !Array.isArray(manifest.files) || manifest.files.length === 0) return undefined;
    const bytes = new Map<string, Uint8Array>();
    for (const file of manifest.files) {
      if (!/^[a-z0-9]+\.[a-z]+$/.test(file.name) || !Object.hasOwn(extensions, file.format) || !isSize(file)) return undefined;
      const data = await readFile(join(dir, file.name));
      if (data.byteLength !== file.size || sha256(data) !== file.sha256) return undefined;
      bytes.set(file.name, data);
    }
    return { manifest, bytes };
  } catch {
    // Missing, half written or garbled: encode again.
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

// Runs `task` on every item with at most `limit` running at once.
async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
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
