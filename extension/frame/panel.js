// The declutter panel: what was hidden (kind, reason), an unhide/hide toggle
// per block, undo all, and the export shortcuts. Built in the panel frame
// (frame/panel-frame.js) from the content script's list of blocks.
import { el } from './el.js';
import { t, kindLabel } from '../shared/words.js';
import { adoptStyles } from './styles.js';
import { api } from '../shared/platform.js';

/**
 * Build the panel. `actions`: {toggle(i), keep(i), forget(i), pick(),
 * undoAll(), close(), copy(), download(fmt), dock(side)}, `i` an entry's
 * index. Returns {host, refresh(entries), setStatus(text), focus()};
 * entries: {kind, reason, preview, found, hidden, refused, note, rule,
 * articleWords}.
 * Docked bottom right or bottom left, open or collapsed to its heading:
 * the user's choice, remembered in storage.local.
 */
export function build(actions) {
  const host = document.createElement('declutter-panel');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  const root = el('div', { class: 'root panel', role: 'region', 'aria-label': t('panelLabel'), 'data-theme': 'auto' });
  root.style.minHeight = '0';
  const heading = el('h2');
  const list = el('ul');
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const button = (label, onclick, attrs = {}) => el('button', { type: 'button', onclick, ...attrs }, label);
  const prefs = { dock: 'right', collapsed: false };
  const collapse = button('', () => setPrefs({ collapsed: !prefs.collapsed }), { 'data-action': 'collapse', class: 'small' });
  const dock = button('', () => setPrefs({ dock: prefs.dock === 'right' ? 'left' : 'right' }), { 'data-action': 'dock', class: 'small' });
  const body = el('div', { class: 'body' }, list, status, el('div', { class: 'actions' },
    button(t('panelPick'), actions.pick, { 'data-action': 'pick' }),
    button(t('panelUndoAll'), actions.undoAll, { 'data-action': 'undo-all' }),
    button(t('exportCopy'), actions.copy, { 'data-action': 'copy' }),
    button('.md', () => actions.download('md'), { 'aria-label': t('exportMd'), 'data-action': 'download-md' }),
    button('.txt', () => actions.download('txt'), { 'aria-label': t('exportTxt'), 'data-action': 'download-txt' }),
    button('.html', () => actions.download('html'), { 'aria-label': t('exportHtml'), 'data-action': 'download-html' }),
    button(t('panelClose'), actions.close, { 'data-action': 'close' })));
  root.append(el('div', { class: 'head' }, heading, dock, collapse), body);
  root.addEventListener('keydown', (event) => {
    if (event.isTrusted && event.key === 'Escape') actions.close();
  });
  shadow.append(root);

  function applyPrefs() {
    actions.dock(prefs.dock);
    body.hidden = prefs.collapsed;
    collapse.textContent = prefs.collapsed ? t('panelExpand') : t('panelCollapse');
    collapse.setAttribute('aria-expanded', String(!prefs.collapsed));
    dock.textContent = prefs.dock === 'right' ? t('panelDockLeft') : t('panelDockRight');
  }
  function setPrefs(change) {
    Object.assign(prefs, change);
    applyPrefs();
    api.storage.local.set({ panel: { ...prefs } }).catch?.(() => {});
  }
  applyPrefs();
  api.storage.local.get('panel').then((stored) => {
    const saved = stored?.panel;
    if (saved?.dock === 'left' || saved?.dock === 'right') prefs.dock = saved.dock;
    if (typeof saved?.collapsed === 'boolean') prefs.collapsed = saved.collapsed;
    applyPrefs();
  }, () => {});

  function row(entry, i) {
    const { kind, reason, preview } = entry;
    const state = entry.hidden ? 'hidden' : entry.found ? 'shown' : entry.refused ? 'refused' : 'missing';
    const note = entry.note === 'kept' ? t('panelKeptNote') : entry.note === 'forgotten' ? t('panelForgottenNote') : null;
    const controls = el('span', { class: 'controls' });
    if (!entry.found) {
      controls.append(el('span', { class: 'reason', text: t(entry.refused ? 'panelRefused' : 'panelNotFound') }));
    } else if (entry.note !== 'forgotten') {
      if (entry.note !== 'kept') {
        controls.append(button(entry.hidden ? t('panelUnhide') : t('panelHide'), () => actions.toggle(i), { 'data-action': 'toggle' }));
      }
      if (entry.rule || entry.note === 'kept') {
        controls.append(button(t('panelForget'), () => actions.forget(i), { 'data-action': 'forget' }));
      } else {
        controls.append(button(t('panelKeep'), () => actions.keep(i), { 'data-action': 'keep', 'aria-label': t('panelKeepLabel') }));
      }
    }
    return el('li', { 'data-state': state, 'data-kind': kind, 'data-index': i, 'data-note': entry.note },
      el('span', { class: 'what' },
        el('span', { class: 'kind', text: kindLabel(kind) }),
        el('span', { class: 'reason', text: reason }),
        note ? el('span', { class: 'reason note', text: note }) : null,
        entry.articleWords > 0 ? el('span', { class: 'reason note', 'data-note': 'article-words', text: t('panelArticleWords', [String(entry.articleWords)]) }) : null,
        preview ? el('span', { class: 'preview', text: `“${preview}”` }) : null),
      controls);
  }

  function refresh(entries) {
    const hidden = entries.filter((e) => e.hidden).length;
    heading.textContent = entries.length
      ? t('panelHidden', [String(hidden)])
      : t('panelNothing');
    list.replaceChildren(...entries.map(row));
  }
  refresh([]);
  return {
    host,
    refresh,
    setStatus: (text) => { status.textContent = text; },
    focus: () => root.querySelector('.body button, button')?.focus(),
  };
}
