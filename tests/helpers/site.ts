// Inline sites for integration tests, as Hugo's tests declare a whole site in a string.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readdir, readFile, lstat, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A minimal valid site.yaml for test sites. */
export const siteYaml = `name: موقع الاختبار
baseUrl: https://test.example/
timeZone: Asia/Beirut
sections:
  middle-east: الشرق الأوسط
  world: العالم
`;

/** A valid article's front matter and body, with overrides spliced into the front matter. */
export function article(frontMatter: string, body = 'نص المقال.\n'): string {
  return `---\n${frontMatter.trim()}\n---\n\n${body}`;
}

/** Writes files (path → text or bytes) into a fresh temporary directory and returns its path. */
export async function makeTree(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'matbaa-test-'));
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), contents);
  }
  return root;
}

/** A copy of the repository's sample content in a temporary directory. */
export async function copySampleContent(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'matbaa-sample-'));
  await cp(join(repoRoot, 'content'), join(root, 'content'), { recursive: true });
  return root;
}

/** The result of running the real CLI as a child process. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `matbaa ARGS` as a child process in `cwd`, as an editor or CI would. */
export function runCli(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(repoRoot, 'bin/matbaa.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Every file and folder under `root` with its bytes' hash and mtime, to prove nothing changed. */
export async function snapshotTree(root: string): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  const walk = async (dir: string, prefix: string) => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      const key = `${prefix}${entry.name}`;
      const stats = await lstat(path);
      if (entry.isDirectory()) {
        snapshot[`${key}/`] = 'dir';
        await walk(path, `${key}/`);
      } else {
        const hash = entry.isFile() ? createHash('sha256').update(await readFile(path)).digest('hex') : 'link';
        snapshot[key] = `${hash} ${stats.mtimeMs}`;
      }
    }
  };
  await walk(root, '');
  return snapshot;
}
