// Debian's Chromium, headless, driven by playwright-core over CDP, with the
// built extension loaded through Extensions.loadUnpacked and the toolbar
// button clicked for real through Extensions.triggerAction (DESIGN.md).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

export const ROOT = resolve(new URL('../../..', import.meta.url).pathname);
// The test package: the release one plus its test hooks (scripts/build-extension.mjs).
export const CHROME_DIST = join(ROOT, 'dist', 'test', 'chrome');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium({ proxyPort, extension = CHROME_DIST, args: extraArgs = [] } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'declutter-chromium-'));
  const downloads = join(userDataDir, 'downloads');
  mkdirSync(downloads);
  // Autofill edits form fields (it leaves style="" on inputs it looked at),
  // which would show up as changes to the page that are not the extension's.
  mkdirSync(join(userDataDir, 'Default'));
  writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({
    autofill: { enabled: false, profile_enabled: false, credit_card_enabled: false },
    credentials_enable_service: false,
    profile: { password_manager_enabled: false },
  }));
  const args = [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check',
    '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication,AutofillEnableAccountWalletStorage',
    `--user-data-dir=${userDataDir}`,
    '--remote-debugging-port=0', '--enable-unsafe-extension-debugging',
    '--window-size=1280,900',
    ...(proxyPort ? [`--proxy-server=http://127.0.0.1:${proxyPort}`] : []),
    ...extraArgs,
    'about:blank',
  ];
  const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const portFile = join(userDataDir, 'DevToolsActivePort');
  for (let i = 0; i < 200 && !existsSync(portFile); i++) await sleep(50);
  if (!existsSync(portFile)) throw new Error(`chromium did not start:\n${stderr}`);
  await sleep(50);
  const port = readFileSync(portFile, 'utf8').split('\n')[0].trim();
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const cdp = await browser.newBrowserCDPSession();
  const { id: extensionId } = await cdp.send('Extensions.loadUnpacked', { path: extension });
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
  const context = browser.contexts()[0];

  const downloadEvents = [];
  cdp.on('Browser.downloadWillBegin', (e) => downloadEvents.push({ ...e, state: 'begin' }));
  cdp.on('Browser.downloadProgress', (e) => {
    const d = downloadEvents.find((x) => x.guid === e.guid);
    if (d) d.state = e.state;
  });

  async function serviceWorker() {
    for (let i = 0; i < 100; i++) {
      const sw = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      if (sw) return sw;
      await sleep(50);
    }
    throw new Error('extension service worker not found');
  }

  /** A real click on the toolbar button for the tab showing `page`. */
  async function clickAction(page) {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
    const url = page.url();
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === url)
      ?? targetInfos.find((t) => t.type === 'page' && t.url === url);
    if (!tab) throw new Error(`no tab target for ${url}: ${JSON.stringify(targetInfos.map((t) => [t.type, t.url]))}`);
    await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  }

  /**
   * The service worker's console errors and warnings and its uncaught
   * exceptions (Playwright reports no worker exceptions): a CDP session of
   * our own to it, spoken through the browser session.
   */
  async function watchWorker(onEntry) {
    const sw = await serviceWorker();
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'service_worker' }] });
    const target = targetInfos.find((t) => t.url === sw.url());
    if (!target) throw new Error(`no target for ${sw.url()}`);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const handlers = new Map();
    const replies = new Map();
    let lastId = 0;
    cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== sessionId) return;
      const m = JSON.parse(e.message);
      if (m.id) replies.get(m.id)?.(m);
      else handlers.get(m.method)?.(m.params);
    });
    const session = {
      on: (method, fn) => handlers.set(method, fn),
      send: (method, params = {}) => new Promise((resolveReply) => {
        const id = ++lastId;
        replies.set(id, resolveReply);
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      }),
    };
    await watchConsole(session, onEntry, { ownWorld: sw.url() });
  }

  /** Wait for a download to finish; returns its text. */
  async function downloaded(name, { timeout = 10_000 } = {}) {
    const start = Date.now();
    while (Date.now() - start < timeout) {
      const d = downloadEvents.find((x) => (name instanceof RegExp ? name.test(x.suggestedFilename) : x.suggestedFilename === name) && x.state === 'completed');
      if (d) {
        const file = join(downloads, d.suggestedFilename);
        for (let i = 0; i < 40 && !existsSync(file); i++) await sleep(50);
        return { name: d.suggestedFilename, text: readFileSync(file, 'utf8'), url: d.url };
      }
      await sleep(50);
    }
    throw new Error(`no completed download ${name}; saw ${JSON.stringify(downloadEvents)}`);
  }

  async function close() {
    await browser.close().catch(() => {});
    child.kill('SIGTERM');
    await new Promise((r) => { if (child.exitCode !== null) r(); else child.once('exit', r); setTimeout(r, 3000); });
    for (let i = 0; i < 20; i++) {
      try {
        rmSync(userDataDir, { recursive: true, force: true });
        break;
      } catch {
        await sleep(200); // helper processes still writing their caches
      }
    }
  }

  return { browser, context, cdp, extensionId, origin: `chrome-extension://${extensionId}`, serviceWorker, watchWorker, clickAction, downloaded, downloadEvents, close };
}

// ------------------------------------------------------------------------
// Reading the extension's views: the reader and the panel are extension
// pages in a frame (in a closed shadow root the page cannot open); the
// browser's own protocol reaches into them.

/** The Playwright frame of the extension's view `kind` ('reader', 'panel') in `page`, or null. */
export function viewFrame(page, kind = 'reader') {
  return page.frames().find((f) => f.url().includes(`/frame/${kind}.html#`) && !f.isDetached()) ?? null;
}

/**
 * `frame.evaluate(fn, arg)`, or `fallback` after `ms`: an evaluation in a
 * frame that is going away can wait for ever.
 */
export function evaluateIn(frame, fn, arg, { ms = 2000, fallback = null } = {}) {
  return Promise.race([frame.evaluate(fn, arg).catch(() => fallback), sleep(ms).then(() => fallback)]);
}

/**
 * A real click on `selector` in `frame`. A click that closes its own frame
 * (Close, Undo all, Declutter) can leave Playwright's click waiting on the
 * frame that is gone: done then.
 */
export async function clickInFrame(frame, selector) {
  const click = frame.locator(selector).first().click();
  for (;;) {
    if (await Promise.race([click.then(() => true), sleep(50).then(() => false)])) return;
    if (frame.isDetached()) {
      click.catch(() => {});
      return;
    }
  }
}

/** Wait until the view `kind` is shown (the reader: article or notice); its frame. */
export async function waitForView(page, kind = 'reader', timeout = 15_000) {
  const start = Date.now();
  for (;;) {
    const frame = viewFrame(page, kind);
    const shown = frame && await evaluateIn(frame, (k) => {
      const root = document.querySelector(`declutter-${k}`)?.shadowRoot;
      return !!root?.querySelector(k === 'reader' ? 'article, .notice' : 'h2');
    }, kind, { ms: 1000, fallback: false });
    if (shown) return frame;
    if (Date.now() - start > timeout) throw new Error(`the ${kind} view was not shown`);
    await sleep(50);
  }
}

/** The reader as the user sees it (lib/page.mjs readerInfo in its frame), and whether the page under it is hidden. */
export async function readerView(page, readerInfo, pageHidden) {
  const frame = await waitForView(page, 'reader');
  const info = await frame.evaluate(readerInfo);
  const hostFocused = await page.evaluate(() => document.activeElement?.localName === 'declutter-reader');
  return info && { ...info, pageHidden: await page.evaluate(pageHidden), focusedInReader: info.focusedInReader && hostFocused };
}

// ------------------------------------------------------------------------
// Console errors and exceptions, for lib/console.mjs to classify.

const frameUrls = (trace) => (trace?.callFrames ?? []).map((f) => f.url).filter(Boolean);
const argText = (a) => (a.value !== undefined ? String(a.value) : a.description ?? a.type);

/**
 * Report a page's or worker's console errors and warnings, its uncaught
 * exceptions and the browser's error logs about it (its web-app manifest,
 * its loads) to `onEntry`, for lib/console.mjs to classify. `session` is a CDP
 * session: Playwright's events name no isolated world and no worker exception.
 * `world` is the origin of the isolated world an entry came from ('' for the
 * main world), or `ownWorld` for a context that is all the extension's (its
 * service worker).
 */
export async function watchConsole(session, onEntry, { ownWorld } = {}) {
  const worlds = new Map();
  session.on('Runtime.executionContextCreated', ({ context }) => {
    if (context.auxData?.isDefault === false) worlds.set(context.id, context.origin);
  });
  const world = (id) => ownWorld ?? worlds.get(id) ?? '';
  session.on('Runtime.consoleAPICalled', (e) => {
    if (!['error', 'assert', 'warning'].includes(e.type)) return;
    const stack = frameUrls(e.stackTrace);
    onEntry({ kind: `console.${e.type}`, text: e.args.map(argText).join(' '), url: stack[0] ?? '', stack: stack.join('\n'), world: world(e.executionContextId) });
  });
  session.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) => {
    const stack = frameUrls(d.stackTrace);
    onEntry({ kind: 'exception', text: d.exception?.description ?? d.text, url: d.url ?? stack[0] ?? '', stack: stack.join('\n'), world: world(d.executionContextId) });
  });
  // The browser's own messages about the page: its web-app manifest, loads.
  session.on('Log.entryAdded', ({ entry }) => {
    if (entry.level !== 'error') return;
    const stack = frameUrls(entry.stackTrace);
    onEntry({ kind: `log ${entry.source}`, text: entry.text, url: entry.url ?? stack[0] ?? '', stack: stack.join('\n'), world: ownWorld ?? '' });
  });
  await session.send('Runtime.enable');
  await session.send('Log.enable');
}
