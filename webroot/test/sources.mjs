// Browser test of the source cards, history charts and orchestrator commands (sign-in off, so the
// visitor may write). SourcesDashboardIT runs it against a hub that polls the system source, a
// fake Pi-hole (blocking enabled) and a Tailscale without tailscaled, runs the Sense HAT source on
// a fake HAT (its first icon, the thermometer, shown for a minute), and has a CO2 reading of
// 800 ppm from a process outside the JVM (source aranet_test):
//
//   node sources.mjs <dashboard URL> [<screenshot.png>]
//
//   1. waits for the system and aranet_test cards (and no card for the orchestrator's own status),
//      and for the tailscale card (scheduled, no tailscaled) to show "Error" with the reason
//   2. the CO2 tile is "good"; prints READY_FOR_POOR and waits for "published" (1500 ppm relayed
//      from Redis pub/sub), then for the tile to turn "poor" without a reload
//   3. opens the history chart of system/cpu_percent: an SVG with at least one point, which the
//      next live reading extends; saves <screenshot.png> with the CO2 card and the chart
//   4. "Refresh now" on the system card says "Done."; aranet_test (not scheduled) has no such button
//   5. "Scan for Aranet4" shows the orchestrator's error ("not available")
//   6. the Sense HAT card mirrors the LED matrix: the thermometer icon, cell by cell, and a text
//      alternative counting the lit LEDs
//   7. the Pi-hole card: "Disable blocking" for 5 min says Pi-hole's answer and the blocking reading
//      turns "disabled"; "Enable blocking" turns it back; saves <screenshot>-commands.png, then prints OK
import { createInterface } from 'node:readline';
import { capture, runInBrowser, step, STEP_TIMEOUT_MS } from './browser.mjs';

const CO2 = '[data-source="aranet_test"] .reading[data-sensor="office:co2"]';
const CPU = '[data-source="system"] .reading[data-sensor="cpu_percent"]';
const CHART = 'svg[data-chart="system/cpu_percent"]';
const PIHOLE = '[data-source="pihole"]';
// Icons.THERMOMETER of the Sense HAT source, lit in 0xFF3000.
const THERMOMETER = ['...##...', '...#....', '...##...', '...#....', '...##...', '..####..', '..####..', '...##...'];
const THERMOMETER_RGB = 'rgb(255, 48, 0)';
const DARK_RGB = 'rgb(0, 0, 0)';

const [url, screenshot] = process.argv.slice(2);
if (!url) {
  console.log('FAIL usage: node sources.mjs <dashboard URL> [<screenshot.png>]');
  process.exit(1);
}
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

await runInBrowser({ url, profilePrefix: 'pulse-sources-', diagnose: cards }, async (page) => {
  await page.goto(url);
  await step('the system card', () => page.waitForSelector('[data-source="system"]', { timeout: STEP_TIMEOUT_MS }));
  await step('the aranet_test card with its CO2 tile', () => page.waitForSelector(CO2, { timeout: STEP_TIMEOUT_MS }));
  await step('the tailscale card to show its error', () => page.waitForFunction(() => {
    const card = document.querySelector('[data-source="tailscale"][data-health="error"]');
    const error = card?.querySelector('.error');
    return card?.querySelector('.badge').textContent === 'Error' && error && !error.hidden && error.textContent.trim();
  }, null, { timeout: STEP_TIMEOUT_MS }));
  if (await page.locator('[data-source="orchestrator"]').count()) {
    throw new Error('the orchestrator\'s status became a source card');
  }

  await step('the CO2 tile to be good', () => co2Level(page, 'good', 'Good'));
  console.log('READY_FOR_POOR');
  const answer = await step('"published" on stdin', () => withTimeout(lines.next(), STEP_TIMEOUT_MS));
  if (answer.value?.trim() !== 'published') {
    throw new Error(`expected "published", got ${JSON.stringify(answer.value)}`);
  }
  await step('the CO2 tile to turn poor', () => co2Level(page, 'poor', 'Poor'));

  await step('a CPU reading', () => page.waitForSelector(`${CPU} .value[data-timestamp]`, { timeout: STEP_TIMEOUT_MS }));
  await page.locator(`${CPU} .chart-toggle`).click();
  if (await page.locator(`${CPU} .chart-toggle`).getAttribute('aria-expanded') !== 'true') {
    throw new Error('the chart button does not say it is expanded');
  }
  const points = await step('the CPU history chart', () => chartPoints(page, 1));
  await step('a live reading to extend the open chart', () => chartPoints(page, points + 1));
  const label = await page.locator(CHART).getAttribute('aria-label');
  if (!/lowest .+ highest .+ latest/.test(label ?? '')) {
    throw new Error(`the chart has no useful text alternative: ${label}`);
  }
  if (screenshot) {
    await page.locator('[data-source="aranet_test"]').scrollIntoViewIfNeeded();
    await capture(page, screenshot, { fullPage: true });
  }

  if (await page.locator('[data-source="aranet_test"] button.refresh').count()) {
    throw new Error('an unscheduled source has a "Refresh now" button');
  }
  await page.locator('[data-source="system"] button.refresh').click();
  await step('"Done." after Refresh now', () => page.waitForSelector(
    '[data-source="system"] .command-status[data-state="done"]:text("Done.")', { timeout: STEP_TIMEOUT_MS }));

  // This machine has no BlueZ on its system bus: the hub really scans and reports why it cannot.
  await page.locator('#aranet-scan').click();
  await step('the scan\'s error', () => page.waitForSelector(
    '#aranet-scan-status[data-state="error"]:text("aranet4")', { timeout: STEP_TIMEOUT_MS }));
  console.log(`scan answer: ${await page.locator('#aranet-scan-status').textContent()}`);

  await step('the Sense HAT mirror to show the thermometer', () => page.waitForFunction(([cells, lit]) => {
    const shown = [...document.querySelectorAll('[data-source="sense_hat"] .matrix .led')]
      .map((cell) => getComputedStyle(cell).backgroundColor);
    return shown.length === cells.length && shown.every((colour, i) => colour === cells[i])
      && document.querySelector('[data-source="sense_hat"] .matrix[role="img"]')
        ?.getAttribute('aria-label') === `LED matrix: ${lit} of 64 LEDs lit`;
  }, [THERMOMETER.join('').split('').map((c) => (c === '#' ? THERMOMETER_RGB : DARK_RGB)),
    THERMOMETER.join('').split('#').length - 1], { timeout: STEP_TIMEOUT_MS }));

  await step('Pi-hole blocking enabled', () => blockingReading(page, 'enabled'));
  await page.locator('#pihole-disable-for').selectOption({ label: '5 min' });
  await page.locator(`${PIHOLE} button[data-blocking="disable"]`).click();
  await step('Pi-hole\'s answer to "Disable blocking"', () => page.waitForSelector(
    `${PIHOLE} .blocking-status[data-state="done"]:text-is("Blocking disabled for 5 min.")`, { timeout: STEP_TIMEOUT_MS }));
  await step('the blocking reading to turn disabled', () => blockingReading(page, 'disabled'));
  await page.locator(`${PIHOLE} button[data-blocking="enable"]`).click();
  await step('Pi-hole\'s answer to "Enable blocking"', () => page.waitForSelector(
    `${PIHOLE} .blocking-status[data-state="done"]:text-is("Blocking enabled.")`, { timeout: STEP_TIMEOUT_MS }));
  await step('the blocking reading to turn enabled', () => blockingReading(page, 'enabled'));
  if (screenshot) {
    await capture(page, screenshot.replace(/(\.png)?$/, '-commands.png'), { fullPage: true });
  }
});

function co2Level(page, level, label) {
  return page.waitForFunction(([selector, wanted, text]) => {
    const row = document.querySelector(selector);
    const shown = row?.querySelector('.level');
    return row?.dataset.co2Level === wanted && shown && !shown.hidden && shown.textContent === text;
  }, [CO2, level, label], { timeout: STEP_TIMEOUT_MS });
}

async function chartPoints(page, atLeast) {
  const handle = await page.waitForFunction(([selector, wanted]) => {
    const points = Number(document.querySelector(selector)?.dataset.points);
    return points >= wanted ? points : null;
  }, [CHART, atLeast], { timeout: STEP_TIMEOUT_MS });
  return handle.jsonValue();
}

function blockingReading(page, state) {
  return page.waitForSelector(`${PIHOLE} .reading[data-sensor="blocking"] .value[data-value="${state}"]`,
    { timeout: STEP_TIMEOUT_MS });
}

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`nothing within ${ms} ms`)), ms);
    }),
  ]);
}

/** On a failure: what each card showed. */
async function cards(page) {
  const shown = await page.$$eval('[data-source]', (all) => all.map((card) =>
    `${card.dataset.source}: ${card.dataset.health} ${card.innerText.replace(/\s+/g, ' ').slice(0, 200)}`))
    .catch(() => []);
  shown.forEach((line) => console.log(`card ${line}`));
}
