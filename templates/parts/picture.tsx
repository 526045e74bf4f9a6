/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { ImageView } from '../props.ts';

/**
 * An image as a `<picture>`: a `<source>` for each smaller encoding, then the `<img>` in the original's
 * format with its width and height. Eager with high priority for the page's main picture; lazy otherwise.
 */
export function picture(image: ImageView, options: { eager: boolean; className?: string; alt?: string; sizes?: string }) {
  const sizes = image.srcset ? (options.sizes ?? image.sizes) : undefined;
  const img = (
    <img
      class={options.className}
      src={image.src}
      srcset={image.srcset}
      sizes={sizes}
      alt={options.alt ?? image.alt}
      width={image.width}
      height={image.height}
      loading={options.eager ? 'eager' : 'lazy'}
      fetchpriority={options.eager ? 'high' : undefined}
      decoding="async"
    />
  );
  if (!image.sources || image.sources.length === 0) return img;
  return (
    <picture>
      {image.sources.map((source) => (
        <source type={source.type} srcset={source.srcset} sizes={sizes} />
      ))}
      {img}
    </picture>
  );
}
