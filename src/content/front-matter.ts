// Splits an article into its YAML front matter and its body, with no engine but YAML.
import matter from 'gray-matter';
import { parseYaml, type ParsedYaml, type YamlProblem } from './yaml.ts';

/** The front matter parsed with positions, and the body with the front matter blanked to spaces. */
export interface SplitArticle {
  yaml: ParsedYaml | undefined;
  /** The whole source with the front matter replaced by spaces, so body positions are file positions. */
  body: string;
  /** Where the body starts in the source: the end of the closing `---` line. */
  bodyStart: number;
  problems: YamlProblem[];
}

class FrontMatterLanguageError extends Error {}

// gray-matter would eval `---js` and `---javascript` front matter: in case a language gets past the
// check above, every engine but ours throws.
const refuse = () => {
  throw new FrontMatterLanguageError();
};

/** Splits `source` (BOM removed, LF line ends) into parsed front matter and the blanked body. */
export function splitFrontMatter(source: string): SplitArticle {
  const start = { line: 1, column: 1 };
  const problem = (reason: string, ruleId = 'front-matter'): SplitArticle => ({ yaml: undefined, body: '', bodyStart: 0, problems: [{ reason, place: start, ruleId }] });
  if (!source.startsWith('---')) {
    const empty = source.trim() === '' ? ' (the file is empty)' : '';
    return { ...problem(`Missing front matter, expected the file to start with a \`---\` line${empty}`), body: source };
  }
  // Checked here rather than left to gray-matter, which looks a language up among its engines (and on
  // their prototype: `---constructor`).
  const opening = source.slice(0, source.indexOf('\n') === -1 ? source.length : source.indexOf('\n')).trim();
  const language = opening.slice(3).trim();
  if (/^-+$/.test(language)) return problem(`Unexpected \`${opening}\`, expected the front matter to open with exactly \`---\``);
  if (language !== '' && !/^ya?ml$/i.test(language)) {
    return problem(`Unexpected front matter language \`${language}\`, expected YAML under a plain \`---\` line`, 'front-matter-language');
  }
  if (source.indexOf('\n---', 3) === -1) return problem('Unclosed front matter, expected a closing `---` line after it');

  let yaml: ParsedYaml | undefined;
  let parsed: { content: string; language?: string };
  try {
    parsed = matter(source, {
      engines: {
        // gray-matter hands over the text after `---`, starting with its line end: line 1.
        yaml: (text: string) => {
          yaml = parseYaml(text, 1);
          return {};
        },
        json: refuse,
        javascript: refuse,
        js: refuse,
        coffee: refuse,
        toml: refuse,
      },
    }) as unknown as { content: string };
  } catch (error) {
    if (!(error instanceof FrontMatterLanguageError)) throw error;
    return problem(`Unexpected front matter language \`${language}\`, expected YAML under a plain \`---\` line`, 'front-matter-language');
  }

  const bodyStart = source.length - parsed.content.length;
  // gray-matter skips the engine for a block of only blanks and comments: that is an empty mapping.
  return { yaml: yaml ?? parseYaml('{}', 2), body: blankFrontMatter(source, bodyStart), bodyStart, problems: yaml?.problems ?? [] };
}

/** `source` with everything before `bodyStart` but its line ends made spaces, so body positions stay file positions. */
export function blankFrontMatter(source: string, bodyStart: number): string {
  return source.slice(0, bodyStart).replace(/[^\n]/g, ' ') + source.slice(bodyStart);
}
