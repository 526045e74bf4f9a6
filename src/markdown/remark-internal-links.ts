import type { Definition, Link, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { classifyContentLink } from './content-links.ts';

/** What an article's links to other articles resolve against. */
export interface InternalLinkOptions {
  /** Content-relative POSIX path of the article being rendered, e.g. 'articles/economy/rates.md'. */
  sourcePath: string;
  /** Content-relative path of an article → its site URL. */
  links: Readonly<Record<string, string>>;
}

declare module 'vfile' {
  interface DataMap {
    /** Per-article options for `remarkInternalLinks` when a shared processor runs without them. */
    internalLinks: InternalLinkOptions;
  }
}

/**
 * Points links to other articles' Markdown files (`../economy/rates.md#x`) at those articles' URLs
 * (`/economy/rates/#x`). A link to an article that does not exist, or to a file outside the content
 * folder, is an error on the file. Options come from `options` or, failing that, `file.data.internalLinks`.
 */
export function remarkInternalLinks(options?: InternalLinkOptions) {
  return (tree: Root, file: VFile) => {
    const settings = options ?? file.data.internalLinks;
    if (!settings) throw new Error('remarkInternalLinks needs `sourcePath` and `links`, as options or on `file.data.internalLinks`');
    const { sourcePath, links } = settings;

    visit(tree, (node) => {
      if (node.type !== 'link' && node.type !== 'definition') return;
      const target: Link | Definition = node;
      const link = classifyContentLink(target.url, sourcePath);
      if (!link) return;

      if (link.kind === 'outside') {
        const message = file.message(
          `Unexpected link to \`${link.path}\` outside the content folder, expected a path to an article inside it`,
          { place: target.position, ruleId: 'link-outside-content', source: 'matbaa' },
        );
        message.fatal = true;
        return;
      }

      const url = Object.hasOwn(links, link.path) ? links[link.path] : undefined;
      if (url === undefined) {
        const message = file.message(
          `Cannot find article \`${link.path}\`, expected a path to an existing article`,
          { place: target.position, ruleId: 'missing-article', source: 'matbaa' },
        );
        message.fatal = true;
        return;
      }
      target.url = url + link.suffix;
    });
  };
}
