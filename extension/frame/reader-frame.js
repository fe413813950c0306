// The reader frame (frame/reader.html): asks the content script for what
// to show, builds the reader view (reader.js) in this extension page, and
// runs its controls here; close and declutter go back to the content
// script, exports are saved from this document (exports.js).
import { connect } from './link.js';
import { exportActions } from './exports.js';
import { build } from './reader.js';
import { create as listen } from './listen.js';
import { sanitise } from './sanitise.js';
import { t } from '../shared/words.js';

// Test builds only (the build drops `TEST:` statements from the packages it
// ships): the second pass, for tests/e2e/isolation.test.mjs to run over
// hostile markup.
TEST: globalThis[Symbol.for('declutter.test')] = Object.freeze({ sanitise });

let view = null;
let link = null;

const say = (text) => view?.setStatus(text);
const failed = (error) => say(t('statusError', [String(error?.message ?? error)]));
const { download, copy } = exportActions((...args) => link.call(...args), say);

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
  view = await build(data.extraction, actions, { ...options, listen });
  document.body.replaceChildren(view.host);
  mark('built');
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

// Marks on the way to the reader painted (scripts/bench-browser.mjs
// --breakdown reads them): this script running, the data here, the view
// in the document; `declutter-reader-painted` is the last.
const mark = (name) => performance.mark(`declutter-frame-${name}`);

async function start() {
  mark('script');
  link = await connect({
    // The content script's commands (context menu, shortcuts) while the reader is open.
    download,
    copy,
    status: (text) => say(text),
    stop: () => view?.stop(),
  });
  const data = await link.call('data');
  mark('data');
  await show(data, { force: !!data.force, failed: !!data.failed });
}

start();
