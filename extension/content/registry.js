// The one name the content script answers to in the page's tab: the
// background reaches the running instance through it (each injection of a
// bundle is a new copy of its modules; only the first one registers). It
// lives in the content script's isolated world, where page script cannot
// see it, under a symbol, which no element id can shadow.
export const registry = (globalThis[Symbol.for('declutter')] ??= {});
