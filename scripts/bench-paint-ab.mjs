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
// its scripts/build-extension.sh run in a git worktree). When "painted"
// is: scripts/lib/reader-paint.mjs.
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, startProxy, CORPUS_DIR } from '../tests/e2e/lib/server.mjs';
import { launchChromium } from '../tests/e2e/lib/chromium.mjs';
import { median, readerPainted, watchInPageReader } from './lib/reader-paint.mjs';

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

async function clickToPaint(chrome, origin, name) {
  const page = await chrome.context.newPage();
  try {
    await page.goto(`${origin}/corpus/${name}/`, { waitUntil: 'load', timeout: 30_000 });
    await page.bringToFront();
    await watchInPageReader(page);
    const clickedAt = Date.now();
    await chrome.clickAction(page);
    const ms = (await readerPainted(page)) - clickedAt;
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
