// What the dashboard's browser tests share: Debian's headless Chromium through playwright-core
// (nothing is downloaded) on a throwaway profile, a watch on the page, and the way a test ends:
// "OK" and exit 0, or "FAIL <reason>" with diagnostics and exit 1.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
export const STEP_TIMEOUT_MS = 30_000;

/**
 * Opens the browser on a fresh profile (named after profilePrefix) and runs test(page). The page
 * must not throw uncaught errors nor load anything from a host other than url's. On a failure,
 * diagnose(page), if given and a page was opened, may print more before the page console's tail.
 * Exits the process.
 */
export async function runInBrowser({ url, profilePrefix, diagnose }, test) {
  const consoleTail = [];
  const pageErrors = [];
  const foreignRequests = [];
  let userDataDir;
  let context;
  let page;

  const finish = async (code) => {
    await context?.close().catch(() => {});
    if (userDataDir) {
      await rm(userDataDir, { recursive: true, force: true });
    }
    process.exit(code);
  };

  try {
    userDataDir = await mkdtemp(join(tmpdir(), profilePrefix));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 390, height: 844 },
    });
    page = context.pages()[0] ?? await context.newPage();
    watch(page, new URL(url).host, { consoleTail, pageErrors, foreignRequests });

    await test(page);

    if (pageErrors.length) {
      throw new Error(`uncaught errors in the page: ${pageErrors.join(' | ')}`);
    }
    if (foreignRequests.length) {
      throw new Error(`the page loaded from other hosts: ${foreignRequests.join(', ')}`);
    }
    console.log('OK');
    await finish(0);
  } catch (error) {
    console.log(`FAIL ${error.message.split('\n')[0]}`);
    if (page && diagnose) {
      await diagnose(page);
    }
    consoleTail.forEach((line) => console.log(`page console: ${line}`));
    await finish(1);
  }
}

/** Runs one wait, naming it in the failure. */
export async function step(what, wait) {
  try {
    return await wait();
  } catch (error) {
    throw new Error(`waiting for ${what}: ${error.message.split('\n')[0]}`);
  }
}

/** A screenshot with CSS animations stopped, so that it shows the settled page. */
export function capture(page, path, options = {}) {
  return page.screenshot({ path, animations: 'disabled', ...options });
}

function watch(target, host, { consoleTail, pageErrors, foreignRequests }) {
  target.on('pageerror', (error) => pageErrors.push(error.message));
  target.on('console', (message) => {
    consoleTail.push(`${message.type()}: ${message.text()}`);
    consoleTail.splice(0, consoleTail.length - 20);
  });
  const check = (address) => {
    const parsed = new URL(address);
    if (/^(https?|wss?):$/.test(parsed.protocol) && parsed.host !== host) {
      foreignRequests.push(address);
    }
  };
  target.on('request', (request) => check(request.url()));
  target.on('websocket', (socket) => check(socket.url()));
}
