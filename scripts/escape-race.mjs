// How often an Escape pressed as soon as the reader is shown fails to
// close it, in headless Chromium with dist/chrome: the browser moves the
// focus into the reader's frame asynchronously, so the key may land on the
// page instead (content/main.js onPageKey). Run it on a busy machine (for
// example beside `yes > /dev/null` on every core) to widen the window.
//
//   node scripts/escape-race.mjs [RUNS]
import { setTimeout as sleep } from 'node:timers/promises';
import { startProxy, startServer } from '../tests/e2e/lib/server.mjs';
import { launchChromium, waitForView } from '../tests/e2e/lib/chromium.mjs';

const runs = Number(process.argv[2] ?? 20);
const server = await startServer();
const proxy = await startProxy();
const chrome = await launchChromium({ proxyPort: proxy.port });
let missed = 0;
let onPage = 0;
for (let i = 0; i < runs; i++) {
  const page = await chrome.context.newPage();
  await page.goto(`${server.origin}/newsmax/`, { waitUntil: 'load' });
  await page.bringToFront();
  await chrome.clickAction(page);
  const frame = await waitForView(page, 'reader', 20_000);
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-declutter-reader'));
  await frame.waitForFunction(() => document.hasFocus());
  // Where the key lands: the page's document or the frame's.
  await page.evaluate(() => { window.__keys = []; addEventListener('keydown', (e) => window.__keys.push(e.key), true); });
  await Promise.race([page.keyboard.press('Escape'), sleep(1500)]);
  let closed = false;
  for (let t = 0; t < 50 && !closed; t++) {
    closed = await page.evaluate(() => !document.querySelector('declutter-reader'));
    if (!closed) await sleep(100);
  }
  if (await page.evaluate(() => window.__keys.includes('Escape'))) onPage++;
  if (!closed) missed++;
  await page.close();
}
console.log(`Escape pressed at once: ${missed} of ${runs} left the reader open; ${onPage} of ${runs} landed on the page, not the reader's frame`);
await chrome.close();
await server.close();
await proxy.close();
