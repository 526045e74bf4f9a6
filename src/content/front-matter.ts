// Splits an article into its YAML front matter and its body, with no engine but YAML.
import matter from 'gray-matter';
import { parseYaml, type ParsedYaml, type YamlProblem } from './yaml.ts';

/** The front matter parsed with positions, and the body with the front matter blanked to spaces. */
export interface SplitArticle {
  yaml: ParsedYaml | undefined;
  /** The whole source with the front matter replaced by spaces, so body positions are file positions. */
  body: string;
  problems: YamlProblem[];
}

class FrontMatterLanguageError extends Error {}

// gray-matter would eval `---js` and `---javascript` front matter; every engine but ours throws.
const refuse = () => {
  throw new FrontMatterLanguageError();
};

/** Splits `source` (BOM removed, LF line ends) into parsed front matter and the blanked body. */
export function splitFrontMatter(source: string): SplitArticle {
  const start = { line: 1, column: 1 };
  if (!source.startsWith('---')) {
    return {
      yaml: undefined,
      body: source,
      problems: [{ reason: 'Missing front matter, expected the file to start with a `---` line', place: start, ruleId: 'front-matter' }],
    };
  }
  if (source.indexOf('\n---', 3) === -1) {
    return {
      yaml: undefined,
      body: '',
      problems: [{ reason: 'Unclosed front matter, expected a closing `---` line after it', place: start, ruleId: 'front-matter' }],
    };
  }

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
  } catch {
    const language = source.slice(3, source.indexOf('\n')).trim();
    return {
      yaml: undefined,
      body: '',
      problems: [
        {
          reason: `Unexpected front matter language \`${language}\`, expected YAML under a plain \`---\` line`,
          place: start,
          ruleId: 'front-matter-language',
        },
      ],
    };
  }

  const bodyStart = source.length - parsed.content.length;
  const body = source.slice(0, bodyStart).replace(/[^\n]/g, ' ') + parsed.content;
  // gray-matter skips the engine for a block of only blanks and comments: that is an empty mapping.
  return { yaml: yaml ?? parseYaml('{}', 2), body, problems: yaml?.problems ?? [] };
}
