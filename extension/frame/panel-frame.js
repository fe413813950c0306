// The panel frame (frame/panel.html): shows the content script's list of
// hidden blocks (panel.js) and sends the user's choices back to it; exports
// are saved from this document (exports.js). Its height follows its content.
import { connect } from './link.js';
import { exportActions } from './exports.js';
import { build } from './panel.js';
import { t } from '../shared/words.js';

let link = null;
const say = (text) => view.setStatus(text);
const failed = (error) => say(t('statusError', [String(error?.message ?? error)]));
const send = (name, ...args) => link.call(name, ...args).catch(failed);
const { download, copy } = exportActions((...args) => link.call(...args), say);

let dock = 'right';
const view = build({
  toggle: (i) => send('toggle', i),
  keep: (i) => send('keep', i),
  forget: (i) => send('forget', i),
  pick: () => send('pick'),
  undoAll: () => send('undoAll'),
  close: () => send('close'),
  copy: () => copy().catch(failed),
  download: (format) => download(format).catch(failed),
  dock: (side) => {
    dock = side;
    if (link) send('dock', side);
  },
});
// The frame is the panel's size: the panel fills it and tells the page its height.
const root = view.host.shadowRoot.querySelector('.root');
root.style.width = '100%';
root.style.maxHeight = 'none'; // the frame scrolls when the page makes it shorter
document.body.replaceChildren(view.host);

// A frame may not focus its own elements until it has focus itself.
window.addEventListener('focus', () => { if (document.activeElement === document.body) view.focus(); });

async function start() {
  link = await connect({
    refresh: (entries) => view.refresh(entries),
    status: (text) => view.setStatus(text),
    download,
    copy,
  });
  new ResizeObserver(() => send('size', Math.ceil(root.getBoundingClientRect().height))).observe(root);
  send('dock', dock);
  view.refresh(await link.call('entries'));
  document.documentElement.dataset.ready = ''; // (for the tests: the list has come)
  view.focus();
}

start();
