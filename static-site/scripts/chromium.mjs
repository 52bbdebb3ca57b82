// Debian's Chromium driven by playwright-core (never a browser downloaded by Playwright), with the
// flags that keep it off the network it cannot reach. Shared by the browser tests and the budget script.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable() {
  return existsSync(CHROMIUM);
}

export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
