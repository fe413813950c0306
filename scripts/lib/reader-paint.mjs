// When the reader was painted after a toolbar click, for the benchmarks
// (scripts/bench-browser.mjs, scripts/bench-paint-ab.mjs): the reader
// frame's own mark (two animation frames after it drew the article), or,
// for builds from before the frames (issue 13), two animation frames after
// the reader view holding the article was in the page.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Before the click: watch the page for an older build's in-page reader view. */
export function watchInPageReader(page) {
  return page.evaluate(() => {
    window.__painted = new Promise((resolve) => {
      const shown = () => !!document.querySelector('declutter-reader')?.shadowRoot?.querySelector('article, .notice');
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now())));
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
    });
  });
}

/** After the click: when the reader was painted (ms since the epoch). */
export async function readerPainted(page) {
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/frame/reader.html#'));
    const at = frame && await frame.evaluate(() => {
      const mark = performance.getEntriesByName('declutter-reader-painted')[0];
      return mark ? performance.timeOrigin + mark.startTime : null;
    }).catch(() => null);
    if (at) return at;
    const legacy = await page.evaluate(() => (window.__painted ? Promise.race([window.__painted, null]) : null));
    if (legacy) return legacy;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
