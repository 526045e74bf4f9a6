/** @jsxRuntime automatic @jsxImportSource hastscript */
import type { ImageView } from '../props.ts';
import { picture } from './picture.tsx';

/** An image with its caption and credit as separate, styled parts. */
export function figure(image: ImageView, options: { className: string; eager: boolean }) {
  return (
    <figure class={options.className}>
      {picture(image, { eager: options.eager })}
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
