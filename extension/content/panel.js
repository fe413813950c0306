// The declutter panel: what was hidden (kind, reason), an unhide/hide toggle
// per block, undo all, and the export shortcuts. Built here, mounted by the
// applier.
'use strict';
(() => {
  const D = (globalThis.__declutter ??= {});
  if (D.panel) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value == null || value === false) continue;
      if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function kindLabel(kind) {
    return api.i18n.getMessage(`kind_${kind}`) || kind.replace(/_/g, ' ');
  }

  /**
   * Build the panel for the applier's entries. `actions`: {toggle(entry),
   * undoAll(), close(), copy(), download(fmt)}. Returns {host, refresh()}.
   */
  function build(actions) {
    const host = document.createElement('declutter-panel');
    const shadow = host.attachShadow({ mode: 'open' });
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(D.readerCss ?? '');
      shadow.adoptedStyleSheets = [sheet];
      if (shadow.adoptedStyleSheets.length !== 1) throw new Error('not adopted');
    } catch {
      shadow.append(el('style', { text: D.readerCss ?? '' }));
    }
    const root = el('div', { class: 'root panel', role: 'region', 'aria-label': t('panelLabel'), 'data-theme': 'auto' });
    root.style.minHeight = '0';
    const heading = el('h2');
    const list = el('ul');
    const button = (label, onclick, attrs = {}) => el('button', { type: 'button', onclick, ...attrs }, label);
    root.append(heading, list, el('div', { class: 'actions' },
      button(t('panelUndoAll'), actions.undoAll, { 'data-action': 'undo-all' }),
      button(t('exportCopy'), actions.copy, { 'data-action': 'copy' }),
      button('.md', () => actions.download('md'), { 'aria-label': t('exportMd'), 'data-action': 'download-md' }),
      button('.txt', () => actions.download('txt'), { 'aria-label': t('exportTxt'), 'data-action': 'download-txt' }),
      button(t('panelClose'), actions.close, { 'data-action': 'close' })));
    root.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') actions.close();
    });
    shadow.append(root);

    function refresh() {
      const entries = D.applier.entries;
      const hidden = entries.filter((e) => e.hidden).length;
      heading.textContent = entries.length
        ? t('panelHidden', [String(hidden)])
        : t('panelNothing');
      list.replaceChildren(...entries.map((entry, i) => {
        const { kind, reason, preview } = entry.block;
        const state = entry.hidden ? 'hidden' : entry.el ? 'shown' : entry.refused ? 'refused' : 'missing';
        return el('li', { 'data-state': state, 'data-kind': kind, 'data-index': i },
          el('span', { class: 'what' },
            el('span', { class: 'kind', text: kindLabel(kind) }),
            el('span', { class: 'reason', text: reason }),
            preview ? el('span', { class: 'preview', text: `“${preview}”` }) : null),
          entry.el
            ? button(entry.hidden ? t('panelUnhide') : t('panelHide'), () => actions.toggle(entry), { 'data-action': 'toggle' })
            : el('span', { class: 'reason', text: t(entry.refused ? 'panelRefused' : 'panelNotFound') }));
      }));
    }
    refresh();
    return { host, refresh, focus: () => root.querySelector('button')?.focus() };
  }

  D.panel = { build };
})();
