// What lint rules read from `file.data`: the article's front matter and where its keys are.
import type { FrontMatter } from '../content/schema.ts';
import type { Place } from '../messages.ts';

/** The place of a front-matter key (`part: 'key'`) or of its value, as `ParsedYaml.locate` gives it. */
export type LocateFrontMatter = (path: readonly PropertyKey[], part?: 'key' | 'value') => Place;

declare module 'vfile' {
  interface DataMap {
    /** The article's validated front matter, for rules about the title and the hero image. */
    frontMatter: FrontMatter;
    /** Where a front-matter key is in the file, so a rule can point at it. */
    locateFrontMatter: LocateFrontMatter;
    /** The prose of the tree, shared by the rules that read it. */
    lintProse: { tree: object; blocks: readonly import('./prose.ts').ProseBlock[] };
  }
}
