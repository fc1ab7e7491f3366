// Browser test of the rig page (sign-in off). RigIT runs it against a hub with three recorder
// nodes, CAM_L's clock 250 ms ahead of CAM_C's and CAM_R's 40 ms behind:
//
//   node rig.mjs <hub URL> [<screenshot.png>]
//
//   1. opens rig.html: three cards CAM_L, CAM_C, CAM_R, all idle; CAM_L marked for its clock
//      (its offset underlined, listed under "Needs attention"), CAM_C not marked
//   2. names the session "browser-1" and presses Start all: the page says every node records and
//      each card turns to recording through the bridge; saves <screenshot.png>
//   3. presses Stop all: every card back to idle; prints OK
import { capture, runInBrowser, step, STEP_TIMEOUT_MS } from './browser.mjs';

const NODES = ['CAM_L', 'CAM_C', 'CAM_R'];
const [url, screenshot] = process.argv.slice(2);
if (!url) {
  console.log('FAIL usage: node rig.mjs <hub URL> [<screenshot.png>]');
  process.exit(1);
}

await runInBrowser({ url, profilePrefix: 'pulse-rig-', diagnose: cards }, async (page) => {
  await page.goto(new URL('rig.html', url).href);
  await step('three idle cards', () => allInState(page, 'idle'));
  const order = await page.$$eval('.rig-node', (all) => all.map((card) => card.dataset.node));
  if (order.join() !== NODES.join()) {
    throw new Error(`cards in the order ${order}, not left, centre, right`);
  }
  await step('CAM_L marked for its clock', () => page.waitForSelector(
    '[data-node="CAM_L"][data-attention="true"] .offset[data-odd="true"]', { timeout: STEP_TIMEOUT_MS }));
  await step('the clock listed under Needs attention', () => page.waitForSelector(
    '#attention:not([hidden]) li[data-node="CAM_L"][data-kind="sync"]', { timeout: STEP_TIMEOUT_MS }));
  if (await page.locator('[data-node="CAM_C"][data-attention="true"]').count()) {
    throw new Error('CAM_C is marked though it agrees with the others');
  }

  await page.fill('#session', 'browser-1');
  await page.click('#start-all');
  await step('"Recording browser-1 on every node."', () => page.waitForSelector(
    '#rig-result[data-state="done"]:text("Recording browser-1 on every node.")', { timeout: STEP_TIMEOUT_MS }));
  await step('three recording cards', () => allInState(page, 'recording'));
  const sessions = await page.$$eval('.rig-node .session', (all) => all.map((line) => line.textContent));
  if (!sessions.every((line) => line === 'Session browser-1')) {
    throw new Error(`cards name the sessions ${sessions}`);
  }
  if (screenshot) {
    await capture(page, screenshot, { fullPage: true });
  }

  await page.click('#stop-all');
  await step('"Stopped on every node."', () => page.waitForSelector(
    '#rig-result[data-state="done"]:text("Stopped on every node.")', { timeout: STEP_TIMEOUT_MS }));
  await step('three idle cards again', () => allInState(page, 'idle'));
});

function allInState(page, state) {
  return page.waitForFunction(([names, wanted]) => names.every((name) =>
    document.querySelector(`.rig-node[data-node="${name}"]`)?.dataset.state === wanted), [NODES, state],
  { timeout: STEP_TIMEOUT_MS });
}

/** On a failure: what each card showed. */
async function cards(page) {
  const shown = await page.$$eval('.rig-node', (all) => all.map((card) =>
    `${card.dataset.node}: ${card.dataset.state} ${card.innerText.replace(/\s+/g, ' ').slice(0, 300)}`)).catch(() => []);
  shown.forEach((line) => console.log(`card ${line}`));
  console.log(`result: ${await page.locator('#rig-result').textContent().catch(() => '?')}`);
}
