import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, stat, truncate, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import type { Element } from 'hast';
import sharp from 'sharp';
import { VFile } from 'vfile';
import { processImages, type ImageOptions } from '../src/output/images.ts';
import { manifestName, openStaging } from '../src/output/staging.ts';
import { findContentImages, isProcessed, type ImageEntry, type ProcessedImage } from '../src/markdown/content-images.ts';
import { markdownToHast } from '../src/markdown/processor.ts';
import { article, makeTree, repoRoot, runCli, siteYaml, snapshotTree } from './helpers/site.ts';

const fixtures = join(repoRoot, 'tests/fixtures/images');

// A content folder holding the fixture pictures, and a staging that keeps what is written in memory.
async function imageSite() {
  const files: Record<string, Uint8Array> = {};
  for (const name of await readdir(fixtures)) if (!name.endsWith('.md')) files[`content/images/${name}`] = await readFile(join(fixtures, name));
  files['content/images/broken.jpg'] = new TextEncoder().encode('not a picture at all');
  const root = await makeTree(files);
  const written = new Map<string, Uint8Array>();
  const options = (): ImageOptions => ({
    contentDir: join(root, 'content'),
    cacheDir: join(root, '.matbaa/cache'),
    staging: {
      // As the real staging does, a second write of one path fails.
      write: async (path, contents) => {
        if (written.has(path)) throw new Error(`${path} written twice`);
        written.set(path, typeof contents === 'string' ? new TextEncoder().encode(contents) : contents);
      },
      // There is no live output to keep files from.
      keep: async () => false,
    },
  });
  return { root, written, options };
}

function processed(entry: ImageEntry | undefined): ProcessedImage {
  assert.ok(isProcessed(entry), `expected a processed image, got ${JSON.stringify(entry)}`);
  return entry;
}

// The URLs of a srcset, with their widths.
function srcsetWidths(srcset: string): [string, number][] {
  return srcset.split(', ').map((candidate) => {
    const [url, width] = candidate.split(' ');
    return [url!, Number(width!.replace(/w$/, ''))];
  });
}

async function cacheFiles(root: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const dir = join(root, '.matbaa/cache/images');
  for (const key of await readdir(dir)) {
    for (const name of await readdir(join(dir, key))) found.set(`${key}/${name}`, (await stat(join(dir, key, name))).mtimeMs);
  }
  return found;
}

describe('processing images', () => {
  it('should make AVIF, WebP and a JPEG fallback at every width up to the original, with its true size', async () => {
    const { written, options } = await imageSite();
    const result = await processImages([{ contentPath: 'images/skyline.jpg' }], options());
    const image = processed(result.images.get('images/skyline.jpg'));
    assert.deepEqual([image.width, image.height], [1000, 600]);
    assert.deepEqual(image.variants.map((v) => [v.width, v.height]), [[480, 288], [800, 480], [1000, 600]]);
    assert.deepEqual(image.sources.map((s) => s.type), ['image/avif', 'image/webp']);
    assert.equal(image.fallback, image.variants.at(-1)!.src);

    const expectations: [string, string][] = [...image.sources.map((s): [string, string] => [s.srcset, s.type.slice('image/'.length)]), [image.fallbackSrcset, 'jpeg']];
    for (const [srcset, format] of expectations) {
      const candidates = srcsetWidths(srcset);
      assert.deepEqual(candidates.map(([, width]) => width), [480, 800, 1000]);
      for (const [url, width] of candidates) {
        assert.match(url, /^\/_img\/skyline-\d+\.[0-9a-f]{10}\.(avif|webp|jpg)$/);
        const bytes = written.get(url.slice(1));
        assert.ok(bytes, `${url} was written`);
        const meta = await sharp(bytes).metadata();
        assert.deepEqual([meta.format === 'heif' ? 'avif' : meta.format, meta.width], [format, width], url);
      }
    }
  });

  it('should never make a picture wider than the original, and keep a PNG with transparency a PNG', async () => {
    const { options } = await imageSite();
    const { images } = await processImages([{ contentPath: 'images/badge.png' }], { ...options(), widths: [160, 480, 800] });
    const badge = processed(images.get('images/badge.png'));
    assert.deepEqual(badge.variants.map((v) => v.width), [160, 300]);
    assert.match(badge.fallback, /\.png$/);
    for (const source of badge.sources) assert.ok(srcsetWidths(source.srcset).every(([, width]) => width <= 300));
  });

  it('should give a photo turned by its EXIF orientation the size it is shown at', async () => {
    const { written, options } = await imageSite();
    const { images } = await processImages([{ contentPath: 'images/portrait-exif.jpg' }], options());
    const portrait = processed(images.get('images/portrait-exif.jpg'));
    assert.deepEqual([portrait.width, portrait.height], [480, 640]);
    assert.deepEqual(portrait.variants.map((v) => [v.width, v.height]), [[480, 640]]);
    const meta = await sharp(written.get(portrait.fallback.slice(1))).metadata();
    assert.deepEqual([meta.width, meta.height, meta.orientation ?? 1], [480, 640, 1], 'turned upright, its EXIF left out');
  });

  it('should say why a file that is not a picture cannot be used', async () => {
    const { options } = await imageSite();
    const { images } = await processImages([{ contentPath: 'images/broken.jpg' }, { contentPath: 'images/gone.jpg' }], options());
    assert.match((images.get('images/broken.jpg') as { problem: string }).problem, /unsupported image format/);
    assert.match((images.get('images/gone.jpg') as { problem: string }).problem, /ENOENT/);
  });
});

describe('the image cache', () => {
  it('should take every file from the cache on a second run, encoding nothing and touching no cache file', async () => {
    const { root, written, options } = await imageSite();
    const requests = [{ contentPath: 'images/skyline.jpg' }, { contentPath: 'images/badge.png' }];
    const first = await processImages(requests, options());
    assert.deepEqual([first.encoded, first.reused], [2, 0]);
    const firstFiles = new Map(written);
    const cached = await cacheFiles(root);
    assert.ok([...cached.keys()].some((path) => path.endsWith('/manifest.json')));

    written.clear();
    const second = await processImages(requests, options());
    assert.deepEqual([second.encoded, second.reused], [0, 2]);
    assert.deepEqual(second.images, first.images);
    assert.deepEqual(written, firstFiles);
    assert.deepEqual(await cacheFiles(root), cached);
  });

  it('should process two files with the same bytes once, and write one set of files for two of one name', async () => {
    const { root, written, options } = await imageSite();
    await writeFile(join(root, 'content/images/copy.jpg'), await readFile(join(fixtures, 'skyline.jpg')));
    const result = await processImages([{ contentPath: 'images/skyline.jpg' }, { contentPath: 'images/copy.jpg' }], options());
    assert.equal(result.encoded, 1);
    assert.match(processed(result.images.get('images/copy.jpg')).fallback, /^\/_img\/copy-1000\./);

    await mkdir(join(root, 'content/images/2025'));
    await writeFile(join(root, 'content/images/2025/skyline.jpg'), await readFile(join(fixtures, 'skyline.jpg')));
    written.clear();
    const twins = await processImages([{ contentPath: 'images/skyline.jpg' }, { contentPath: 'images/2025/skyline.jpg' }], options());
    assert.deepEqual(twins.images.get('images/2025/skyline.jpg'), twins.images.get('images/skyline.jpg'));
    assert.equal(written.size, 9);
  });

  it('should find a truncated cache file or a missing manifest, encode again and never serve the damaged bytes', async () => {
    const { root, written, options } = await imageSite();
    const requests = [{ contentPath: 'images/skyline.jpg' }];
    await processImages(requests, options());
    const good = new Map(written);
    const [entry] = await readdir(join(root, '.matbaa/cache/images'));
    const avif = (await readdir(join(root, '.matbaa/cache/images', entry!))).find((name) => name.endsWith('.avif'))!;
    const damaged = join(root, '.matbaa/cache/images', entry!, avif);
    const size = (await stat(damaged)).size;
    await truncate(damaged, Math.floor(size / 2));

    written.clear();
    const again = await processImages(requests, options());
    assert.deepEqual([again.encoded, again.reused], [1, 0]);
    assert.deepEqual(written, good);
    assert.equal((await stat(damaged)).size, size, 'the entry is whole again');

    // An entry cut short before its manifest was written is no entry.
    await rm(join(root, '.matbaa/cache/images', entry!, 'manifest.json'));
    written.clear();
    assert.equal((await processImages(requests, options())).encoded, 1);
    assert.deepEqual(written, good);
  });
});

describe('images kept from the live output', () => {
  // Pictures processed into a real output folder as `matbaa build` does it, and a way to do it again.
  async function publishedSite() {
    const { root, options } = await imageSite();
    await writeFile(join(root, 'content/images/copy.jpg'), await readFile(join(fixtures, 'skyline.jpg')));
    await mkdir(join(root, 'content/images/2025'));
    await writeFile(join(root, 'content/images/2025/skyline.jpg'), await readFile(join(fixtures, 'skyline.jpg')));
    const requests = ['images/skyline.jpg', 'images/2025/skyline.jpg', 'images/copy.jpg', 'images/badge.png'].map((contentPath) => ({ contentPath }));
    const out = join(root, 'dist');
    const build = async () => {
      const staging = await openStaging(out);
      const result = await processImages(requests, { ...options(), staging });
      return { result, changes: await staging.commit() };
    };
    const first = await build();
    return { root, out, first, build };
  }
  // Every encoded file in the image cache, its manifests left out.
  const encodedFiles = async (root: string) => {
    const dir = join(root, '.matbaa/cache/images');
    const entries = await Promise.all((await readdir(dir)).map(async (key) => (await readdir(join(dir, key))).map((name) => join(dir, key, name))));
    return entries.flat().filter((path) => !path.endsWith('manifest.json'));
  };
  const deployManifest = async (out: string) => JSON.parse(await readFile(join(out, manifestName), 'utf8')).files as Record<string, { hash: string }>;
  const withoutManifest = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([path]) => path !== manifestName));

  it('should keep every file of an unchanged picture from the live output, reading none of the cache entry’s files', async () => {
    const { root, out, first, build } = await publishedSite();
    assert.deepEqual([first.result.encoded, first.result.kept], [2, 0]);
    const before = await snapshotTree(out);
    const manifest = await deployManifest(out);
    // Spoil every encoded file in the cache: the rebuild must not need them.
    const spoiled = new Map<string, string>();
    for (const path of await encodedFiles(root)) {
      await truncate(path, 10);
      spoiled.set(path, await readFile(path, 'hex'));
    }

    const second = await build();
    // images/2025/skyline.jpg makes the same files as images/skyline.jpg, kept already.
    assert.deepEqual([second.result.encoded, second.result.reused, second.result.kept], [0, 0, 3]);
    assert.deepEqual(second.result.images, first.result.images);
    assert.deepEqual(second.changes, { added: [], changed: [], removed: [] });
    assert.deepEqual(withoutManifest(await snapshotTree(out)), withoutManifest(before), 'every file keeps its bytes and mtime');
    assert.deepEqual(await deployManifest(out), manifest);
    for (const [path, hex] of spoiled) assert.equal(await readFile(path, 'hex'), hex, 'the cache was not read to be mended');
  });

  it('should not read a picture whose file is as the last build read it, and read it again once it is written', async () => {
    const { root, first, build } = await publishedSite();
    assert.equal(first.result.read, 4);
    const second = await build();
    assert.deepEqual([second.result.read, second.result.kept, second.result.encoded], [0, 3, 0]);
    assert.deepEqual(second.result.images, first.result.images);

    // The same bytes written again: read, and found to be the same picture.
    const copy = join(root, 'content/images/copy.jpg');
    await writeFile(copy, await readFile(copy));
    const third = await build();
    assert.deepEqual([third.result.read, third.result.encoded], [1, 0]);
    assert.deepEqual(third.result.images, first.result.images);

    // Another picture under the same name (the badge's bytes, in the cache already): read, and made from those.
    await writeFile(copy, await readFile(join(fixtures, 'badge.png')));
    const fourth = await build();
    assert.deepEqual([fourth.result.read, fourth.result.encoded, fourth.result.reused], [1, 0, 1]);
    assert.notDeepEqual(fourth.result.images.get('images/copy.jpg'), first.result.images.get('images/copy.jpg'));
    assert.deepEqual(fourth.result.images.get('images/skyline.jpg'), first.result.images.get('images/skyline.jpg'));
  });

  it('should write again a live file that is not the size the deploy manifest records, from the verified cache', async () => {
    const { out, first, build } = await publishedSite();
    const manifest = await deployManifest(out);
    const avif = Object.keys(manifest).find((path) => /^_img\/skyline-480\..*\.avif$/.test(path))!;
    const good = await readFile(join(out, avif));
    await writeFile(join(out, avif), good.subarray(0, 100));
    const before = await snapshotTree(out);

    const second = await build();
    assert.deepEqual([second.result.encoded, second.result.reused, second.result.kept], [0, 1, 2]);
    assert.deepEqual(second.result.images, first.result.images);
    assert.deepEqual(await readFile(join(out, avif)), good);
    // The manifest records the same hash as before, so the deploy has nothing new to upload.
    assert.deepEqual(second.changes, { added: [], changed: [], removed: [] });
    assert.deepEqual(await deployManifest(out), manifest);
    const after = await snapshotTree(out);
    for (const path of Object.keys(manifest)) if (path !== avif) assert.equal(after[path], before[path], `${path} keeps its bytes and mtime`);
  });

  it('should encode a picture again when a live file is missing and its cache entry is damaged', async () => {
    const { root, out, first, build } = await publishedSite();
    const manifest = await deployManifest(out);
    const webp = Object.keys(manifest).find((path) => /^_img\/copy-800\..*\.webp$/.test(path))!;
    const good = await readFile(join(out, webp));
    await rm(join(out, webp));
    for (const path of await encodedFiles(root)) await truncate(path, 10);

    const second = await build();
    assert.deepEqual([second.result.encoded, second.result.kept], [1, 2], 'copy.jpg encoded again; skyline.jpg and badge.png kept whole');
    assert.deepEqual(second.result.images, first.result.images);
    assert.deepEqual(await readFile(join(out, webp)), good);
    assert.deepEqual(second.changes, { added: [], changed: [], removed: [] });
    assert.deepEqual(await deployManifest(out), manifest);
  });
});

describe('images in the body', () => {
  it('should find the body’s pictures from the article’s folder or the content root, and no other site’s', () => {
    const markdown = [
      '![أ](../../images/a.jpg "تعليق (رويترز)")',
      'نص ![ب](/images/b%20c.png) و![ج](<./d (1).webp>)',
      '![د](https://example.com/e.jpg) ![هـ](../../../outside.jpg) [ملف](/files/report.pdf)',
      '![و][صورة]',
      '',
      '[صورة]: /images/f.gif',
    ].join('\n');
    assert.deepEqual(findContentImages(markdown, 'articles/world/story.md'), ['articles/world/d (1).webp', 'images/a.jpg', 'images/b c.png', 'images/f.gif']);
  });

  it('should make a processed picture a <picture> with its true size, and a missing or outside one an error at its line and column', () => {
    const image: ProcessedImage = {
      width: 1000,
      height: 600,
      fallback: '/_img/a-1000.1.jpg',
      fallbackSrcset: '/_img/a-480.2.jpg 480w, /_img/a-1000.1.jpg 1000w',
      sources: [{ type: 'image/avif', srcset: '/_img/a-480.3.avif 480w, /_img/a-1000.4.avif 1000w' }],
      variants: [{ width: 480, height: 288, src: '/_img/a-480.2.jpg' }, { width: 1000, height: 600, src: '/_img/a-1000.1.jpg' }],
    };
    const file = new VFile({ path: 'content/articles/world/story.md', value: 'مقدمة.\n\n![أ](/images/a.jpg "تعليق")\n\nنص ![ب](missing.jpg) و![ج](../../../x.jpg).\n' });
    const tree = markdownToHast(file, { sourcePath: 'articles/world/story.md', links: {}, lineBreaks: 'commonmark', images: { 'images/a.jpg': image } });
    const picture = select('figure.figure > picture', tree)!;
    assert.deepEqual(selectAll('source', picture).map((s) => [s.properties.type, s.properties.srcSet]), [['image/avif', image.sources[0]!.srcset]]);
    const img = select('img', picture)!;
    assert.deepEqual(
      [img.properties.src, img.properties.srcSet, img.properties.width, img.properties.height, img.properties.loading],
      ['/_img/a-1000.1.jpg', image.fallbackSrcset, 1000, 600, 'lazy'],
    );
    assert.deepEqual(
      file.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId} ${m.reason}`),
      [
        '5:4 error missing-image Cannot find image `missing.jpg`, expected a .jpg, .png, .webp, .avif, .gif or .svg file in the content folder',
        '5:23 error missing-image Unexpected image `../../../x.jpg` outside the content folder, expected a path to an image inside it',
      ],
    );
  });
});

describe('images in the built site', () => {
  const story = (body: string) =>
    article(
      'title: "خبر بالصور"\ndate: 2026-11-20T09:30:00+03:00\nsection: world\nslug: photos\nimage:\n  src: /images/skyline.jpg\n  alt: "أفق المدينة"\n  caption: "أفق المدينة عند الغروب"\n  credit: "رويترز"',
      body,
    );

  it('should show the hero eagerly with high priority and body pictures lazily, all with width and height; a missing body picture fails the build at its line', async () => {
    const root = await makeTree({
      'content/site.yaml': siteYaml,
      'content/articles/photos.md': story('فقرة أولى.\n\n![شارة](/images/badge.png "شارة الحملة (أ ف ب)")\n'),
      'content/images/skyline.jpg': await readFile(join(fixtures, 'skyline.jpg')),
      'content/images/badge.png': await readFile(join(fixtures, 'badge.png')),
      'content/files/report.pdf': '%PDF-1.4\n',
    });
    const run = await runCli(['build'], root);
    assert.equal(run.code, 0, run.stderr);
    const dist = join(root, 'dist');
    const page = fromHtml(await readFile(join(dist, 'world/photos/index.html'), 'utf8'));

    const hero = select('figure.hero picture', page)!;
    assert.deepEqual(selectAll('source', hero).map((s) => s.properties.type), ['image/avif', 'image/webp']);
    const heroImg = select('img', hero)!;
    assert.deepEqual([heroImg.properties.width, heroImg.properties.height, heroImg.properties.loading, heroImg.properties.fetchPriority], [1000, 600, 'eager', 'high']);
    assert.equal(heroImg.properties.sizes, '(min-width: 38rem) 36rem, calc(100vw - 2rem)');

    const body = select('.article-body figure.figure picture img', page)!;
    assert.deepEqual([body.properties.width, body.properties.height, body.properties.loading, body.properties.fetchPriority], [300, 200, 'lazy', undefined]);
    for (const img of selectAll('img', page)) assert.ok(img.properties.width && img.properties.height, 'every img has its size');

    // Every file a page names is in the site; the originals of processed pictures are not, other files are.
    const urls = selectAll('source, img', page).flatMap((node: Element) => [node.properties.src, node.properties.srcSet])
      .filter((value): value is string => typeof value === 'string')
      .flatMap((value) => value.split(', ').map((candidate) => candidate.split(' ')[0]!));
    for (const url of urls) await stat(join(dist, url));
    assert.equal(select('meta[property="og:image"]', page)!.properties.content, `https://test.example${heroImg.properties.src}`);
    await assert.rejects(stat(join(dist, 'images/skyline.jpg')));
    await stat(join(dist, 'files/report.pdf'));

    const before = await snapshotTree(dist);
    await writeFile(join(root, 'content/articles/photos.md'), story('فقرة أولى.\n\nنص ![شارة](/images/badge.png) ثم ![خريطة](map.jpg).\n'));
    const broken = await runCli(['build'], root);
    assert.equal(broken.code, 1);
    assert.ok(
      broken.stderr.includes('content/articles/photos.md:15:34: error: Cannot find image `map.jpg`, expected a .jpg, .png, .webp, .avif, .gif or .svg file in the content folder  missing-image'),
      broken.stderr,
    );
    assert.deepEqual(await snapshotTree(dist), before);
  });
});
