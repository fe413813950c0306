// The reader frame (frame/reader.html): asks the content script for what
// to show, builds the reader view (reader.js) in this extension page, and
// runs its controls here; close and declutter go back to the content
// script, exports are saved from this document (exports.js).
'use strict';
(async () => {
  const D = globalThis[Symbol.for('declutter')];
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  let view = null;
  let link = null;

  const say = (text) => view?.setStatus(text);
  const failed = (error) => say(t('statusError', [String(error?.message ?? error)]));

  async function download(format) {
    const result = D.exports.save(await link.call('export', format), format);
    say(t('statusDownloaded', [result.name]));
    return result;
  }

  async function copy() {
    const { body } = await link.call('export', 'txt');
    const copied = await D.exports.copy(body);
    say(t(copied ? 'statusCopied' : 'statusCopyFailed'));
    return { copied, bytes: body.length };
  }

  async function show(data, options) {
    view?.stop();
    const unreadable = () => say(t('couldNotRead'));
    // (Closing removes this frame: the call's reply may never come.)
    const close = () => link.call('close').catch(() => {});
    const actions = options.failed
      ? { close, declutter: unreadable, copy: unreadable, download: unreadable }
      : {
        close,
        declutter: () => link.call('declutter').catch(() => {}),
        copy: () => copy().catch(failed),
        download: (format) => download(format).catch(failed),
        showAnyway: () => show(data, { ...options, force: true }),
      };
    view = await D.reader.build(data.extraction, actions, options);
    document.body.replaceChildren(view.host);
    view.focus();
    // Drawn at the next frame: the content script hides the page under it;
    // a frame later it is on screen (the mark: scripts/bench-browser.mjs).
    requestAnimationFrame(() => {
      link.call('painted').catch(() => {});
      requestAnimationFrame(() => performance.mark('declutter-reader-painted'));
    });
  }

  // Focus: a frame may not focus its own elements until it has focus
  // itself (the content script gives it); keys that land on the document
  // all the same are the reader's.
  window.addEventListener('focus', () => { if (view && document.activeElement === document.body) view.focus(); });
  document.addEventListener('keydown', (event) => {
    if (view && !view.host.contains(event.target)) view.onKey(event);
  });

  link = await D.link.connect({
    // The content script's commands (context menu, shortcuts) while the reader is open.
    download,
    copy,
    status: (text) => say(text),
    stop: () => view?.stop(),
  });
  const data = await link.call('data');
  await show(data, { force: !!data.force, failed: !!data.failed });
})();
