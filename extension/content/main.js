// The content script's entry: commands from the background (toolbar click,
// shortcuts, context menu) and the reader/panel buttons. A thin shell: the
// engine decides, the applier changes the page.
import { api } from '../shared/platform.js';
import { t } from '../shared/words.js';
import { engine } from './engine.js';
import { applier } from './applier.js';
import { frames } from './frames.js';
import { rules } from './rules.js';
import { picker } from './picker.js';
import { registry } from './registry.js';

let readerView = null; // a frame view (content/frames.js) + {extraction} once read
let panelView = null; // a frame view
let lastExtraction = null; // {url, extraction}
const errors = [];
let lastTiming = null; // the last reader opened: started, extracted, painted (scripts/bench-browser.mjs)

/**
 * Extract the page now. `withRules`: with this site's rules (they shape
 * only the clutter plan, so the reader and exports go without the
 * storage read).
 */
async function extractNow({ withRules = false } = {}) {
  const url = location.href;
  const options = withRules ? { rules: await rules.load() } : undefined;
  const extraction = await engine.extract(engine.serialise(), url, options);
  lastExtraction = { url, extraction };
  return extraction;
}

async function extraction() {
  if (lastExtraction?.url === location.href) return lastExtraction.extraction;
  return extractNow();
}

// ---------------------------------------------------------------- reader

// A page that takes longer than this to read shows that it is being read.
const READING_NOTICE_MS = 100;

/** "Reading this page…", from READING_NOTICE_MS until `work` settles. */
async function withReadingNotice(work) {
  let notice = null;
  const timer = setTimeout(() => {
    notice = document.createElement('declutter-reading');
    notice.setAttribute('role', 'status');
    notice.textContent = t('readingPage');
    applier.mountOwn(notice);
  }, READING_NOTICE_MS);
  try {
    return await work;
  } finally {
    clearTimeout(timer);
    if (notice) applier.unmountOwn(notice);
  }
}

// The reader frame tells us it painted; after this long without word
// (once the page is read), it is taken down again.
const PAINT_WAIT_MS = 10_000;

/**
 * Mount the reader frame (content/frames.js), then read the page
 * (`read()`: a promise of the extraction) while it loads, transparent;
 * once it has drawn the article over the page, hide the page under it.
 * Resolves to {view, work} when painted.
 */
async function mountReader(read, options, started) {
  let painted;
  const paint = new Promise((resolve) => { painted = resolve; });
  let work = null;
  const result = () => work.catch(() => null);
  const view = frames.create('reader', {
    data: async () => readerData(await result(), options),
    painted: () => {
      if (readerView !== view) return;
      applier.showReader();
      view.frame.focus(); // (again: focusing it while it loaded may not have held)
      lastTiming = { ...lastTiming, painted: performance.now() - started };
      painted();
    },
    close: async () => { if (readerView === view) await closeReader(); },
    declutter: async () => { await closeReader(); await declutter(); },
    export: async (format) => exportDoc(await work, format),
    gone: () => { if (readerView === view) closeReader(); },
  });
  readerView?.close();
  readerView = view;
  applier.mountReader(view.host);
  view.frame.focus();
  work = read();
  await work.catch(() => {});
  const shown = await Promise.race([paint.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), PAINT_WAIT_MS))]);
  if (!shown && readerView === view) {
    // A frame that never drew: the page is left as it was.
    await closeReader();
    throw new Error('the reader did not load');
  }
  return { view, work };
}

/** What the reader frame shows: the extraction, with what only the page knows. */
function readerData(result, { force = false, failed = false }) {
  if (!result) return { extraction: {}, failed: true };
  const meta = result.metadata ?? {};
  const lead = meta.lead_image && pageAlreadyContacts(meta.lead_image) ? meta.lead_image : undefined;
  const extraction = { ...result, metadata: { ...meta, title: meta.title || document.title, lead_image: lead } };
  return { extraction, force, failed };
}

/**
 * The reader contacts no host the page has not contacted itself: a lead
 * image (from the page's metadata) is shown only when it is served from the
 * page's own host or a host the page already loaded something from.
 */
function pageAlreadyContacts(url) {
  let host;
  try {
    const parsed = new URL(url, location.href);
    if (!/^https?:$/.test(parsed.protocol)) return false;
    host = parsed.host;
  } catch {
    return false;
  }
  if (host === location.host) return true;
  const hosts = new Set();
  for (const entry of performance.getEntriesByType('resource')) {
    try {
      hosts.add(new URL(entry.name).host);
    } catch {
      // not a URL
    }
  }
  for (const image of document.images) {
    try {
      hosts.add(new URL(image.currentSrc || image.src).host);
    } catch {
      // no source
    }
  }
  return hosts.has(host);
}

async function openReader({ force = false } = {}) {
  const started = performance.now();
  lastTiming = { startedAt: performance.timeOrigin + started };
  const read = () => {
    const reading = withReadingNotice(extractNow());
    reading.then(() => { lastTiming.extracted = performance.now() - started; }, () => {});
    return reading;
  };
  const { view, work } = await mountReader(read, { force }, started);
  try {
    const result = await work;
    view.extraction = result;
    return { reader: true, article: !!result.article, isArticle: !!result.readerable?.is_article, path: engine.path };
  } catch (error) {
    // The engine failed (or trapped): the frame says so; the page is left as it was.
    const text = String(error?.message ?? error);
    errors.push(text);
    return { reader: true, failed: true, error: text };
  }
}

/** The engine failed (or trapped) for declutter: say so in the reader; the page is left as it was. */
async function showFailure(error) {
  const text = String(error?.message ?? error);
  errors.push(text);
  if (applier.readerMounted) await closeReader();
  await mountReader(() => Promise.resolve(null), { failed: true }, performance.now());
  return { reader: true, failed: true, error: text };
}

// Closing waits this long at most for the frame to stop reading aloud.
// (The frame answers in milliseconds; the bound only matters for a frame
// that hangs. 300 ms was too short on a busy machine: the frame was
// removed before it had said speech stopped.)
const STOP_WAIT_MS = 1500;

async function closeReader() {
  const view = readerView;
  readerView = null;
  if (view?.rpc) await Promise.race([view.rpc.call('stop').catch(() => {}), new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS))]);
  view?.close();
  applier.unmountReader();
  return { reader: false };
}

async function toggleReader() {
  if (applier.readerMounted) return closeReader();
  return openReader();
}

/**
 * Keys that reach the page while the reader is shown are the reader's:
 * the focus had not yet passed into its frame (the browser moves it
 * there asynchronously) or the page took it back. Escape closes the
 * reader; any other key hands the focus back to it.
 */
function onPageKey(event) {
  if (!event.isTrusted || !readerView || !applier.readerShown) return;
  if (event.key === 'Escape') {
    event.stopImmediatePropagation();
    void closeReader();
  } else {
    readerView.frame.focus();
  }
}

// ------------------------------------------------------------- declutter

function badge() {
  api.runtime.sendMessage({ type: 'badge', count: applier.hiddenCount }).catch?.(() => {});
}

/** The applier's entries as the panel frame shows them. */
function panelEntries() {
  return applier.entries.map((e) => ({
    kind: e.block.kind,
    reason: e.block.reason,
    preview: e.block.preview ?? null,
    found: !!e.el,
    hidden: e.hidden,
    refused: !!e.refused,
    note: e.note ?? null,
    rule: e.block.rule ?? e.keptBy ?? null,
    articleWords: e.block.article_words ?? 0,
  }));
}

function refreshPanel() {
  panelView?.rpc?.call('refresh', panelEntries()).catch(() => {});
  badge();
}

/** The user's choice on entry `i` of the list the panel shows. */
const entryAt = (i) => {
  const entry = applier.entries[i];
  if (!entry) throw new Error('no such block');
  return entry;
};

function showPanel() {
  if (panelView) {
    refreshPanel();
    return;
  }
  const view = frames.create('panel', {
    entries: () => panelEntries(),
    toggle: (i) => {
      const entry = entryAt(i);
      if (entry.hidden) applier.unhide(entry);
      else applier.rehide(entry);
      refreshPanel();
    },
    keep: (i) => keepBlock(entryAt(i)),
    forget: (i) => forgetRule(entryAt(i)),
    pick: () => { pickRule(); },
    undoAll: () => { undoAll(); },
    close: () => closePanel(),
    export: async (format) => exportDoc(await extraction(), format),
    dock: (side) => view.host.setAttribute('data-dock', side === 'left' ? 'left' : 'right'),
    // The frame is as tall as the panel, up to 60% of the window; beyond, it scrolls.
    size: (height) => view.frame.style.setProperty('height', `${Math.max(0, Math.min(Number(height) || 0, Math.round(window.innerHeight * 0.6)))}px`, 'important'),
    gone: () => { if (panelView === view) closePanel(); },
  });
  panelView = view;
  applier.mountOwn(view.host);
  view.frame.focus();
}

// ----------------------------------------------------------- user rules

/** "Hide something…": the picker, then a rule for what the user picked. */
function pickRule() {
  if (applier.readerMounted) void closeReader();
  panelView?.host.setAttribute('data-picking', '');
  picker.start({
    pick: (el) => hideByRule(el).catch((error) => showPanelStatus(t('statusError', [String(error?.message ?? error)]))),
    cancel: () => panelView?.host.removeAttribute('data-picking'),
  });
  return { picking: true };
}

function showPanelStatus(text) {
  showPanel();
  panelView.host.removeAttribute('data-picking');
  const view = panelView;
  view.connected.then((rpc) => (view.rpc ?? rpc).call('status', text)).catch(() => {});
}

async function hideByRule(el) {
  const selector = await rules.selectorFor(el);
  if (!selector) return showPanelStatus(t('ruleNoSelector'));
  await rules.add('hide', selector);
  await declutter();
  // The core never lets a rule hide the headline, the byline or most of
  // the article: such a rule is not kept.
  if (!applier.entries.some((e) => e.block.rule === selector && e.hidden)) {
    await rules.forget(selector);
    return showPanelStatus(t('ruleRefused'));
  }
  return showPanelStatus(t('ruleAdded', [selector]));
}

/** "Don't hide this": a keep rule for the block, shown again now. */
async function keepBlock(entry) {
  const selector = entry.el && (await rules.selectorFor(entry.el));
  if (!selector) return showPanelStatus(t('ruleNoSelector'));
  await rules.add('keep', selector);
  applier.unhide(entry);
  entry.note = 'kept';
  entry.keptBy = selector;
  refreshPanel();
  return showPanelStatus(t('ruleKept', [selector]));
}

/** Forget the user's rule behind an entry (a hide rule, or a keep rule just made). */
async function forgetRule(entry) {
  const selector = entry.block.rule ?? entry.keptBy;
  if (!selector) return undefined;
  await rules.forget(selector);
  if (entry.block.rule) applier.unhide(entry);
  entry.note = 'forgotten';
  refreshPanel();
  return showPanelStatus(t('ruleForgotten', [selector]));
}

function closePanel() {
  if (!panelView) return;
  panelView.close();
  applier.unmountOwn(panelView.host);
  panelView = null;
}

async function declutter({ auto = false } = {}) {
  if (applier.readerMounted) await closeReader();
  let result;
  try {
    result = await extractNow({ withRules: true });
  } catch (error) {
    return showFailure(error);
  }
  applier.hideBlocks(result.clutter ?? [], guardOf(result));
  applier.watchLate(planLate);
  if (!auto) showPanel();
  refreshPanel();
  return {
    planned: (result.clutter ?? []).length,
    hidden: applier.hiddenCount,
    missing: applier.entries.filter((e) => !e.el && !e.refused).length,
    refused: applier.entries.filter((e) => e.refused).length,
  };
}

/** What the live page must keep visible, from an extraction. */
function guardOf(result) {
  return { parts: result.article?.parts, keep: result.keep, text: result.article?.text };
}

/** Content the page added after declutter: plan it and hide what is new. */
async function planLate() {
  const result = await extractNow({ withRules: true });
  const added = applier.hideBlocks(result.clutter ?? [], guardOf(result), { late: true });
  if (added.length) refreshPanel();
}

function undoAll() {
  picker.stop();
  applier.undoAll();
  closePanel();
  badge();
  return { hidden: 0 };
}

// ---------------------------------------------------------------- export

async function exportDoc(result, format) {
  const body = await engine.exportDocument(result, location.href, format);
  const name = await engine.fileName(result.metadata?.title ?? document.title, format);
  return { body, name };
}

/**
 * An export asked for by a command (context menu, tests): saved from an
 * extension frame, never from the page. The reader's or the panel's
 * frame when one is shown, else a frame of its own that goes when done.
 */
async function exportFromFrame(format) {
  const shown = readerView ?? panelView;
  if (shown) {
    const rpc = shown.rpc ?? (await shown.connected);
    return rpc.call(format === 'copy' ? 'copy' : 'download', format);
  }
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  const view = frames.create('export', {
    job: () => ({ format }),
    export: async (f) => exportDoc(await extraction(), f),
    done: (result) => done(result),
    gone: () => done({ error: 'export frame went away' }),
  });
  applier.mountOwn(view.host);
  try {
    return await Promise.race([finished, new Promise((resolve) => setTimeout(() => resolve({ error: 'export timed out' }), PAINT_WAIT_MS))]);
  } finally {
    view.close();
    applier.unmountOwn(view.host);
  }
}

// -------------------------------------------------------------- dispatch

async function handle(message) {
  try {
    switch (message?.cmd) {
      case 'reader': return await toggleReader();
      case 'reader-open': return applier.readerMounted ? { reader: true } : await openReader(message);
      case 'reader-close': return closeReader();
      case 'declutter':
        if (applier.hiddenCount > 0 && !message.again) {
          showPanel();
          return { hidden: applier.hiddenCount, panel: true };
        }
        return await declutter(message);
      case 'undo': return undoAll();
      case 'pick': return pickRule();
      case 'export': {
        if (message.inline) return await exportDoc(readerView?.extraction ?? (await extraction()), message.format);
        return await exportFromFrame(message.format);
      }
      case 'state': return state();
      case 'bench': return await bench(message.runs ?? 5, message.order, message.breakdown === true);
      case 'engine-path': {
        if (Array.isArray(message.order)) engine.order = message.order;
        return { path: engine.path, order: engine.order };
      }
      default: return { error: `unknown command ${message?.cmd}` };
    }
  } catch (error) {
    const text = String(error?.message ?? error);
    errors.push(text);
    readerView?.rpc?.call('status', t('statusError', [text])).catch(() => {});
    return { error: text };
  }
}

/**
 * Timing of the full extraction (serialise + engine), for
 * scripts/bench-browser.mjs. With `breakdown`, also each run's serialising
 * alone and two engine round trips that do no work (`fileName`): one with
 * a short argument, one carrying the page's HTML, i.e. what sending the
 * page costs.
 */
async function bench(runs, order, breakdown) {
  const saved = engine.order;
  if (order) engine.order = order;
  try {
    const times = [];
    const parts = { serialise: [], roundTrip: [], roundTripWithPage: [] };
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const html = engine.serialise();
      const serialised = performance.now();
      await engine.extract(html, location.href);
      times.push(performance.now() - start);
      bytes = html.length;
      if (!breakdown) continue;
      parts.serialise.push(serialised - start);
      let t = performance.now();
      await engine.fileName('x', 'md');
      parts.roundTrip.push(performance.now() - t);
      t = performance.now();
      await engine.fileName(html, 'md');
      parts.roundTripWithPage.push(performance.now() - t);
    }
    return { times, bytes, path: engine.path, ...(breakdown ? { parts } : {}) };
  } finally {
    engine.order = saved;
  }
}

function state() {
  return {
    reader: applier.readerMounted,
    hidden: applier.hiddenCount,
    entries: applier.entries.map((e) => ({ kind: e.block.kind, reason: e.block.reason, rule: e.block.rule ?? null, found: !!e.el, hidden: e.hidden, refused: e.refused, note: e.note ?? null })),
    picking: picker.active,
    panel: !!panelView,
    path: engine.path,
    timing: lastTiming,
    engineTiming: engine.timing,
    errors,
  };
}

// The first copy injected answers.
if (!registry.handle) {
  registry.handle = handle;
  // Test builds only (the build drops `TEST:` statements from the packages
  // it ships): the tests reach its engine and applier.
  TEST: globalThis[Symbol.for('declutter.test')] = Object.freeze({ engine, applier });
  window.addEventListener('keydown', onPageKey, true);
}
