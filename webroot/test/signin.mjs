// Browser test of sign-in on the dashboard in headless Chromium (Debian's, via playwright-core:
// nothing is downloaded). SignInDashboardIT runs it against a real hub with sign-in on and
// anonymous viewing allowed:
//
//   node signin.mjs <dashboard URL> <operator username> <operator password> [<screenshot dir>]
//
//   1. signed out: a "Sign in" button, no settings card, and no blocking switch on the Pi-hole card
//   2. a wrong password is refused with an inline error and the password field is emptied
//   3. the right one signs in: the header names the user as operator, the settings card and the
//      Pi-hole blocking switch appear
//   4. the system source's refresh interval is changed and saved; GET api/config/schedule has it
//   5. sign-out: the settings card and the blocking switch are gone from the DOM and a PUT from the
//      page answers 401
//
// Prints OK and exits 0, or prints "FAIL <reason>" and exits 1. The page must load nothing from another host.
import { join } from 'node:path';
import { capture, runInBrowser, step, STEP_TIMEOUT_MS } from './browser.mjs';

const MAX_INTERVAL_S = 86400;
const BLOCKING = '[data-source="pihole"] .blocking-controls';

const [url, username, password, screenshots] = process.argv.slice(2);
if (!url || !username || !password) {
  console.log('FAIL usage: node signin.mjs <dashboard URL> <operator username> <operator password> [<screenshot dir>]');
  process.exit(1);
}

let page;

await runInBrowser({ url, profilePrefix: 'pulse-signin-', diagnose: failureShot }, async (opened) => {
  page = opened;
  page.context().setDefaultTimeout(STEP_TIMEOUT_MS);
  await page.goto(url);

  await step('the "Sign in" button', () => page.locator('#signin-open').waitFor({ state: 'visible' }));
  await expectCount('#settings', 0, 'the settings card is shown before signing in');
  await expectCount('#signout', 1, 'no sign-out button in the page');
  if (await page.locator('#signout').isVisible()) {
    throw new Error('"Sign out" is shown before signing in');
  }
  await step('the Pi-hole card', () => page.locator('[data-source="pihole"]').waitFor());
  await expectCount(BLOCKING, 0, 'the Pi-hole blocking switch is shown before signing in');
  await shot('signed-out');

  await page.locator('#signin-open').click();
  await step('the sign-in form', () => page.locator('#signin-form').waitFor({ state: 'visible' }));
  if (!(await page.locator('#signin-username').evaluate((element) => element === document.activeElement))) {
    throw new Error('opening the form did not move focus to the username field');
  }
  await page.locator('#signin-username').fill(username);
  await page.locator('#signin-password').fill(`${password}-wrong`);
  await page.locator('#signin-submit').click();
  await step('the wrong-password error', () => page.locator('#signin-error')
    .filter({ hasText: /wrong username or password/i }).waitFor({ state: 'visible' }));
  if (await page.locator('#signin-password').inputValue() !== '') {
    throw new Error('the password field still holds the password after submitting');
  }
  await expectCount('#settings', 0, 'the settings card appeared after a wrong password');
  await shot('signin-error');

  await page.locator('#signin-password').fill(password);
  await page.locator('#signin-submit').click();
  const user = page.locator('#user[data-role="operator"]');
  await step('the header to show the operator', () => user.waitFor({ state: 'visible' }));
  if (!(await user.textContent()).includes(username)) {
    throw new Error(`the header shows "${(await user.textContent()).trim()}", not ${username}`);
  }
  await step('the sign-in form to close', () => page.locator('#signin-form').waitFor({ state: 'hidden' }));
  if (await page.locator('#signin-open').isVisible()) {
    throw new Error('"Sign in" is still shown after signing in');
  }

  await step('the Pi-hole blocking switch for the operator', () => page.locator(BLOCKING).waitFor({ state: 'visible' }));

  const interval = page.locator('#settings input[data-schedule="system"]');
  await step('the settings card with the system interval', () => interval.waitFor({ state: 'visible' }));
  const current = Number(await interval.inputValue());
  if (!Number.isInteger(current) || current < 1) {
    throw new Error(`the system interval shows "${await interval.inputValue()}"`);
  }
  const wanted = current + 7 <= MAX_INTERVAL_S ? current + 7 : current - 7;
  await interval.fill(String(wanted));
  await shot('signed-in');
  await page.locator('#settings-save').click();
  const status = page.locator('#settings-status[data-state="saved"], #settings-status[data-state="error"]');
  await step('the save to finish', () => status.waitFor());
  if (await status.getAttribute('data-state') !== 'saved') {
    throw new Error(`saving failed: ${await status.textContent()}`);
  }
  const stored = await page.evaluate(async () => {
    const response = await fetch('api/config/schedule', { cache: 'no-store' });
    return { status: response.status, body: await response.json() };
  });
  if (stored.status !== 200 || stored.body.system !== wanted) {
    throw new Error(`GET api/config/schedule answered ${stored.status} ${JSON.stringify(stored.body)}, wanted system = ${wanted}`);
  }
  if (!(await page.locator('#settings-save').evaluate((element) => element === document.activeElement))) {
    throw new Error('saving took keyboard focus off the Save button');
  }
  if (Number(await interval.inputValue()) !== wanted) {
    throw new Error(`the card shows ${await interval.inputValue()} after saving ${wanted}`);
  }
  await shot('saved');

  await page.locator('#signout').click();
  await step('the settings card to leave the DOM', () => page.locator('#settings').waitFor({ state: 'detached' }));
  await step('the blocking switch to leave the DOM', () => page.locator(BLOCKING).waitFor({ state: 'detached' }));
  await step('the "Sign in" button again', () => page.locator('#signin-open').waitFor({ state: 'visible' }));
  if (await page.locator('#user').isVisible()) {
    throw new Error('the header still names a user after signing out');
  }
  // The page's own session is what is being tested: the same request an operator's page would make.
  // The hub puts a new token in the cookie on every GET, and the page is still reconnecting: like
  // the page's api(), try once more if the cookie changed while the request was on its way.
  const afterSignOut = await page.evaluate(async (schedule) => {
    const token = () => document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='))?.slice('XSRF-TOKEN='.length) ?? '';
    const put = async () => {
      const sent = token();
      const response = await fetch('api/config/schedule', {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', 'X-XSRF-TOKEN': decodeURIComponent(sent) },
        body: JSON.stringify(schedule),
      });
      return { status: response.status, sent, changed: token() !== sent };
    };
    const first = await put();
    const last = first.status === 403 && first.changed ? await put() : first;
    return { status: last.status, hadToken: last.sent !== '' };
  }, stored.body);
  if (!afterSignOut.hadToken) {
    throw new Error('no XSRF-TOKEN cookie in the page after signing out');
  }
  if (afterSignOut.status !== 401) {
    throw new Error(`a PUT after signing out answered ${afterSignOut.status}, not 401`);
  }
  await shot('after-signout');
});

/** On a failure: the whole page as it was then. */
async function failureShot() {
  await shot('failure', { fullPage: true }).catch(() => {});
}

async function expectCount(selector, count, failure) {
  const found = await page.locator(selector).count();
  if (found !== count) {
    throw new Error(`${failure} (${found} × ${selector})`);
  }
}

/**
 * Viewport shots only while the test goes on: a full-page shot resizes the viewport, and the
 * scroll position it restores afterwards can move a button away between mouse down and up.
 */
async function shot(name, options = {}) {
  if (screenshots) {
    await capture(page, join(screenshots, `signin-${name}.png`), options);
  }
}
