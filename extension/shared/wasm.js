// One instance of the core's wasm, loaded from the extension's package on
// first use; the background and the content script each keep one.
import { fresh } from 'declutter-wasm';
import { api } from './platform.js';

/** What the core exports to JavaScript (src/wasm.rs) that callers may run. */
const OPS = new Set(['extract', 'exportDocument', 'fileName', 'ruleSelectors', 'checkRules']);

export function wasmEngine() {
  let loading = null; // Promise<glue>, initialised
  let timing = null; // how it was loaded: fetch, compile, instantiate (ms)

  async function load() {
    const glue = fresh();
    const t0 = performance.now();
    const bytes = await (await fetch(api.runtime.getURL('wasm/declutter_bg.wasm'))).arrayBuffer();
    const t1 = performance.now();
    // Compiled before instantiating, so that a page's CSP refusing
    // WebAssembly (Chrome content scripts) shows here.
    const module = await WebAssembly.compile(bytes);
    const t2 = performance.now();
    await glue.init({ module_or_path: module });
    timing = { fetch: t1 - t0, compile: t2 - t1, instantiate: performance.now() - t2 };
    return glue;
  }

  // A failed load is forgotten, so the next call tries again; the handler
  // is attached once, where the promise is made, and passes the error on.
  const start = () => {
    loading ??= load().catch((error) => {
      loading = null;
      throw error;
    });
    return loading;
  };

  return {
    /** Start loading now (a command is on its way), so that the first call finds it ready. */
    warm() { start().catch(() => {}); },
    async run(op, args) {
      if (!OPS.has(op)) throw new Error(`unknown engine op ${op}`);
      const glue = await start();
      try {
        return glue[op](...args);
      } catch (error) {
        // A trap (a panic in the core) leaves the instance unusable: the
        // next call starts from a fresh copy.
        if (error?.name === 'RuntimeError') loading = null;
        throw error;
      }
    },
    get timing() { return timing; },
  };
}
