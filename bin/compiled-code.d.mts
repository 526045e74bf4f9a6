/** The folder of the compiled copy of the code as it is now: named by the hash of the sources and of compiled-code.mjs. */
export function compiledCodeFolder(): Promise<string>;

/** The compiled CLI module (with `main`), or undefined when it cannot be made (then run the sources). */
export function compiledCli(): Promise<typeof import('../src/cli.ts') | undefined>;
