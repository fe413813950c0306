// A frame's line to the content script of the page it is shown in: a port
// to that tab's top frame, named with the token the content script put in
// this frame's URL (content/frames.js answers only that name).
'use strict';
(() => {
  const D = (globalThis[Symbol.for('declutter')] ??= {});
  if (D.link) return;
  const api = globalThis.browser ?? globalThis.chrome;

  /** `handlers`: the calls the content script may make here. Resolves to {call, closed}. */
  async function connect(handlers) {
    const tab = await api.tabs.getCurrent();
    if (tab?.id == null) throw new Error('not in a tab');
    const port = api.tabs.connect(tab.id, { frameId: 0, name: location.hash.slice(1) });
    return D.rpc(port, handlers);
  }

  D.link = { connect };
})();
