// Debian's Chromium driven by playwright-core: the real browser readers use, with no download.
import { chromium, type Browser } from 'playwright-core';

/** Launches headless Chromium from /usr/bin/chromium with the network quiet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
