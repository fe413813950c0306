// Functions that run in the page (main world) or in the extension's frames
// to read what the user sees. Plain functions, so both drivers can send
// them: Playwright's evaluate(fn, arg) and WebDriver's execute/sync (see
// firefox.mjs).

/**
 * In the reader frame (driver.inFrame('reader', readerInfo)): the reader
 * view's content, or null when it is not shown. `pageHidden` is the page's
 * (below); here it is false.
 */
export function readerInfo() {
  const host = document.querySelector('declutter-reader');
  const root = host?.shadowRoot;
  if (!root) return null;
  const article = root.querySelector('article');
  const view = root.querySelector('.root');
  const collapse = (s) => s.replace(/\s+/g, ' ').trim();
  return {
    title: root.querySelector('h1.title')?.textContent ?? null,
    text: article ? collapse(article.textContent) : '',
    // The article's body, without the header (site, title, byline, date).
    content: collapse(root.querySelector('.content')?.textContent ?? ''),
    paragraphs: Array.from(root.querySelectorAll('.content p')).map((p) => collapse(p.textContent)),
    headings: Array.from(root.querySelectorAll('.content h1, .content h2, .content h3, .content h4')).map((h) => collapse(h.textContent)),
    meta: root.querySelector('.meta')?.textContent ?? '',
    site: root.querySelector('.site')?.textContent ?? '',
    leadImage: root.querySelector('.lead img')?.getAttribute('src') ?? null,
    notice: root.querySelector('.notice')?.textContent ?? null,
    showAnyway: !!root.querySelector('[data-action="show-anyway"]'),
    dir: article?.getAttribute('dir') ?? null,
    computedDirection: article ? getComputedStyle(article).direction : null,
    theme: view?.dataset.theme ?? null,
    background: view ? getComputedStyle(view).backgroundColor : null,
    focusedInReader: document.hasFocus() && document.activeElement === host,
    pageHidden: false,
    scripts: root.querySelectorAll('script').length,
  };
}

/**
 * For each string: every deepest element of the live page (outside the
 * extension's own elements) whose text contains it, and whether the user can
 * see it (computed style and bounding box).
 */
export function visibilityOf(query) {
  const strings = Array.isArray(query) ? query : query.strings;
  const selector = Array.isArray(query) ? '*' : query.selector;
  const collapse = (s) => s.replace(/\s+/g, ' ').trim();
  const visible = (el) => {
    if (!el.isConnected) return false;
    if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
    }
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };
  const all = Array.from(document.body.querySelectorAll(selector)).filter((e) => !e.closest('[data-declutter-own]') && !['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(e.tagName));
  return strings.map((text) => {
    const holders = all.filter((e) => collapse(e.textContent).includes(text));
    const deepest = holders.filter((e) => !holders.some((o) => o !== e && e.contains(o)));
    return { text, count: deepest.length, visible: deepest.map(visible) };
  });
}

export function outerHTML() {
  return document.documentElement.outerHTML;
}

/** In the page: the reader's frame is shown and the page under it is hidden. */
export function pageHidden() {
  return getComputedStyle(document.body).display === 'none' && !!document.querySelector('declutter-reader');
}

/** In the panel frame (driver.inFrame('panel', panelInfo)): the declutter panel's rows, or null when it is not shown. */
export function panelInfo() {
  const root = document.querySelector('declutter-panel')?.shadowRoot;
  if (!root || !document.documentElement.hasAttribute('data-ready')) return null;
  return {
    heading: root.querySelector('h2')?.textContent ?? '',
    status: root.querySelector('.status')?.textContent ?? '',
    rows: Array.from(root.querySelectorAll('li')).map((li) => ({
      kind: li.dataset.kind,
      state: li.dataset.state,
      reason: li.querySelector('.reason')?.textContent ?? '',
      articleWords: li.querySelector('[data-note="article-words"]')?.textContent ?? '',
    })),
  };
}

export function hiddenCount() {
  return document.querySelectorAll('[data-declutter-hidden]').length;
}
