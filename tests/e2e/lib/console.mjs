// Which console errors and exceptions are the extension's. The end-to-end
// suites count only these: a page's own noise (its scripts, its web-app
// manifest, loads the test proxy refused) says nothing about the extension.
//
// An entry (lib/chromium.mjs watchConsole, lib/firefox.mjs watchConsole) is
// { kind, text, url, stack, world }:
//   url    where the browser says it happened: the console call's or the
//          exception's script (Chromium), the sourceName or filename (Firefox);
//   stack  the script URLs of its stack frames, one per line;
//   world  the extension's origin when it was logged in a context of the
//          extension's: Chromium's isolated world of the content script (a
//          function injected with scripting.executeScript({func}) has no
//          script URL, only its world), the service worker; Firefox's
//          background and extension pages; '' otherwise.
// Firefox names code injected with executeScript({func}) "sandbox eval code":
// it counts when its stack reaches the extension's files.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The test for entries of the extension whose pages live at `origin`
 * ('chrome-extension://<id>', 'moz-extension://<uuid>'), not any extension's:
 * a page may name another one's URL (wikipedia-4 links a stylesheet of an
 * extension of the browser it was saved from; Chromium logs its refused load
 * as chrome-extension://invalid/).
 */
export function extensionErrors(origin) {
  const ours = (s) => s === origin || s.startsWith(`${origin}/`);
  return ({ url = '', stack = '', world = '' }) => ours(url) || ours(world) || stack.split('\n').some(ours);
}

export const describeError = (e) => `${e.kind}: ${e.text} (${e.url || e.world || 'no url'})`;

/** Poll `fn` (sync or async) until it returns something truthy; return that. */
export async function until(fn, what, timeout = 10_000) {
  const start = Date.now();
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
