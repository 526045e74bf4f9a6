// zod validation of parsed YAML, with every issue turned into an editor's message at its key.
import type { z } from 'zod';
import type { ParsedYaml, YamlPath, YamlProblem } from './yaml.ts';

/** The validated value, or the problems that stop it, each placed at its key. */
export type Validated<T> = { ok: true; data: T } | { ok: false; problems: YamlProblem[] };

/** Validates parsed YAML against a schema and places each issue at the key it is about. */
export function validateYaml<T>(schema: z.ZodType<T>, parsed: ParsedYaml): Validated<T> {
  const result = schema.safeParse(parsed.value);
  if (result.success) return { ok: true, data: result.data };
  const problems: YamlProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const known = knownKeys(schema, issue.path);
        const guess = closest(key, known);
        problems.push({
          reason:
            `Unexpected key \`${keyName(path)}\`, expected ` +
            (guess ? `\`${guess}\`` : known.length > 0 ? `one of ${known.map((k) => `\`${k}\``).join(', ')}` : 'no other keys'),
          place: parsed.locate(path, 'key'),
          ruleId: 'unknown-key',
        });
      }
      continue;
    }
    const value = valueAt(parsed.value, issue.path);
    const key = keyName(issue.path);
    if (value === undefined) {
      problems.push({
        reason: `Missing \`${key}\`, ${issue.code === 'invalid_type' ? `expected ${expectedText(issue.expected)}` : issue.message}`,
        place: parsed.locate(issue.path.slice(0, -1)),
        ruleId: 'missing-key',
      });
    } else if (issue.code === 'invalid_type') {
      const where = issue.path.length === 0 ? 'at the top level' : `for \`${key}\``;
      problems.push({
        reason: `Unexpected ${describeValue(value)} ${where}, expected ${expectedText(issue.expected)}`,
        place: parsed.locate(issue.path),
        ruleId: 'wrong-type',
      });
    } else if (issue.code === 'invalid_value') {
      problems.push({
        reason: `Unexpected ${describeValue(value)} for \`${key}\`, expected one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}`,
        place: parsed.locate(issue.path),
        ruleId: 'invalid-value',
      });
    } else {
      // Custom and format issues carry a message written for editors in the schema.
      problems.push({
        reason: `Invalid \`${key}\`: ${issue.message}`,
        place: parsed.locate(issue.path),
        ruleId: 'invalid-value',
      });
    }
  }
  return { ok: false, problems };
}

function keyName(path: YamlPath): string {
  return path.reduce<string>((name, step) => (typeof step === 'number' ? `${name}[${step}]` : name ? `${name}.${String(step)}` : String(step)), '');
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let value = root;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    if (!Object.hasOwn(value, step)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

function expectedText(expected: string): string {
  switch (expected) {
    case 'string': return 'text';
    case 'boolean': return '`true` or `false`';
    case 'array': return 'a list';
    case 'object': return 'a mapping of keys to values';
    case 'number': return 'a number';
    default: return expected;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'string') return `text \`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  if (typeof value === 'boolean') return `\`${value}\``;
  return `${typeof value} \`${String(value)}\``;
}

// The keys a strict object schema allows at `path`, for "did you mean" suggestions.
function knownKeys(schema: z.ZodType, path: YamlPath): string[] {
  let current: unknown = schema;
  for (const step of [...path]) {
    const shape = shapeOf(current);
    if (!shape) return [];
    current = shape[String(step)];
  }
  const shape = shapeOf(current);
  return shape ? Object.keys(shape) : [];
}

function shapeOf(schema: unknown): Record<string, unknown> | undefined {
  let current = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown; def?: { innerType?: unknown } } | undefined;
  for (let i = 0; i < 4 && current; i++) {
    if (current.shape) return current.shape;
    current = (current.def?.innerType ?? current.unwrap?.()) as typeof current;
  }
  return undefined;
}

// A close known key (edit distance at most 2), so `titel` suggests `title`.
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
