// Debian's Firefox ESR, headless, driven by geckodriver through a plain
// fetch-based WebDriver client (no extra dependencies). The built
// dist/declutter-firefox.zip is installed as a temporary add-on and the
// toolbar button is clicked through the browser's own action code from the
// chrome context (DESIGN.md).
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = resolve(new URL('../../..', import.meta.url).pathname);
// The test package: the release one plus its test hooks (scripts/build-extension.mjs).
export const FIREFOX_ZIP = join(ROOT, 'dist', 'test', 'declutter-firefox.zip');
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
export const GECKODRIVER = process.env.GECKODRIVER ?? 'geckodriver';
export const ADDON_ID = 'declutter@declutter.example';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const SHADOW = 'shadow-6066-11e4-a52e-4f735466cecf';

function freePort() {
  return new Promise((resolveP) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolveP(port));
    });
  });
}

export async function launchFirefox({ proxyPort, zip = FIREFOX_ZIP, prompts } = {}) {
  const port = await freePort();
  const downloads = mkdtempSync(join(tmpdir(), 'declutter-ff-downloads-'));
  const driver = spawn(GECKODRIVER, ['--port', String(port), '--allow-system-access'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  driver.stdout.on('data', (d) => { log += d; });
  driver.stderr.on('data', (d) => { log += d; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    await sleep(100);
  }

  async function call(method, path, body) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok || json.value?.error) {
      const v = json.value ?? {};
      throw new Error(`WebDriver ${method} ${path}: ${v.error}: ${v.message}\n${(v.stacktrace ?? '').split('\n').slice(0, 5).join('\n')}`);
    }
    return json.value;
  }

  const prefs = {
    'browser.download.folderList': 2,
    'browser.download.dir': downloads,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.panel.shown': true,
    'browser.helperApps.neverAsk.saveToDisk': 'text/plain,text/markdown,text/html,application/octet-stream',
    'dom.events.testing.asyncClipboard': true,
    'dom.events.asyncClipboard.readText': true,
    'extensions.autoDisableScopes': 0,
    // Grant optional permissions without the doorhanger (the options page's
    // "Add site" still calls permissions.request from a real click).
    'extensions.webextOptionalPermissionPrompts': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'toolkit.telemetry.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'app.update.enabled': false,
    'browser.newtabpage.enabled': false,
    'signon.autofillForms': false,
    'signon.rememberSignons': false,
    'extensions.formautofill.addresses.enabled': false,
    ...(proxyPort ? {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': false,
    } : {}),
  };
  const session = await call('POST', '/session', {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        acceptInsecureCerts: true,
        ...(prompts ? { unhandledPromptBehavior: prompts } : {}),
        'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless', '-width=1280', '-height=900'], prefs },
      },
    },
  });
  const sid = session.sessionId;
  const s = (path) => `/session/${sid}${path}`;

  const addonId = await call('POST', s('/moz/addon/install'), {
    addon: readFileSync(zip).toString('base64'),
    temporary: true,
  });

  async function inChrome(fn) {
    await call('POST', s('/moz/context'), { context: 'chrome' });
    try {
      return await fn();
    } finally {
      await call('POST', s('/moz/context'), { context: 'content' });
    }
  }

  /**
   * A list kept in the chrome window. A script running as a dialog opens
   * returns null (WebDriver's rule for execute): ask again.
   */
  async function chromeList(name) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const list = await inChrome(() => call('POST', s('/execute/sync'), { script: `return window.${name} || [];`, args: [] }));
      if (Array.isArray(list)) return list;
    }
    throw new Error(`could not read ${name}`);
  }

  const origin = await inChrome(() => call('POST', s('/execute/sync'), {
    script: "return WebExtensionPolicy.getByID(arguments[0]).getURL('').replace(/\\/$/, '');",
    args: [addonId],
  }));

  const api = {
    sid,
    addonId,
    /** moz-extension://<uuid>, where the add-on's pages and scripts live. */
    origin,
    downloads,
    call,
    get log() { return log; },
    goto: (url) => call('POST', s('/url'), { url }),
    url: () => call('GET', s('/url')),
    /** Run a page function (see page.mjs) with one argument in the content page. */
    evaluate: (fn, arg) => call('POST', s('/execute/sync'), {
      script: `return (${fn.toString()})(arguments[0]);`,
      args: [arg ?? null],
    }),
    script: (script, args = []) => call('POST', s('/execute/sync'), { script, args }),
    asyncScript: (script, args = []) => call('POST', s('/execute/async'), { script, args }),
    chromeScript: (script, args = []) => inChrome(() => call('POST', s('/execute/sync'), { script, args })),
    chromeAsync: (script, args = []) => inChrome(() => call('POST', s('/execute/async'), { script, args })),
    screenshot: async () => Buffer.from(await call('GET', s('/screenshot')), 'base64'),

    /** The real toolbar button's action, as a click on it does. */
    clickAction: () => inChrome(() => call('POST', s('/execute/sync'), {
      script: `
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(arguments[0]);
        ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
        return true;`,
      args: [addonId],
    })),

    /**
     * Send a command to the content script of the first web tab the way the
     * background does (scripting.executeScript), from an extension page
     * opened in a second tab; the first tab is selected again afterwards.
     */
    extensionCommand: (message) => api.inContent((m) => globalThis[Symbol.for('declutter')].handle(m), [message]),

    /**
     * Run `fn(...args)` in the content script world of the first web tab
     * (scripting.executeScript from an extension page opened in a second
     * tab, as extensionCommand does) and return its (awaited) result. `fn`
     * is sent as source: it may use only its arguments and globals.
     */
    async inContent(fn, args = []) {
      const first = await call('GET', s('/window'));
      const url = await inChrome(() => call('POST', s('/execute/sync'), {
        script: "return WebExtensionPolicy.getByID(arguments[0]).getURL('options/options.html');",
        args: [addonId],
      }));
      const tab = await call('POST', s('/window/new'), { type: 'tab' });
      await call('POST', s('/window'), { handle: tab.handle });
      try {
        await call('POST', s('/url'), { url });
        const reply = await call('POST', s('/execute/async'), {
          args: [args],
          script: `const done = arguments[arguments.length - 1];
            (async (args) => {
              const tabs = await browser.tabs.query({});
              const tab = tabs.find((t) => !String(t.url).startsWith('moz-extension:'));
              const [result] = await browser.scripting.executeScript({
                target: { tabId: tab.id }, func: ${fn.toString()}, args,
              });
              return { result: result.result };
            })(arguments[0]).then(done, (e) => done({ error: String(e) }));`,
        });
        if (reply?.error) throw new Error(reply.error);
        return reply.result;
      } finally {
        await call('DELETE', s('/window'));
        await call('POST', s('/window'), { handle: first });
      }
    },

    /** Open one of the extension's pages in a second tab, run `fn`, close it and select the first tab again. */
    async inExtensionPage(pagePath, fn) {
      const first = await call('GET', s('/window'));
      const url = await inChrome(() => call('POST', s('/execute/sync'), {
        script: 'return WebExtensionPolicy.getByID(arguments[0]).getURL(arguments[1]);',
        args: [addonId, pagePath],
      }));
      const tab = await call('POST', s('/window/new'), { type: 'tab' });
      await call('POST', s('/window'), { handle: tab.handle });
      try {
        await call('POST', s('/url'), { url });
        return await fn();
      } finally {
        await call('DELETE', s('/window'));
        await call('POST', s('/window'), { handle: first });
      }
    },
    async find(selector) {
      const el = await call('POST', s('/element'), { using: 'css selector', value: selector });
      return el[ELEMENT];
    },
    async type(selector, text) {
      const id = await api.find(selector);
      await call('POST', s(`/element/${id}/clear`), {});
      await call('POST', s(`/element/${id}/value`), { text });
    },
    async click(selector) {
      await call('POST', s(`/element/${await api.find(selector)}/click`), {});
    },

    /** The toolbar badge text on the selected tab. */
    badge: () => inChrome(() => call('POST', s('/execute/sync'), {
      script: `
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(arguments[0]);
        const action = ExtensionParent.apiManager.global.browserActionFor(extension);
        const tab = window.gBrowser.selectedTab;
        const inner = action.action ?? action;
        if (inner.getProperty) return inner.getProperty(tab, 'badgeText') ?? '';
        return inner.tabContext.get(tab).badgeText ?? '';`,
      args: [addonId],
    })),

    /**
     * Start collecting console errors and warnings and uncaught exceptions
     * of every process, as entries for lib/console.mjs. Exceptions reach the
     * parent's console service; console.error/warn stay in the process that
     * logged them (content, extension), so a process script forwards them.
     * `world` is the extension's base URL for messages logged in the
     * extension's own pages (their addonId).
     */
    watchConsole: () => inChrome(() => call('POST', s('/execute/sync'), {
      args: [],
      script: `
        if (!window.__declutterErrors) {
          const errors = window.__declutterErrors = [];
          Services.console.registerListener({
            observe(message) {
              try {
                const e = message.QueryInterface(Ci.nsIScriptError);
                if (e.flags & (Ci.nsIScriptError.warningFlag | Ci.nsIScriptError.infoFlag)) return;
                const frames = [];
                for (let f = e.stack; f; f = f.parent) frames.push(f.source);
                errors.push({ at: Date.now(), kind: e.category, text: e.errorMessage, url: e.sourceName, stack: frames.join('\\n'), world: '' });
              } catch {}
            },
          });
          Services.ppmm.addMessageListener('declutter-e2e:console', ({ data }) => {
            const world = data.addonId ? (WebExtensionPolicy.getByID(data.addonId)?.getURL('') ?? '') : '';
            errors.push({ at: Date.now(), kind: 'console.' + data.level, text: data.text, url: data.filename, stack: data.frames.join('\\n'), world });
          });
          Services.ppmm.loadProcessScript('data:,' + encodeURIComponent(\`
            Cc['@mozilla.org/consoleAPI-storage;1'].getService(Ci.nsIConsoleAPIStorage).addLogEventListener((m) => {
              if (m.level !== 'error' && m.level !== 'warn' && m.level !== 'assert') return;
              const text = (m.arguments || []).map((a) => { try { return String(a); } catch { return '?'; } }).join(' ');
              const frames = (m.stacktrace || []).map((f) => f.filename);
              sendAsyncMessage('declutter-e2e:console', { level: m.level, text, filename: m.filename, frames, addonId: m.addonId });
            }, Services.scriptSecurityManager.getSystemPrincipal());
          \`), true);
        }
        return true;`,
    })),
    consoleErrors: () => chromeList('__declutterErrors'),

    /** Start recording the dialogs (alert, confirm, prompt) that content opens, as {type, text}. */
    watchDialogs: () => inChrome(() => call('POST', s('/execute/sync'), {
      args: [],
      script: `
        if (!window.__declutterDialogs) {
          const dialogs = window.__declutterDialogs = [];
          // What Marionette's own prompt listener observes.
          Services.obs.addObserver((dialog) => dialogs.push({ type: dialog.args?.promptType ?? '?', text: dialog.args?.text ?? '' }), 'common-dialog-loaded');
        }
        return true;`,
    })),
    dialogs: () => chromeList('__declutterDialogs'),

    /**
     * Run `fn(...)` in the extension frame of kind `kind` (reader, panel:
     * the iframe in the closed shadow root of <declutter-kind>), then come
     * back to the page. WebDriver reaches the closed root; page script cannot.
     */
    async inFrame(kind, body) {
      const host = await call('POST', s('/element'), { using: 'css selector', value: `declutter-${kind}` });
      const shadow = await call('GET', s(`/element/${host[ELEMENT]}/shadow`));
      const frame = await call('POST', s(`/shadow/${shadow[SHADOW]}/element`), { using: 'css selector', value: 'iframe' });
      await call('POST', s('/frame'), { id: frame });
      try {
        return await body();
      } finally {
        await call('POST', s('/frame/parent'), {});
      }
    },
    /** `fn(arg)` in the document of the extension frame of kind `kind`. */
    evaluateIn: (kind, fn, arg) => api.inFrame(kind, () => api.evaluate(fn, arg)),
    /** A real click on `selector` in the view (its open shadow root) inside the extension frame of kind `kind`. */
    async pressIn(kind, selector) {
      await api.inFrame(kind, async () => {
        const host = await call('POST', s('/element'), { using: 'css selector', value: `declutter-${kind}` });
        const shadow = await call('GET', s(`/element/${host[ELEMENT]}/shadow`));
        const el = await call('POST', s(`/shadow/${shadow[SHADOW]}/element`), { using: 'css selector', value: selector });
        await call('POST', s(`/element/${el[ELEMENT]}/click`), {});
      });
    },
    /** An element inside an open shadow root: click it for real. */
    async clickIn(hostSelector, selector) {
      const host = await call('POST', s('/element'), { using: 'css selector', value: hostSelector });
      const shadow = await call('GET', s(`/element/${host[ELEMENT]}/shadow`));
      const el = await call('POST', s(`/shadow/${shadow[SHADOW]}/element`), { using: 'css selector', value: selector });
      await call('POST', s(`/element/${el[ELEMENT]}/click`), {});
    },
    async pressKey(key) {
      await call('POST', s('/actions'), {
        actions: [{ type: 'key', id: 'kbd', actions: [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }] }],
      });
      await call('DELETE', s('/actions'));
    },
    async waitFor(fn, arg, { timeout = 15_000, what = 'condition' } = {}) {
      const start = Date.now();
      let last;
      while (Date.now() - start < timeout) {
        last = await api.evaluate(fn, arg);
        if (last) return last;
        await sleep(100);
      }
      throw new Error(`timed out waiting for ${what}`);
    },
    /** A finished download whose name matches. */
    async downloaded(pattern, { timeout = 10_000 } = {}) {
      const start = Date.now();
      while (Date.now() - start < timeout) {
        const name = readdirSync(downloads).find((n) => pattern.test(n) && !n.endsWith('.part'));
        if (name) {
          await sleep(200);
          return { name, text: readFileSync(join(downloads, name), 'utf8') };
        }
        await sleep(100);
      }
      throw new Error(`no download matching ${pattern} in ${downloads}: ${readdirSync(downloads)}`);
    },
    async close() {
      try {
        await call('DELETE', `/session/${sid}`);
      } catch {
        // already gone
      }
      driver.kill('SIGTERM');
      await new Promise((r) => { if (driver.exitCode !== null) r(); else driver.once('exit', r); setTimeout(r, 3000); });
      rmSync(downloads, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    },
  };
  return api;
}

export const firefoxAvailable = () => existsSync(FIREFOX);

/** Why Firefox tests cannot run here, or null when they can. */
export function firefoxMissing() {
  if (!existsSync(FIREFOX)) return `no ${FIREFOX} (scripts/setup.sh)`;
  try {
    execFileSync(GECKODRIVER, ['--version'], { stdio: 'ignore' });
  } catch {
    return 'no geckodriver (scripts/setup.sh)';
  }
  return existsSync(FIREFOX_ZIP) ? null : 'dist/declutter-firefox.zip not built (scripts/build-extension.sh)';
}
