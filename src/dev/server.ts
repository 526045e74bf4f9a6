// `matbaa dev`: a Vite dev server over the project, where the matbaa plugin renders each page on request
// from the content in memory, and Vite serves and hot-updates the stylesheet and scripts.
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { ViteDevServer } from 'vite';
import { projectRoot } from '../build.ts';
import type { MessageRecord } from '../messages.ts';
import { matbaaDev } from './plugin.ts';

/** Where to serve and what from. */
export interface DevServerOptions {
  contentDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** New content messages, each printed once; a page's rendering messages again after its file is saved. */
  onMessages?: (messages: MessageRecord[]) => void;
  /** An exception while loading or rendering (a bug, a template that does not compile); the browser shows it too. */
  onError?: (error: Error) => void;
}

/** A running dev server. */
export interface DevServer {
  /** The site's address: `http://127.0.0.1:4321/`. */
  url: string;
  vite: ViteDevServer;
  close(): Promise<void>;
}

/** Starts the dev server and resolves once the content is loaded and the first page can be served. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const publicDir = join(projectRoot, 'public');
  const plugin = matbaaDev({ contentDir: resolve(options.contentDir), publicDir, onMessages: options.onMessages, onError: options.onError });
  // Vite runs as middleware on a server of ours, so it installs no signal handlers and never exits the process.
  const httpServer = createHttpServer();
  // Vite is loaded here, not where this module is: every build would load it (a tenth of a second) for nothing.
  const { createServer } = await import('vite');
  const vite = await createServer({
    root: projectRoot,
    configFile: false,
    envDir: false,
    appType: 'custom',
    publicDir,
    logLevel: 'silent',
    clearScreen: false,
    // The build's cache and output change often and are no source of any page.
    server: { middlewareMode: true, hmr: { server: httpServer }, watch: { ignored: ['**/.matbaa/**', '**/dist/**'] } },
    // Pages are not Vite inputs, and the one script has no dependency to pre-bundle: nothing to scan.
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins: [plugin],
  });
  httpServer.on('request', vite.middlewares);
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(options.port, options.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await vite.close();
    throw error;
  }
  // A template that does not compile is shown in the browser, not a reason to stop.
  await plugin.api.warmUp().catch((error: unknown) => options.onError?.(error instanceof Error ? error : new Error(String(error))));
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const close = async () => {
    await vite.close();
    httpServer.closeAllConnections();
    await new Promise<void>((resolve) => httpServer.close(() => resolve()));
  };
  return { url: `http://${host}:${port}/`, vite, close };
}
