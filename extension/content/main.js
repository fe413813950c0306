// The content script's entry: commands from the background (toolbar click,
// shortcuts, context menu) and the reader/panel buttons. A thin shell: the
// engine decides, the applier changes the page.
'use strict';
(() => {
  const D = (globalThis[Symbol.for('declutter')] ??= {});
  if (D.handle) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const { engine, applier } = D;

  let readerView = null; // {host, setStatus, extraction}
  let panelView = null;
  let lastExtraction = null; // {url, extraction}
  const errors = [];

  /**
   * Extract the page now. `withRules`: with this site's rules (they shape
   * only the clutter plan, so the reader and exports go without the
   * storage read).
   */
  async function extractNow({ withRules = false } = {}) {
    const url = location.href;
    const options = withRules ? { rules: await D.rules.load() } : undefined;
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

  async function openReader({ force = false } = {}) {
    const started = performance.now();
    let result;
    try {
      result = readerView?.extraction ?? (await withReadingNotice(extractNow()));
    } catch (error) {
      return showFailure(error);
    }
    const view = await D.reader.build(result, {
      close: closeReader,
      declutter: async () => { closeReader(); await declutter(); },
      copy: () => copyText(result, view.setStatus),
      download: (format) => download(result, format, view.setStatus),
      showAnyway: () => openReader({ force: true }),
    }, { force });
    readerView?.stop?.();
    readerView = { ...view, extraction: result };
    applier.mountReader(view.host);
    view.focus();
    D.lastTiming = { extractAndBuild: performance.now() - started };
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    D.lastTiming.painted = performance.now() - started;
    return { reader: true, article: !!result.article, isArticle: !!result.readerable?.is_article, path: engine.path };
  }

  /** The engine failed (or trapped): say so; the page is left as it was. */
  async function showFailure(error) {
    const text = String(error?.message ?? error);
    errors.push(text);
    if (applier.readerMounted) closeReader();
    const again = () => view.setStatus(t('couldNotRead'));
    const view = await D.reader.build({}, { close: closeReader, declutter: again, copy: again, download: again }, { failed: true });
    readerView = { ...view, extraction: null };
    applier.mountReader(view.host);
    view.focus();
    return { reader: true, failed: true, error: text };
  }

  function closeReader() {
    readerView?.stop?.();
    applier.unmountReader();
    readerView = null;
    return { reader: false };
  }

  async function toggleReader() {
    if (applier.readerMounted) return closeReader();
    return openReader();
  }

  // ------------------------------------------------------------- declutter

  function badge() {
    api.runtime.sendMessage({ type: 'badge', count: applier.hiddenCount }).catch?.(() => {});
  }

  function refreshPanel() {
    panelView?.refresh();
    badge();
  }

  function showPanel() {
    if (panelView) {
      panelView.refresh();
      return;
    }
    panelView = D.panel.build({
      toggle: (entry) => {
        if (entry.hidden) applier.unhide(entry);
        else applier.rehide(entry);
        refreshPanel();
      },
      keep: (entry) => keepBlock(entry),
      forget: (entry) => forgetRule(entry),
      pick: () => pickRule(),
      undoAll: () => undoAll(),
      close: () => closePanel(),
      copy: async () => copyText(await extraction(), panelView?.setStatus),
      download: async (format) => download(await extraction(), format, panelView?.setStatus),
    });
    applier.mountOwn(panelView.host);
    panelView.focus();
  }

  // ----------------------------------------------------------- user rules

  /** "Hide something…": the picker, then a rule for what the user picked. */
  function pickRule() {
    if (applier.readerMounted) closeReader();
    panelView?.host.setAttribute('data-picking', '');
    D.picker.start({
      pick: (el) => hideByRule(el).catch((error) => showPanelStatus(t('statusError', [String(error?.message ?? error)]))),
      cancel: () => panelView?.host.removeAttribute('data-picking'),
    });
    return { picking: true };
  }

  function showPanelStatus(text) {
    showPanel();
    panelView.host.removeAttribute('data-picking');
    panelView.setStatus(text);
  }

  async function hideByRule(el) {
    const selector = await D.rules.selectorFor(el);
    if (!selector) return showPanelStatus(t('ruleNoSelector'));
    await D.rules.add('hide', selector);
    await declutter();
    // The core never lets a rule hide the headline, the byline or most of
    // the article: such a rule is not kept.
    if (!applier.entries.some((e) => e.block.rule === selector && e.hidden)) {
      await D.rules.forget(selector);
      return showPanelStatus(t('ruleRefused'));
    }
    return showPanelStatus(t('ruleAdded', [selector]));
  }

  /** "Don't hide this": a keep rule for the block, shown again now. */
  async function keepBlock(entry) {
    const selector = entry.el && (await D.rules.selectorFor(entry.el));
    if (!selector) return showPanelStatus(t('ruleNoSelector'));
    await D.rules.add('keep', selector);
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
    await D.rules.forget(selector);
    if (entry.block.rule) applier.unhide(entry);
    entry.note = 'forgotten';
    refreshPanel();
    return showPanelStatus(t('ruleForgotten', [selector]));
  }

  function closePanel() {
    if (!panelView) return;
    applier.unmountOwn(panelView.host);
    panelView = null;
  }

  async function declutter({ auto = false } = {}) {
    if (applier.readerMounted) closeReader();
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
    return { parts: result.article?.parts, keep: result.keep };
  }

  /** Content the page added after declutter: plan it and hide what is new. */
  async function planLate() {
    const result = await extractNow({ withRules: true });
    const added = applier.hideBlocks(result.clutter ?? [], guardOf(result), { late: true });
    if (added.length) refreshPanel();
  }

  function undoAll() {
    D.picker.stop();
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

  const MIME = { txt: 'text/plain', md: 'text/markdown', html: 'text/html' };

  async function download(result, format, setStatus) {
    const { body, name } = await exportDoc(result, format);
    const url = URL.createObjectURL(new Blob([body], { type: `${MIME[format]};charset=utf-8` }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    applier.withTemporary(link, (a) => a.click());
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setStatus?.(t('statusDownloaded', [name]));
    return { name, bytes: body.length };
  }

  async function copyText(result, setStatus) {
    const { body } = await exportDoc(result, 'txt');
    let ok = false;
    try {
      await navigator.clipboard.writeText(body);
      ok = true;
    } catch {
      // No async clipboard here (no focus, or the page's permissions policy):
      // the copy command on a temporary, removed-after textarea.
      const area = document.createElement('textarea');
      area.value = body;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      ok = applier.withTemporary(area, (a) => {
        a.select();
        return document.execCommand('copy');
      });
    }
    setStatus?.(ok ? t('statusCopied') : t('statusCopyFailed'));
    return { copied: ok, bytes: body.length };
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
          const result = readerView?.extraction ?? (await extraction());
          if (message.format === 'copy') return await copyText(result, readerView?.setStatus);
          if (message.inline) return await exportDoc(result, message.format);
          return await download(result, message.format, readerView?.setStatus);
        }
        case 'state': return state();
        case 'bench': return await bench(message.runs ?? 5, message.order);
        case 'engine-path': {
          if (Array.isArray(message.order)) engine.order = message.order;
          return { path: engine.path, order: engine.order };
        }
        default: return { error: `unknown command ${message?.cmd}` };
      }
    } catch (error) {
      const text = String(error?.message ?? error);
      errors.push(text);
      readerView?.setStatus?.(t('statusError', [text]));
      return { error: text };
    }
  }

  /** Timing of the full extraction (serialise + engine), for scripts/bench-browser.mjs. */
  async function bench(runs, order) {
    const saved = engine.order;
    if (order) engine.order = order;
    try {
      const times = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const html = engine.serialise();
        await engine.extract(html, location.href);
        times.push(performance.now() - start);
        bytes = html.length;
      }
      return { times, bytes, path: engine.path };
    } finally {
      engine.order = saved;
    }
  }

  function state() {
    return {
      reader: applier.readerMounted,
      hidden: applier.hiddenCount,
      entries: applier.entries.map((e) => ({ kind: e.block.kind, reason: e.block.reason, rule: e.block.rule ?? null, found: !!e.el, hidden: e.hidden, refused: e.refused, note: e.note ?? null })),
      picking: !!D.picker?.active,
      panel: !!panelView,
      path: engine.path,
      timing: D.lastTiming ?? null,
      engineTiming: D.engineTiming ?? null,
      errors,
    };
  }

  D.handle = handle;
})();
