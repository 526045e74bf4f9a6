// Content images as they are, with their true size: what `matbaa check` (and a preview) needs to know
// of a picture without encoding it.
import { join } from 'node:path';
import type { ImageEntry } from '../markdown/content-images.ts';

/** Each path's original file as a one-file image, or the reason it is not a usable picture. */
export async function originalImages(contentDir: string, paths: Iterable<string>): Promise<Record<string, ImageEntry>> {
  const images: Record<string, ImageEntry> = {};
  // Loaded here, not with this module: a build that never checks originals need not load it.
  const { default: sharp } = await import('sharp');
  for (const path of new Set(paths)) {
    try {
      // Only the header is read: this stays fast for a whole archive.
      const meta = await sharp(join(contentDir, path)).metadata();
      if (!meta.width || !meta.height) throw new Error('no size');
      const swapped = (meta.orientation ?? 1) >= 5;
      const width = swapped ? meta.height : meta.width;
      const height = swapped ? meta.width : meta.height;
      const src = `/${path.split('/').map(encodeURIComponent).join('/')}`;
      images[path] = { width, height, fallback: src, fallbackSrcset: '', sources: [], variants: [{ width, height, src }] };
    } catch (error) {
      images[path] = { problem: (error as Error).message.split('\n')[0]! };
    }
  }
  return images;
}
