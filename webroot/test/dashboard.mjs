// Browser test of the dashboard in headless Chromium (Debian's, via playwright-core: nothing is
// downloaded). DashboardIT runs it against a real hub and drives it over stdin/stdout:
//
//   node dashboard.mjs <dashboard URL> [<screenshot.png>]
//
//   1. waits for the system card to show an uptime reading, then for that reading to change (next poll)
//   2. prints READY_FOR_STOP and waits for the line "stopped" (the hub is gone)
//   3. waits for the "disconnected" banner; saves <screenshot.png> (and <screenshot>-live.png from step 1)
//   4. prints READY_FOR_START and waits for the line "started" (a new hub on the same port)
//   5. waits for the page to reconnect by itself, show a reading from the new hub and then the next
//      one pushed over the bridge, then prints OK
//
// Any failure prints "FAIL <reason>" and exits 1. The page must load nothing from another host.
import { createInterface } from 'node:readline';
import { capture, runInBrowser, step, STEP_TIMEOUT_MS } from './browser.mjs';

const SENSOR = '[data-source="system"] [data-sensor="uptime"] [data-value]';

const [url, screenshot] = process.argv.slice(2);
if (!url) {
  console.log('FAIL usage: node dashboard.mjs <dashboard URL> [<screenshot.png>]');
  process.exit(1);
}

const lines = stdinLines();
let page;

await runInBrowser({ url, profilePrefix: 'pulse-dashboard-', diagnose: bannerState }, async (opened) => {
  page = opened;
  await page.goto(url);
  const first = await step('a system uptime reading', () => waitForReading(null));
  await step('the uptime reading to change on the next poll', () => waitForReading(first));
  await step('the page to say it is connected', () => waitForConnection('connected'));
  if (screenshot) {
    await capture(page, screenshot.replace(/(\.png)?$/, '-live.png'), { fullPage: true });
  }

  console.log('READY_FOR_STOP');
  await step('"stopped" on stdin', () => lines.expect('stopped'));
  await step('the disconnected banner', () => waitForConnection('disconnected'));
  if (!(await page.locator('#connection').isVisible())) {
    throw new Error('the disconnected banner is in the DOM but not visible');
  }
  if (screenshot) {
    await capture(page, screenshot, { fullPage: true });
  }

  console.log('READY_FOR_START');
  await step('"started" on stdin', () => lines.expect('started', 120_000));
  // Same machine, same clock: anything stamped after this came from the new hub.
  const startedAt = Date.now() / 1000;
  await step('the page to reconnect by itself', () => waitForConnection('connected', 60_000));
  if (await page.locator('#connection').isVisible()) {
    throw new Error('the banner is still visible after reconnecting');
  }
  const fresh = await step('a reading from the new hub', () => waitForReading({ timestamp: startedAt, value: null }));
  // Only a push can bring the next one: proves the handlers were registered again on the new socket.
  await step('a live reading after reconnecting', () => waitForReading(fresh));
});

/** On a failure: the connection banner's state then. */
async function bannerState(failed) {
  const banner = await failed.locator('#connection').getAttribute('data-state', { timeout: 1000 }).catch(() => '?');
  console.log(`banner state: ${banner}`);
}

/**
 * Waits until the uptime reading exists and, given a previous one, has a newer timestamp and value
 * and the card's visible "Updated <time>" line has moved on too (the raw value is in data-value).
 */
async function waitForReading(previous) {
  const handle = await page.waitForFunction(([selector, before]) => {
    const element = document.querySelector(selector);
    if (!element || !element.dataset.timestamp || !element.textContent.trim()) {
      return null;
    }
    const meta = element.closest('[data-source]').querySelector('.meta').textContent;
    const now = { value: element.dataset.value, timestamp: Number(element.dataset.timestamp), meta };
    if (before && (now.timestamp <= before.timestamp || now.value === before.value
        || (before.meta !== undefined && now.meta === before.meta))) {
      return null;
    }
    return now;
  }, [SENSOR, previous], { timeout: STEP_TIMEOUT_MS });
  return handle.jsonValue();
}

function waitForConnection(state, timeout = STEP_TIMEOUT_MS) {
  return page.waitForSelector(`#connection[data-state="${state}"]`, { state: 'attached', timeout });
}

/** Lines from stdin, taken in order; a closed stdin fails whoever waits. */
function stdinLines() {
  const queue = [];
  const waiters = [];
  let closed = false;
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => (waiters.length ? waiters.shift().resolve(line) : queue.push(line)));
  input.on('close', () => {
    closed = true;
    waiters.splice(0).forEach((waiter) => waiter.reject(new Error('stdin closed')));
  });
  const next = () => {
    if (queue.length) return Promise.resolve(queue.shift());
    if (closed) return Promise.reject(new Error('stdin closed'));
    return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
  };
  return {
    async expect(wanted, timeout = STEP_TIMEOUT_MS) {
      let timer;
      const timedOut = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no "${wanted}" within ${timeout} ms`)), timeout);
      });
      try {
        const line = (await Promise.race([next(), timedOut])).trim();
        if (line !== wanted) {
          throw new Error(`expected "${wanted}", got "${line}"`);
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
