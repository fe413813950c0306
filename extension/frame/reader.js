// The reader view: builds the view's elements from an Extraction and the
// user's reader settings. It does not touch the page — main.js hands what it
// builds to the applier to mount.
import { el } from './el.js';
import { t } from '../shared/words.js';
import { sanitise } from './sanitise.js';
import { adoptStyles } from './styles.js';
import { SIZES, WIDTHS, THEMES, loadPrefs, savePrefs } from './prefs.js';

/**
 * The article HTML (sanitised by the core) as inert nodes: parsed into a
 * separate, script-less document, so nothing runs and nothing loads until
 * it is shown, and passed through the core's own allow-list once more
 * (frame/sanitise.js) all the same.
 */
function articleNodes(html) {
  const parsed = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html');
  sanitise(parsed.body);
  const fragment = document.createDocumentFragment();
  // Moved, not copied, into this document (adopting skips the deep clone).
  for (const child of Array.from(parsed.body.childNodes)) fragment.append(document.adoptNode(child));
  return fragment;
}

function formatDate(value, lang) {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  try {
    return new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'long' }).format(date);
  } catch {
    return date.toDateString();
  }
}

function applyPrefs(root, prefs) {
  root.dataset.theme = THEMES.includes(prefs.theme) ? prefs.theme : 'auto';
  root.dataset.font = prefs.font === 'sans' ? 'sans' : 'serif';
  root.style.setProperty('--size', `${prefs.size}px`);
  root.style.setProperty('--width', `${prefs.width}em`);
  for (const button of root.querySelectorAll('[data-theme-choice]')) {
    button.setAttribute('aria-pressed', String(button.dataset.themeChoice === root.dataset.theme));
  }
  for (const button of root.querySelectorAll('[data-font-choice]')) {
    button.setAttribute('aria-pressed', String(button.dataset.fontChoice === root.dataset.font));
  }
}

function step(list, value, delta) {
  let i = list.indexOf(value);
  if (i < 0) i = list.findIndex((v) => v >= value);
  if (i < 0) i = list.length - 1;
  return list[Math.max(0, Math.min(list.length - 1, i + delta))];
}

/**
 * Build the reader view. `actions`: {close, declutter, copy, download(fmt),
 * showAnyway}; `failed`: the engine could not read the page (a notice
 * only); `listen`: frame/listen.js's create, for a reader that reads aloud
 * (the extension's; the playground's has none). Returns {host, root, focus(), onKey(event), setStatus(text), stop()}.
 */
export async function build(extraction, actions, { force = false, failed = false, listen: createListen = null } = {}) {
  const prefs = await loadPrefs();
  const meta = extraction.metadata ?? {};
  const article = extraction.article;
  const isArticle = !!article && (extraction.readerable?.is_article || force);

  const host = document.createElement('declutter-reader');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);

  const root = el('div', {
    class: 'root',
    tabindex: '-1',
    role: 'dialog',
    'aria-modal': 'true',
    'aria-label': t('readerLabel'),
  });
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const setPrefs = (change) => {
    Object.assign(prefs, change);
    applyPrefs(root, prefs);
    savePrefs(prefs)?.catch?.(() => {});
  };

  const button = (label, onclick, attrs = {}) => el('button', { type: 'button', onclick, ...attrs }, label);
  const toolbar = el('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('readerToolbar') },
    el('span', { class: 'group' },
      button(t('readerClose'), actions.close, { 'data-action': 'close', title: t('readerCloseHint') })),
    el('span', { class: 'group', role: 'group', 'aria-label': t('readerTheme') },
      ...THEMES.map((theme) => button(t(`theme_${theme}`), () => setPrefs({ theme }), { 'data-theme-choice': theme }))),
    el('span', { class: 'group', role: 'group', 'aria-label': t('readerFont') },
      button(t('fontSerif'), () => setPrefs({ font: 'serif' }), { 'data-font-choice': 'serif' }),
      button(t('fontSans'), () => setPrefs({ font: 'sans' }), { 'data-font-choice': 'sans' }),
      button('A−', () => setPrefs({ size: step(SIZES, prefs.size, -1) }), { 'aria-label': t('fontSmaller'), 'data-action': 'smaller' }),
      button('A+', () => setPrefs({ size: step(SIZES, prefs.size, +1) }), { 'aria-label': t('fontLarger'), 'data-action': 'larger' })),
    el('span', { class: 'group', role: 'group', 'aria-label': t('readerWidth') },
      button('⇤⇥', () => setPrefs({ width: step(WIDTHS, prefs.width, -1) }), { 'aria-label': t('widthNarrower'), 'data-action': 'narrower' }),
      button('⇠⇢', () => setPrefs({ width: step(WIDTHS, prefs.width, +1) }), { 'aria-label': t('widthWider'), 'data-action': 'wider' })),
    el('span', { class: 'group', role: 'group', 'aria-label': t('readerExport') },
      button(t('exportCopy'), actions.copy, { 'data-action': 'copy' }),
      button('.txt', () => actions.download('txt'), { 'aria-label': t('exportTxt'), 'data-action': 'download-txt' }),
      button('.md', () => actions.download('md'), { 'aria-label': t('exportMd'), 'data-action': 'download-md' }),
      button('.html', () => actions.download('html'), { 'aria-label': t('exportHtml'), 'data-action': 'download-html' })),
    el('span', { class: 'group' },
      button(t('readerDeclutter'), actions.declutter, { 'data-action': 'declutter' })));
  root.append(toolbar, status);
  let listen = null;

  if (isArticle) {
    const lang = meta.language || undefined;
    const dir = meta.direction === 'rtl' ? 'rtl' : meta.direction === 'ltr' ? 'ltr' : undefined;
    const minutes = article.reading_time_minutes;
    const facts = [
      meta.byline && el('span', { class: 'byline', text: meta.byline }),
      meta.published_time && el('time', { class: 'date', datetime: meta.published_time, text: formatDate(meta.published_time, lang) }),
      minutes > 0 && el('span', { class: 'reading-time', text: t('readingTime', [String(minutes)]) }),
    ].filter(Boolean);
    for (const fact of facts) fact.classList.add('fact');
    const content = el('div', { class: 'content' });
    content.append(articleNodes(article.html));
    const hasImage = !!content.querySelector('img, picture');
    // The content script keeps a lead image only from a host the page
    // already contacted (content/main.js readerData).
    const lead = meta.lead_image && !hasImage
      ? el('figure', { class: 'lead' }, el('img', { src: meta.lead_image, alt: '', decoding: 'async', loading: 'lazy' }))
      : null;
    const metaLine = el('p', { class: 'meta' });
    facts.forEach((fact, i) => {
      if (i > 0) metaLine.append(' · ');
      metaLine.append(fact);
    });
    const title = el('h1', { class: 'title', text: meta.title || document.title });
    root.append(el('article', { lang, dir },
      el('header', {},
        meta.site_name && el('p', { class: 'site', text: meta.site_name }),
        title,
        facts.length ? metaLine : null),
      lead,
      content));
    // Listen: after Close.
    listen = createListen?.({
      root, title, content, extraction, button, el, setStatus: (text) => { status.textContent = text; },
    }) ?? null;
    if (listen) toolbar.firstElementChild.after(listen.group);
  } else {
    root.append(el('div', { class: 'notice', role: 'alert' },
      el('p', { text: t(failed ? 'couldNotRead' : 'notArticle') }),
      el('div', { class: 'actions' },
        article ? button(t('showAnyway'), actions.showAnyway, { 'data-action': 'show-anyway' }) : null,
        button(t('readerClose'), actions.close, { 'data-action': 'close' }))));
  }

  /** The reader's keys: Escape closes; Listen's (N, ← →). */
  const onKey = (event) => {
    if (!event.isTrusted) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      listen?.stop();
      actions.close();
    } else if (listen?.key(event)) {
      event.preventDefault();
      event.stopPropagation();
    }
  };
  root.addEventListener('keydown', onKey);
  shadow.append(root);
  applyPrefs(root, prefs);
  return {
    host,
    root,
    focus: () => root.focus({ preventScroll: true }),
    /** For keys that reach the document around the view (the reader frame). */
    onKey,
    setStatus: (text) => { status.textContent = text; },
    /** Stop reading aloud (the reader is closing). */
    stop: () => listen?.stop(),
  };
}
