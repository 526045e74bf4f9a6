// YAML parsed safely and with ranges, so every problem in front matter or settings points at its key.
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, isAlias, type Node } from 'yaml';
import type { Place } from '../messages.ts';

/** A path into parsed YAML, as zod reports it. */
export type YamlPath = readonly PropertyKey[];

/** A YAML problem found before validation. */
export interface YamlProblem {
  reason: string;
  place: Place;
  ruleId: string;
}

/** Parsed YAML: the plain value, a way back from a path to its place, and any problems. */
export interface ParsedYaml {
  value: unknown;
  /** The place of the node at `path` (its key when `part` is 'key'), or of its nearest existing parent. */
  locate(path: YamlPath, part?: 'key' | 'value'): Place;
  problems: YamlProblem[];
}

// Deeper front matter than this is a mistake or an attack, never an article.
const maxDepth = 32;
const depthReason = `Unexpected nesting deeper than ${maxDepth} levels, expected flat front matter`;
// Enough for legitimate anchors; a "billion laughs" document needs far more.
const maxAliasCount = 100;
// Front matter and settings are a few hundred bytes; checking keys for duplicates takes time that grows
// with the square of their number.
const maxLength = 64 * 1024;

/** Parses YAML text that starts at `firstLine` of its file; nothing in it can run code or build objects. */
export function parseYaml(text: string, firstLine = 1): ParsedYaml {
  if (text.length > maxLength) {
    const place = { line: firstLine, column: 1 };
    const reason = `Unexpected ${Math.ceil(text.length / 1024)} KB of YAML, expected at most ${maxLength / 1024} KB`;
    return { value: undefined, locate: () => place, problems: [{ reason, place, ruleId: 'yaml-size' }] };
  }
  const lineCounter = new LineCounter();
  // The core schema has no timestamps, no custom tags, no merge keys: dates stay strings for zod.
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'core',
    merge: false,
    uniqueKeys: true,
    prettyErrors: false,
    keepSourceTokens: false,
  });

  const placeAt = (offset: number): Place => {
    const { line, col } = lineCounter.linePos(Math.min(offset, text.length));
    return { line: line + firstLine - 1, column: col };
  };

  const problems: YamlProblem[] = [];
  // The yaml package reports nesting too deep for its stack this way, at every level it unwinds: once is enough.
  const exhausted = doc.errors.find((error) => error.code === 'RESOURCE_EXHAUSTION');
  for (const error of exhausted ? [exhausted] : [...doc.errors, ...doc.warnings]) {
    const reason =
      error.code === 'TAG_RESOLVE_FAILED'
        ? 'Unexpected YAML tag, expected plain text, numbers, lists and mappings'
        : error.code === 'DUPLICATE_KEY'
          ? 'Unexpected duplicate key, expected each key once'
          : error.code === 'RESOURCE_EXHAUSTION'
            ? depthReason
            : `Invalid YAML: ${firstSentence(error.message)}`;
    problems.push({ reason, place: placeAt(error.pos[0]), ruleId: error.code === 'RESOURCE_EXHAUSTION' ? 'yaml-depth' : 'yaml' });
  }

  let value: unknown = undefined;
  if (problems.length === 0) {
    const tooDeep = deepestNode(doc.contents, 0);
    if (tooDeep) {
      problems.push({
        reason: depthReason,
        place: placeAt(tooDeep.range?.[0] ?? 0),
        ruleId: 'yaml-depth',
      });
    } else {
      try {
        value = doc.toJS({ maxAliasCount });
      } catch (error) {
        problems.push({
          reason: `Unexpected use of YAML aliases (${firstSentence((error as Error).message)}), expected plain values`,
          place: placeAt(0),
          ruleId: 'yaml-alias',
        });
      }
    }
  }

  const locate = (path: YamlPath, part: 'key' | 'value' = 'value'): Place => {
    let node: unknown = doc.contents;
    let found: Place = placeAt(0);
    for (let index = 0; index < path.length; index++) {
      const step = path[index];
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step));
        if (!pair) break;
        const last = index === path.length - 1;
        const keyNode = pair.key as Node;
        const valueNode = pair.value as Node | null;
        const target = last && part === 'key' ? keyNode : (valueNode ?? keyNode);
        found = placeAt(target.range?.[0] ?? 0);
        node = valueNode;
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step] as Node | undefined;
        if (!item) break;
        found = placeAt(item.range?.[0] ?? 0);
        node = item;
      } else {
        break;
      }
    }
    return found;
  };

  return { value, locate, problems };
}

function deepestNode(node: unknown, depth: number): Node | undefined {
  if (depth > maxDepth) return node as Node;
  if (isMap(node) || isSeq(node)) {
    for (const item of node.items) {
      const child = isPair(item) ? item.value : item;
      const found = deepestNode(child, depth + 1);
      if (found) return found;
    }
  }
  if (isAlias(node)) return undefined;
  return undefined;
}

function firstSentence(text: string): string {
  return text.split('\n')[0]!.replace(/\.$/, '');
}
