// A frame's line to the content script of the page it is shown in: a port
// named with the token the content script put in this frame's URL
// (content/frames.js answers only that name). Chrome's frames open it to
// the tab's top frame themselves; Firefox gives an extension frame inside a
// web page no `tabs` API, so there the background relays it (background.js).
// A port closed meanwhile (the background went idle) is opened again.
import { rpc } from '../shared/rpc.js';

const api = globalThis.browser ?? globalThis.chrome;
const name = location.hash.slice(1);

async function openPort() {
  const tab = await api.tabs?.getCurrent?.();
  if (tab?.id != null) return api.tabs.connect(tab.id, { frameId: 0, name });
  return api.runtime.connect({ name });
}

/** `handlers`: the calls the content script may make here. Resolves to {call(name, ...args)}. */
export async function connect(handlers) {
  let current = null;
  const open = async () => {
    const line = rpc(await openPort(), handlers);
    line.closed.then(() => { if (current === line) current = null; });
    current = line;
    return line;
  };
  await open();
  return { call: async (call, ...args) => (current ?? (await open())).call(call, ...args) };
}
