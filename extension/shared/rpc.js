// Calls over an extension port (runtime.Port), both ways: the content
// script and the extension frames (reader, panel, export) load this same
// file. Extension ports carry messages only between this extension's own
// contexts: page script can neither read nor forge them, unlike
// window.postMessage.
/**
 * `handlers`: {name(...args) -> value | Promise}. Returns
 * {call(name, ...args) -> Promise, closed: Promise}; calls still waiting
 * when the port closes are rejected.
 */
export function rpc(port, handlers) {
  let next = 0;
  const waiting = new Map();
  let closed;
  const whenClosed = new Promise((resolve) => { closed = resolve; });
  port.onMessage.addListener(async (message) => {
    if (message?.reply != null) {
      const wait = waiting.get(message.reply);
      waiting.delete(message.reply);
      if (message.error != null) wait?.reject(new Error(message.error));
      else wait?.resolve(message.value);
      return;
    }
    const { id, call, args } = message ?? {};
    const handler = Object.hasOwn(handlers, call) ? handlers[call] : null;
    try {
      if (!handler) throw new Error(`unknown call ${call}`);
      const value = await handler(...(Array.isArray(args) ? args : []));
      port.postMessage({ reply: id, value: value ?? null });
    } catch (error) {
      try {
        port.postMessage({ reply: id, error: String(error?.message ?? error) });
      } catch {
        // the port closed meanwhile
      }
    }
  });
  port.onDisconnect.addListener(() => {
    for (const wait of waiting.values()) wait.reject(new Error('closed'));
    waiting.clear();
    closed();
  });
  return {
    call(name, ...args) {
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        try {
          port.postMessage({ id, call: name, args });
        } catch (error) {
          waiting.delete(id);
          reject(error);
        }
      });
    },
    closed: whenClosed,
  };
}
