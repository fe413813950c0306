// Benchmark (not a test): toolbar click → reader painted for two builds of
// the extension, page by page on the Mozilla corpus, each build in its own
// headless Chromium, launched side by side and alternating which goes first
// on each page, so both see the same machine load (a 2-core machine's load
// drifts more between runs than the builds differ). Prints each build's
// median and the median of the per-page differences.
//
//   node scripts/bench-paint-ab.mjs BUILD_A BUILD_B [--pages N] [--rounds N]
//
// BUILD_*: an unpacked Chrome package (dist/chrome, or another commit's:
// its scripts/build-extension.sh run in a git worktree). "Painted" is the
// reader frame's own mark (two animation frames after it drew the article)
// or, for builds from before the frames, two animation frames after the
// reader view holding the article is in the page, as in bench-browser.mjs.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, startProxy, CORPUS_DIR } from '../tests/e2e/lib/server.mjs';
import { launchChromium } from '../tests/e2e/lib/chromium.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const [A, B] = process.argv.slice(2, 4);
if (!A || !B || A.startsWith('--') || B.startsWith('--')) {
  console.error('usage: node scripts/bench-paint-ab.mjs BUILD_A BUILD_B [--pages N] [--rounds N]');
  process.exit(2);
}
const PAGES = Number(arg('pages', 16));
const ROUNDS = Number(arg('rounds', 2));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** When the reader was painted (ms since the epoch). */
async function painted(page) {
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

async function clickToPaint(chrome, origin, name) {
  const page = await chrome.context.newPage();
  try {
    await page.goto(`${origin}/corpus/${name}/`, { waitUntil: 'load', timeout: 30_000 });
    await page.bringToFront();
    await page.evaluate(() => {
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
    const clickedAt = Date.now();
    await chrome.clickAction(page);
    const ms = (await painted(page)) - clickedAt;
    await chrome.clickAction(page);
    return ms;
  } finally {
    await page.close();
  }
}

const pages = readdirSync(CORPUS_DIR).filter((n) => existsSync(join(CORPUS_DIR, n, 'source.html'))).sort().slice(0, PAGES);
const server = await startServer();
const proxy = await startProxy();
const builds = [A, B];
const browsers = [];
const times = [[], []];
try {
  for (const extension of builds) browsers.push(await launchChromium({ proxyPort: proxy.port, extension }));
  // The first click after the browser starts (cold) is not counted.
  for (const chrome of browsers) await clickToPaint(chrome, server.origin, pages[0]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, name] of pages.entries()) {
      for (const k of (i + round) % 2 ? [1, 0] : [0, 1]) times[k].push(await clickToPaint(browsers[k], server.origin, name));
    }
  }
} finally {
  for (const chrome of browsers) await chrome.close();
  await server.close();
  await proxy.close();
}
const [a, b] = times;
const summary = {
  pages: pages.length,
  rounds: ROUNDS,
  medianA: median(a),
  medianB: median(b),
  medianPairedDifference: median(a.map((x, i) => b[i] - x)),
  ratioOfMedians: median(b) / median(a),
};
console.log(`A ${A}\nB ${B}\n${JSON.stringify(summary, null, 2)}`);
