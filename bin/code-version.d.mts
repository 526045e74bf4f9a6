/** sha256 (hex) of Node's version, package.json, package-lock.json and every file under src/ and templates/, by path. */
export function codeVersion(projectRoot: string): Promise<string>;
