// One driver interface over both browsers, so a test file runs the same
// scenarios in real headless Chromium and Firefox ESR with the built
// packages (hardening.test.mjs, declutter.test.mjs):
//   open(url), evaluate(pageFn, arg) in the page's main world, screenshot(path), click() the
//   toolbar button, command(message) as the background sends it,
//   inContent(fn, args) in the content script's world, dialogs(), errors(),
//   close().
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium, watchConsole } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';
import { describeError, extensionErrors } from './console.mjs';

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
    screenshot: (path) => page.screenshot({ path, caret: 'initial' }),
    click: () => chrome.clickAction(page),
    command: (message) => sw.evaluate(async (message) => {
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      return sendToTab(tab, message);
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
    screenshot: async (path) => writeFileSync(path, await ff.screenshot()),
    click: () => ff.clickAction(),
    command: (message) => ff.extensionCommand(message),
    inContent: (fn, args) => ff.inContent(fn, args),
    dialogs: () => ff.dialogs(),
    errors: async () => (await ff.consoleErrors()).filter(extensionErrors(ff.origin)).map(describeError),
    close: () => ff.close(),
  };
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
