// Injected first when the toolbar asks for the reader (background.js
// ensureInjected, after frame/rpc.js and content/frames.js): the reader
// frame starts loading while the rest of the content script is injected.
// Its last value is what the background asks: is the content script there,
// and its user stylesheet?
'use strict';
(() => {
  const D = globalThis[Symbol.for('declutter')];
  D.frames.preload('reader');
  return { ready: typeof D.handle === 'function', own: D.ownCss === true };
})();
