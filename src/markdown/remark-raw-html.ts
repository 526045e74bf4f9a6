import type { Html, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * Leaves raw HTML out of the page and says so: articles are Markdown, and markup typed into them (or
 * pasted with them) is neither trusted nor styled. remark-rehype would drop it too, but silently.
 */
export function remarkRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node: Html, index, parent) => {
      if (!parent || index === undefined) return;
      parent.children.splice(index, 1);
      // An HTML comment is an editor's note to other editors, not content: it goes without a word.
      if (!/^<!--(?:(?!-->)[\s\S])*-->$/.test(node.value.trim())) {
        file.message('Unexpected raw HTML, expected Markdown; it was left out', {
          place: node.position,
          ruleId: 'no-raw-html',
          source: 'matbaa',
        });
      }
      return [SKIP, index];
    });
  };
}
