import type { Nodes, Parent, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

// Spaces and no-break spaces (U+00A0): copy from the archive and from Word indents with the latter.
const spaceRun = /[ \u00A0]{2,}/g;
const aroundLineEnding = /[ \u00A0]*\n[ \u00A0]*/g;
const leading = /^[ \u00A0]+/;
const trailing = /[ \u00A0]+$/;

/**
 * Normalises spaces in text: none at the start or end of a paragraph, heading, table cell or line, and
 * one space for every run of spaces and no-break spaces. A lone no-break space between words (a number
 * and its unit) is meant and stays; a paragraph left with nothing in it goes.
 */
export function remarkNormaliseSpaces() {
  return (tree: Root) => {
    visit(tree, 'text', (node) => {
      node.value = node.value.replace(aroundLineEnding, '\n').replace(spaceRun, ' ');
    });

    visit(tree, (node: Nodes, index, parent) => {
      if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return;
      trimEdge(node, 'start');
      trimEdge(node, 'end');
      if (node.type === 'paragraph' && node.children.length === 0 && parent && index !== undefined) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      return SKIP;
    });
  };
}

// Trims the first (or last) text at the edge of a block, looking through emphasis, links and the like,
// and drops texts left empty so the next one in is trimmed as well.
function trimEdge(node: Parent, edge: 'start' | 'end'): void {
  for (;;) {
    const index = edge === 'start' ? 0 : node.children.length - 1;
    const child = node.children[index] as Nodes | undefined;
    if (!child) return;
    if (child.type === 'text') {
      child.value = child.value.replace(edge === 'start' ? leading : trailing, '');
      if (child.value !== '') return;
      node.children.splice(index, 1);
    } else {
      if ('children' in child && child.type !== 'footnoteDefinition') trimEdge(child, edge);
      return;
    }
  }
}
