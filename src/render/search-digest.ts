// What the search index reads of a page, as a hash: the element marked `data-pagefind-body` without
// what inside it is marked `data-pagefind-ignore` (the related stories, «المزيد من …»). A story
// whose page changed only there is indexed as it was, so the search index keeps the part that holds
// it (see output/search-plan.ts): a story added changes those lists on hundreds of pages.
import { createHash, type Hash } from 'node:crypto';
import type { Nodes, Root } from 'hast';

/** The hash of the indexed part of a page's tree, or undefined when the page marks none. */
export function searchDigest(tree: Root): string | undefined {
  const body = findBody(tree);
  if (!body) return undefined;
  const hash = createHash('sha256');
  digest(body, hash);
  return hash.digest('hex');
}

function findBody(node: Nodes): Nodes | undefined {
  if (node.type === 'element' && isSet(node.properties.dataPagefindBody)) return node;
  if (!('children' in node)) return undefined;
  for (const child of node.children) {
    const found = findBody(child);
    if (found) return found;
  }
  return undefined;
}

// Every element with its properties, and every text, in order: what Pagefind reads (its words, its
// headings' ids for sub-results, its first image and title for the result).
function digest(node: Nodes, hash: Hash): void {
  if (node.type === 'text' || node.type === 'raw') {
    hash.update(`${node.type}\0${node.value}\0`);
  } else if (node.type === 'element') {
    if (isSet(node.properties.dataPagefindIgnore)) return;
    hash.update(`<${node.tagName}\0${JSON.stringify(node.properties)}\0`);
    for (const child of node.children) digest(child, hash);
    hash.update(`</${node.tagName}\0`);
  } else if ('children' in node) {
    for (const child of node.children) digest(child, hash);
  }
}

// An attribute is on the element unless its property is absent, null or false (as hast writes it).
function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false;
}
