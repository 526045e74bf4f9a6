// Front-matter positions as plain data, so lint can run where the parsed YAML is not (a worker).
import type { Place } from '../messages.ts';
import type { LocateFrontMatter } from './data.ts';

// The keys lint rules point at: the text an editor writes in front matter.
const linted: { path: readonly string[]; part: 'key' | 'value' }[] = [
  { path: ['title'], part: 'value' },
  { path: ['subtitle'], part: 'value' },
  { path: ['image'], part: 'key' },
  { path: ['image'], part: 'value' },
  { path: ['image', 'alt'], part: 'value' },
  { path: ['image', 'caption'], part: 'value' },
  { path: ['image', 'credit'], part: 'value' },
];

/** The places lint rules may ask for, keyed `title`, `image#key`, `image.caption`. */
export type FrontMatterPlaces = Record<string, Place>;

/** Records the places of the linted keys. */
export function recordFrontMatterPlaces(locate: LocateFrontMatter): FrontMatterPlaces {
  const places: FrontMatterPlaces = {};
  for (const { path, part } of linted) places[placeKey(path, part)] = locate(path, part);
  return places;
}

/** A locate function over recorded places; an unrecorded key points at the front matter's start. */
export function locateFromPlaces(places: FrontMatterPlaces): LocateFrontMatter {
  return (path, part = 'value') => places[placeKey(path.map(String), part)] ?? { line: 1, column: 1 };
}

function placeKey(path: readonly string[], part: 'key' | 'value'): string {
  return part === 'key' ? `${path.join('.')}#key` : path.join('.');
}
