// declutter background: events, messages, storage. No decisions here — the
// core (wasm) decides, the content script's applier changes the page.
//
// Chrome runs this as the service worker; Firefox as a background script
// after wasm/declutter.js (see the built manifests).
import { api } from './shared/platform.js';
import { wasmEngine } from './shared/wasm.js';

// The content script: content/main.js and its imports, one file
// (scripts/build-extension.mjs bundles it).
const CONTENT_FILES = ['content/main.js'];
const CONTENT_CSS = ['content/content.css'];
// The hosts of the extension's frames, as a user stylesheet: a page's own
// rules, even !important ones, cannot hide or move them.
const OWN_CSS = ['content/own.css'];
const AUTO_SCRIPT_ID = 'declutter-auto';

// ---------------------------------------------------------------------------
// The engine in the extension's own context: used when a page's CSP keeps the
// content script from compiling WebAssembly (Chrome).

const core = wasmEngine(); // compiled on first use, kept while the background lives

// ---------------------------------------------------------------------------
// Talking to the tab.

// (The reader frame is started by the content script. A script injected
// ahead of it to start the frame sooner held the content script itself back
// about 40 ms in Chromium, as much as the frame gained: click → painted
// measured the same without it, scripts/bench-paint-ab.mjs.)
async function ensureInjected(tabId) {
  // Is the content script there, and its user stylesheet? (content/registry.js)
  const [probe] = await api.scripting.executeScript({
    target: { tabId },
    func: () => {
      const registry = globalThis[Symbol.for('declutter')];
      return { ready: typeof registry?.handle === 'function', own: registry?.ownCss === true };
    },
  });
  const { ready = false, own = false } = probe?.result ?? {};
  // (An auto-declutter page got its CSS from the registered script, as an
  // author sheet: the user sheet comes with the first command.) The three
  // go at once: the CSS only styles attributes the scripts set later.
  await Promise.all([
    !own && api.scripting.insertCSS({ target: { tabId }, files: OWN_CSS, origin: 'USER' }),
    !ready && api.scripting.insertCSS({ target: { tabId }, files: CONTENT_CSS }),
    !ready && api.scripting.executeScript({ target: { tabId }, files: CONTENT_FILES }),
  ]);
}

/**
 * Run a command in the tab's content script: its reply, or `{ error }` when
 * the command could not run there (callers and tests can show why).
 */
async function sendToTab(tab, message) {
  if (!tab?.id || tab.id < 0) return { error: 'no tab' };
  // The engine compiles while the content script is injected and reads the page.
  core.warm();
  try {
    // The activeTab grant can land a moment after the click event (seen with
    // Chromium's Extensions.triggerAction): try again briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await ensureInjected(tab.id);
        break;
      } catch (error) {
        if (attempt >= 6 || !/permission|Cannot access/i.test(String(error?.message))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      }
    }
    const [result] = await api.scripting.executeScript({
      target: { tabId: tab.id },
      func: (msg) => {
        const registry = globalThis[Symbol.for('declutter')];
        registry.ownCss = true; // ensureInjected inserted content/own.css
        return registry.handle(msg);
      },
      args: [message],
    });
    return result?.result ?? { error: String(result?.error ?? 'no reply from the page') };
  } catch (error) {
    // Pages the extension may not touch (the browser's own pages, the web
    // store) land here; there is nothing to do on them. A tab that
    // navigated or closed while the command ran is no fault: nothing to say.
    const gone = /Frame with ID \d+ was removed|No frame with id|No tab with id|tab was closed/i;
    if (!gone.test(String(error?.message ?? error))) console.warn('declutter:', error?.message ?? error);
    return { error: String(error?.message ?? error) };
  }
}

async function activeTab() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab;
}

// ---------------------------------------------------------------------------
// Surfaces: toolbar button, keyboard shortcuts, context menu on the button.

api.action.onClicked.addListener((tab) => { sendToTab(tab, { cmd: 'reader' }); });

// The reader's shortcut is a command of its own (reported by getAll() and
// delivered by onCommand alike in both browsers, with the activeTab
// grant), on Alt+Shift+V: Chromium never assigns Alt+Shift+R as an
// extension's key (commands.getAll() reports it unset), so that key never
// opened the reader there.
const COMMANDS = { 'toggle-reader': { cmd: 'reader' }, 'declutter-page': { cmd: 'declutter' } };

async function onCommand(command, tab) {
  const message = COMMANDS[command];
  if (!message) return { error: `unknown command ${command}` };
  return sendToTab(tab ?? (await activeTab()), message);
}

api.commands.onCommand.addListener((command, tab) => { onCommand(command, tab); });

// [id, message, parent]. Chrome allows at most six top-level items on the
// toolbar button's menu: the exports share one submenu.
const MENU = [
  ['declutter-page', 'menuDeclutter'],
  ['pick-block', 'menuPick'],
  ['export', 'menuExport'],
  ['export-md', 'menuExportMarkdown', 'export'],
  ['export-txt', 'menuExportText', 'export'],
  ['export-html', 'menuExportHtml', 'export'],
  ['auto-site', 'menuAutoSite'],
  ['options', 'menuOptions'],
];

async function createMenus() {
  await api.contextMenus.removeAll();
  for (const [id, message, parentId] of MENU) {
    api.contextMenus.create({ id, title: api.i18n.getMessage(message), contexts: ['action'], ...(parentId && { parentId }) });
  }
}

api.contextMenus.onClicked.addListener(async (info, tab) => {
  switch (info.menuItemId) {
    case 'declutter-page': return sendToTab(tab, { cmd: 'declutter' });
    case 'pick-block': return sendToTab(tab, { cmd: 'pick' });
    case 'export-md': return sendToTab(tab, { cmd: 'export', format: 'md' });
    case 'export-txt': return sendToTab(tab, { cmd: 'export', format: 'txt' });
    case 'export-html': return sendToTab(tab, { cmd: 'export', format: 'html' });
    case 'options': return api.runtime.openOptionsPage();
    case 'auto-site': {
      // Host access is asked for on the options page, from the user's own
      // click there, for this one site.
      const origin = await tabOrigin(tab);
      const url = api.runtime.getURL('options/options.html') + (origin ? `?add=${encodeURIComponent(origin)}` : '');
      return api.tabs.create({ url });
    }
    default: return undefined;
  }
});

async function tabOrigin(tab) {
  try {
    if (tab?.url) return new URL(tab.url).origin;
    const [r] = await api.scripting.executeScript({ target: { tabId: tab.id }, func: () => location.origin });
    return r?.result;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Auto-declutter: a registered content script on the sites the user chose
// (and granted host access to).

async function syncAutoScript() {
  const { autoSites = [] } = await api.storage.sync.get('autoSites');
  const granted = [];
  for (const origin of autoSites) {
    // Match patterns take no port: the pattern covers all of the site's ports.
    let pattern;
    try {
      const url = new URL(origin);
      pattern = `${url.protocol}//${url.hostname}/*`;
    } catch {
      continue;
    }
    if (!granted.includes(pattern) && await api.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  try {
    await api.scripting.unregisterContentScripts({ ids: [AUTO_SCRIPT_ID] });
  } catch {
    // not registered
  }
  if (granted.length === 0) return;
  await api.scripting.registerContentScripts([{
    id: AUTO_SCRIPT_ID,
    matches: granted,
    js: [...CONTENT_FILES, 'content/auto.js'],
    css: [...CONTENT_CSS, ...OWN_CSS],
    runAt: 'document_idle',
  }]);
}

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && changes.autoSites) syncAutoScript();
});
api.permissions.onAdded?.addListener(() => syncAutoScript());
api.permissions.onRemoved?.addListener(() => syncAutoScript());
api.runtime.onInstalled.addListener(() => { createMenus(); syncAutoScript(); });
api.runtime.onStartup.addListener(() => { createMenus(); syncAutoScript(); });

// ---------------------------------------------------------------------------
// Firefox gives the extension's frames in a web page (frame/*.html) no
// `tabs` API: their port to the content script of their own tab's top frame
// goes through here (content/frames.js checks its token).

api.runtime.onConnect.addListener((frame) => {
  const tabId = frame.sender?.tab?.id;
  const url = String(frame.sender?.url ?? '');
  if (frame.sender?.id !== api.runtime.id || !url.startsWith(api.runtime.getURL('frame/')) || tabId == null) {
    frame.disconnect();
    return;
  }
  const page = api.tabs.connect(tabId, { frameId: 0, name: frame.name });
  frame.onMessage.addListener((message) => page.postMessage(message));
  page.onMessage.addListener((message) => frame.postMessage(message));
  frame.onDisconnect.addListener(() => page.disconnect());
  page.onDisconnect.addListener(() => frame.disconnect());
});

// ---------------------------------------------------------------------------
// Messages from content scripts.

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's own scripts and pages talk to it.
  if (sender?.id !== api.runtime.id) return false;
  if (message?.type === 'engine') {
    core.run(message.op, message.args).then(
      (value) => sendResponse({ ok: true, value }),
      (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
    );
    return true;
  }
  if (message?.type === 'badge' && sender.tab?.id != null) {
    const text = message.count > 0 ? String(message.count) : '';
    api.action.setBadgeText({ tabId: sender.tab.id, text });
    api.action.setBadgeBackgroundColor?.({ tabId: sender.tab.id, color: '#3b5bdb' });
    sendResponse({ ok: true });
    return false;
  }
  if (message?.type === 'open-options') {
    api.runtime.openOptionsPage();
    sendResponse({ ok: true });
    return false;
  }
  return false;
});

// Test builds only (the build drops `TEST:` statements from the packages it
// ships): what a toolbar click and a shortcut run, by name, for the
// end-to-end tests and scripts/bench-browser.mjs.
TEST: globalThis[Symbol.for('declutter.test')] = Object.freeze({ sendToTab, onCommand });
