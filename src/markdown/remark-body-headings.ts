import type { Heading, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** Demotes a `#` heading in the body to `##`: the headline is the page's only `<h1>`. */
export function remarkBodyHeadings() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'heading', (node: Heading) => {
      if (node.depth !== 1) return;
      node.depth = 2;
      file.message('Unexpected `#` heading in the body, expected `##`: the headline is the only first-level heading', {
        place: node.position,
        ruleId: 'no-body-h1',
        source: 'matbaa',
      });
    });
  };
}
