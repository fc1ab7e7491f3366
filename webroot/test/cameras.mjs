// Browser test of the Cameras section (sign-in off, so the visitor may write). CamerasDashboardIT
// runs it against a hub with two cameras of a real GStreamer RTSP server: "yard" (H.264 320x240 at
// 15 fps with G.711 audio, behind a user name and password) and "hevc" (H.265), and a short
// camera_idle_seconds:
//
//   node cameras.mjs <dashboard URL> <camera password> [<screenshot.png>]
//
//   1. both cards show "Stopped"; the page holds the password nowhere (text, attributes, scripts' data)
//   2. Start on yard: the card turns "Streaming" with "320x240 · 15 fps" from the streamer's
//      readings, and its player opens in live mode (the /live WebSocket into Media Source
//      Extensions): the video decodes 320x240 frames and its currentTime advances by 2 s; prints
//      LIVE_PLAYING with the figures; saves <screenshot.png>
//   2b. once 10 s have played, prints RESTART_CAMERA and waits for "restarted" (the camera lost
//      power and came back): the same live view plays on within 7 s, not frozen until the new
//      run's clock (from 0) catches up with the playhead; prints LIVE_RESUMED
//   3. switches the player to HLS (hls.js): frames decode again and currentTime advances by 2 s;
//      prints HLS_PLAYING
//   4. Stop: the card says "Stopped" and the player closes; prints STOPPED and waits for
//      "checked" (the test looks for ffmpeg, files and the orchestrator's status meanwhile)
//   5. Start on hevc: the card shows the streamer's warning that browsers cannot play H.265 and
//      the player says so instead of playing
//   6. nobody watches hevc (its player gave up): the hub stops it after camera_idle_seconds and
//      the card turns "Stopped" with no click; prints OK
import { createInterface } from 'node:readline';
import { capture, runInBrowser, step, STEP_TIMEOUT_MS } from './browser.mjs';

const YARD = '[data-camera="yard"]';
const HEVC = '[data-camera="hevc"]';
// The idle stop comes camera_idle_seconds after the player gave up, checked every quarter of that.
const IDLE_STOP_TIMEOUT_MS = 40_000;
// Played time a view must add, in seconds, to count as playing rather than showing one frame.
const PLAYED_S = 2;
// The camera goes away this far into the live view; it must play on within RESUME_S of coming
// back (the streamer reconnects after 1 s and has a picture about a second later).
const PLAYHEAD_BEFORE_RESTART_S = 10;
const RESUME_S = 7;

const [url, password, screenshot] = process.argv.slice(2);
if (!url || !password) {
  console.log('FAIL usage: node cameras.mjs <dashboard URL> <camera password> [<screenshot.png>]');
  process.exit(1);
}
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

await runInBrowser({ url, profilePrefix: 'pulse-cameras-', diagnose: cards }, async (page) => {
  await page.goto(url);
  await step('the yard card, stopped', () => page.waitForSelector(`${YARD}[data-status="stopped"]`, { timeout: STEP_TIMEOUT_MS }));
  await step('the hevc card, stopped', () => page.waitForSelector(`${HEVC}[data-status="stopped"]`, { timeout: STEP_TIMEOUT_MS }));
  await noPassword(page, 'before Start');

  await page.locator(`${YARD} button.start`).click();
  await step('yard streaming with its resolution and frame rate', () => page.waitForSelector(
    `${YARD}[data-status="streaming"] .meta:text-is("320x240 · 15 fps")`, { timeout: STEP_TIMEOUT_MS }));
  await step('the live player', () => page.waitForSelector(`${YARD}[data-player="live"]`, { timeout: STEP_TIMEOUT_MS }));
  const live = await step('the live view to play', () => playing(page, YARD));
  await step('the live note to name the codec', () => page.waitForSelector(
    `${YARD} .player-note:text-matches("^Live · avc1\\\\.[0-9a-fA-F]{6}$")`, { timeout: STEP_TIMEOUT_MS }));
  live.note = await page.locator(`${YARD} .player-note`).textContent();
  console.log(`LIVE_PLAYING ${JSON.stringify(live)}`);
  if (screenshot) {
    await page.locator(YARD).scrollIntoViewIfNeeded();
    await capture(page, screenshot, { fullPage: true });
  }

  const video = await page.locator(`${YARD} video`).elementHandle();
  await step(`${PLAYHEAD_BEFORE_RESTART_S} s of live video`, () => page.waitForFunction(([element, seconds]) =>
    element.currentTime >= seconds, [video, PLAYHEAD_BEFORE_RESTART_S], { timeout: STEP_TIMEOUT_MS }));
  console.log('RESTART_CAMERA');
  await expectLine('restarted');
  const stalledAt = await video.evaluate((element) => element.currentTime);
  // The new run's clock starts at 0: placed there, it would reach the playhead only after as long
  // as the video had played, and the picture would freeze meanwhile.
  await step(`the live view to play on within ${RESUME_S} s of the camera's return`, () => page.waitForFunction(
    ([element, since]) => element.currentTime > since + 1, [video, stalledAt], { timeout: RESUME_S * 1000 }));
  const resumed = await step('the live view to keep playing', () => playing(page, YARD));
  if (await page.locator(`${YARD} .player-note`).textContent() !== live.note) {
    throw new Error('the live view was reopened rather than carried on');
  }
  console.log(`LIVE_RESUMED ${JSON.stringify(resumed)}`);

  await page.locator(`${YARD} select.mode`).selectOption('hls');
  await step('the HLS player', () => page.waitForSelector(`${YARD}[data-player="hls"] .player-note:text-is("HLS")`,
    { timeout: STEP_TIMEOUT_MS }));
  const hls = await step('HLS to play', () => playing(page, YARD));
  console.log(`HLS_PLAYING ${JSON.stringify(hls)}`);
  await noPassword(page, 'while streaming');

  await page.locator(`${YARD} button.stop`).click();
  await step('yard stopped', () => page.waitForSelector(`${YARD}[data-status="stopped"]`, { timeout: STEP_TIMEOUT_MS }));
  await step('the player to close', () => page.waitForSelector(`${YARD}:not([data-player]) .player[hidden]`,
    { state: 'attached', timeout: STEP_TIMEOUT_MS }));
  console.log('STOPPED');
  await expectLine('checked');

  await page.locator(`${HEVC} button.start`).click();
  await step('the H.265 warning on the hevc card', () => page.waitForSelector(
    `${HEVC}[data-status="streaming"] .error:not([hidden]):text("H.265")`, { timeout: STEP_TIMEOUT_MS }));
  await step('the player to say the browser cannot play H.265', () => page.waitForSelector(
    `${HEVC}[data-unplayable="true"] .player-note:text-is("This camera sends H.265, which this browser cannot play. Set the camera to H.264.")`,
    { timeout: STEP_TIMEOUT_MS }));
  if (await page.locator(`${HEVC} video`).evaluate((video) => video.videoWidth) !== 0) {
    throw new Error('the H.265 stream shows a picture in a browser said not to play it');
  }
  await step('hevc stopped by the hub once nobody watched', () => page.waitForSelector(`${HEVC}[data-status="stopped"]`,
    { timeout: IDLE_STOP_TIMEOUT_MS }));
});

/**
 * Waits until the card's video has decoded a picture of the stream's size and its currentTime has
 * advanced by PLAYED_S while new frames kept coming; returns what it saw.
 */
async function playing(page, card) {
  const video = page.locator(`${card} video`);
  const first = await page.waitForFunction((element) => element.videoWidth > 0 && element.currentTime > 0
    && !element.paused && { time: element.currentTime, frames: element.getVideoPlaybackQuality().totalVideoFrames },
  await video.elementHandle(), { timeout: STEP_TIMEOUT_MS }).then((handle) => handle.jsonValue());
  const later = await page.waitForFunction(([element, since, seconds]) => element.currentTime >= since.time + seconds
    && element.getVideoPlaybackQuality().totalVideoFrames > since.frames && {
    time: element.currentTime,
    frames: element.getVideoPlaybackQuality().totalVideoFrames,
    width: element.videoWidth,
    height: element.videoHeight,
  }, [await video.elementHandle(), first, PLAYED_S], { timeout: STEP_TIMEOUT_MS }).then((handle) => handle.jsonValue());
  if (later.width !== 320 || later.height !== 240) {
    throw new Error(`the video decodes ${later.width}x${later.height}, not the camera's 320x240`);
  }
  return { from: first.time, to: later.time, frames: later.frames - first.frames, size: `${later.width}x${later.height}` };
}

/** The camera password must reach no page: not in its text, its markup, nor what the API handed it. */
async function noPassword(page, when) {
  const html = await page.content();
  const cameras = await page.evaluate(() => fetch('api/cameras').then((response) => response.text()));
  if (html.includes(password) || cameras.includes(password)) {
    throw new Error(`the camera password is in the page ${when}`);
  }
}

/** Waits for the test's answer on stdin. */
async function expectLine(expected) {
  const answer = await step(`"${expected}" on stdin`, () => withTimeout(lines.next(), STEP_TIMEOUT_MS));
  if (answer.value?.trim() !== expected) {
    throw new Error(`expected "${expected}", got ${JSON.stringify(answer.value)}`);
  }
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

/** On a failure: what each camera card and its video showed. */
async function cards(page) {
  const shown = await page.$$eval('[data-camera]', (all) => all.map((card) => {
    const video = card.querySelector('video');
    return `${card.dataset.camera}: status=${card.dataset.status} player=${card.dataset.player ?? '-'} `
      + `video=${video.videoWidth}x${video.videoHeight}@${video.currentTime.toFixed(2)} paused=${video.paused} `
      + `error=${video.error?.message ?? '-'} | ${card.innerText.replace(/\s+/g, ' ').slice(0, 300)}`;
  })).catch(() => []);
  shown.forEach((line) => console.log(`card ${line}`));
}
