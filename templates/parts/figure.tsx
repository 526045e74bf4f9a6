/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { ImageView } from '../props.ts';

/** An image with its caption and credit as separate, styled parts. */
export function figure(image: ImageView, options: { className: string; eager: boolean }) {
  return (
    <figure class={options.className}>
      <img
        src={image.src}
        alt={image.alt}
        width={image.width}
        height={image.height}
        loading={options.eager ? 'eager' : 'lazy'}
        fetchpriority={options.eager ? 'high' : undefined}
        decoding="async"
      />
      {image.caption || image.credit ? (
        <figcaption class="figure-caption">
          {image.caption ? <span class="figure-text">{image.caption}</span> : null}
          {image.caption && image.credit ? ' ' : null}
          {image.credit ? <span class="figure-credit"><bdi>{image.credit}</bdi></span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
