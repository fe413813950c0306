// One driver interface over both browsers, so a test file runs the same
// scenarios in real headless Chromium and Firefox ESR with the built
// packages (hardening.test.mjs, declutter.test.mjs):
//   open(url), evaluate(pageFn, arg) in the page's main world, screenshot(path), click() the
//   toolbar button, command(message) as the background sends it,
//   inContent(fn, args) in the content script's world, inFrame(kind, fn, arg)
//   in the document of the extension's reader or panel frame (null when it
//   is not there), pressIn(kind, selector) a real click on a control of that
//   frame, keys(key) a real key press, dialogs(), errors(), close().
import { readdirSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { clickInFrame, evaluateIn, launchChromium, viewFrame, watchConsole } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';
import { describeError, extensionErrors } from './console.mjs';

/**
 * A real key press in Chromium. A key that closes a view removes the
 * focused frame while the key is still being delivered, and CDP then never
 * acknowledges its release (a hang seen in CI): the press counts as done
 * once the page has had it for a moment.
 */
export function pressKey(page, key) {
  return Promise.race([page.keyboard.press(key), sleep(1500)]);
}

/** Chromium: one tab per page, real toolbar clicks, the background's message path. */
export async function chromiumDriver({ proxyPort, extension, args }) {
  const chrome = await launchChromium({ proxyPort, extension, args });
  const sw = await chrome.serviceWorker();
  const seen = []; // console entries of the pages and the service worker
  await chrome.watchWorker((e) => seen.push({ where: 'service worker', ...e }));
  const dialogs = [];
  let page = null;
  return {
    name: 'Chromium',
    async open(url) {
      await page?.close();
      page = await chrome.context.newPage();
      page.on('dialog', (d) => { dialogs.push({ type: d.type(), text: d.message() }); d.dismiss().catch(() => {}); });
      await watchConsole(await chrome.context.newCDPSession(page), (e) => seen.push({ where: url, ...e }));
      await page.goto(url, { waitUntil: 'load' });
      await page.bringToFront();
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    async inFrame(kind, fn, arg) {
      const frame = viewFrame(page, kind);
      return frame ? evaluateIn(frame, fn, arg, { ms: 10_000 }) : null;
    },
    pressIn: (kind, selector) => clickInFrame(viewFrame(page, kind), selector),
    keys: (key) => pressKey(page, key),
    /** A finished download whose name matches: {name, text}. */
    downloaded: (pattern) => chrome.downloaded(pattern),
    downloadCount: () => chrome.downloadEvents.length,
    screenshot: (path) => page.screenshot({ path, caret: 'initial' }),
    click: () => chrome.clickAction(page),
    command: (message) => sw.evaluate(async (message) => {
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      return globalThis[Symbol.for('declutter.test')].sendToTab(tab, message);
    }, message),
    // The function goes as source in an expression (the worker's CSP
    // forbids building one from a string there), as the background's own
    // executeScript calls send theirs.
    inContent: (fn, args = []) => sw.evaluate(`(async () => {
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      const [result] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: ${fn.toString()}, args: ${JSON.stringify(args)} });
      return result?.result;
    })()`),
    dialogs: async () => dialogs,
    errors: async () => seen.filter(extensionErrors(chrome.origin)).map((e) => `${e.where}: ${describeError(e)}`),
    async close() {
      await chrome.close();
    },
  };
}

/** Firefox: one tab, the toolbar button's own action, commands as the background sends them. */
export async function firefoxDriver({ proxyPort, zip }) {
  // Dialogs are recorded as they open (watchDialogs) and accepted by
  // geckodriver at the next command, so a run never hangs on one.
  const ff = await launchFirefox({ proxyPort, zip, prompts: 'accept' });
  await ff.watchConsole();
  await ff.watchDialogs();
  return {
    name: 'Firefox',
    open: (url) => ff.goto(url),
    evaluate: (fn, arg) => ff.evaluate(fn, arg),
    async inFrame(kind, fn, arg) {
      try {
        return await ff.evaluateIn(kind, fn, arg);
      } catch {
        return null; // no such frame
      }
    },
    pressIn: (kind, selector) => ff.pressIn(kind, selector),
    keys: (key) => ff.pressKey(WEBDRIVER_KEYS[key] ?? key),
    downloaded: (pattern) => ff.downloaded(pattern),
    downloadCount: () => readdirSync(ff.downloads).length,
    screenshot: async (path) => writeFileSync(path, await ff.screenshot()),
    click: () => ff.clickAction(),
    command: (message) => ff.extensionCommand(message),
    inContent: (fn, args) => ff.inContent(fn, args),
    dialogs: () => ff.dialogs(),
    errors: async () => (await ff.consoleErrors()).filter(extensionErrors(ff.origin)).map(describeError),
    close: () => ff.close(),
  };
}

// WebDriver's codes for the keys the tests press.
const WEBDRIVER_KEYS = { Escape: '\uE00C', ArrowLeft: '\uE012', ArrowRight: '\uE014', Enter: '\uE007' };

/** Poll a function in the extension frame `kind` until it returns something truthy; that value. */
export async function waitInFrame(driver, kind, fn, arg, what, timeout = 15_000) {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    const value = await driver.inFrame(kind, fn, arg);
    if (value) return value;
    await sleep(50);
  }
  throw new Error(`${driver.name}: timed out waiting for ${what}`);
}

/** Poll a page function until it returns something truthy; that value. */
export async function waitFor(driver, fn, arg, what, timeout = 15_000) {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    const value = await driver.evaluate(fn, arg);
    if (value) return value;
    await sleep(50);
  }
  throw new Error(`${driver.name}: timed out waiting for ${what}`);
}
