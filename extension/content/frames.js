// The extension's views in the page: the reader, the panel and the export
// helper are extension pages (frame/*.html) shown in an <iframe> inside a
// closed shadow root. The frame is another origin under the extension's
// CSP: page script can cover or remove it, never read it, press its
// controls or change what it shows. Each frame gets its data from here over
// an extension port (shared/rpc.js), never through window.postMessage.
import { api } from '../shared/platform.js';
import { rpc } from '../shared/rpc.js';

// One instance per page: each injection of the content script is a new
// copy of its modules, and the first copy's listener answers the ports.
const SHARED = Symbol.for('declutter.frames');

function makeFrames() {
  const open = new Map(); // token -> view

  /**
   * Build the host for `kind` ('reader' | 'panel' | 'export') whose frame
   * will call `handlers` (not mounted here: the applier mounts it). The
   * frame's URL carries a random token; only a port named with it, opened
   * by this extension, is answered. Returns {host, frame, rpc (null while
   * not connected), connected: Promise<rpc> (the first connection), close()}.
   */
  function create(kind, handlers) {
    // (getRandomValues: randomUUID exists only in secure contexts, and a page may be http:.)
    const token = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
    const page = api.runtime.getURL(`frame/${kind}.html`);
    const host = document.createElement(`declutter-${kind}`);
    const shadow = host.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.setAttribute('allow', 'clipboard-write');
    frame.setAttribute('title', api.i18n.getMessage(kind === 'panel' ? 'panelLabel' : 'readerLabel') || kind);
    for (const [name, value] of Object.entries({ display: 'block', border: '0', width: '100%', height: '100%', 'color-scheme': 'normal' })) {
      frame.style.setProperty(name, value, 'important');
    }
    frame.src = `${page}#${token}`;
    shadow.append(frame);
    let connect;
    const view = {
      kind, host, frame, handlers, port: null, rpc: null,
      connected: new Promise((resolve) => { connect = resolve; }),
      close() {
        open.delete(token);
        view.port?.disconnect();
      },
    };
    view.connect = connect;
    // The page may navigate the frame (a parent can): a second load is not
    // our page any more, so the view goes.
    let loads = 0;
    frame.addEventListener('load', () => {
      if (++loads > 1) {
        view.close();
        view.handlers.gone?.();
      }
    });
    open.set(token, view);
    return view;
  }

  // Only this extension's own contexts can open a port to a content script
  // (the frame itself in Chrome, the background relaying it in Firefox);
  // the token says which frame. A frame whose port closed opens a new one.
  api.runtime.onConnect.addListener((port) => {
    const view = open.get(port.name);
    const url = String(port.sender?.url ?? '');
    if (!view || view.port || port.sender?.id !== api.runtime.id || !url.startsWith(api.runtime.getURL(''))) {
      port.disconnect();
      return;
    }
    view.port = port;
    view.rpc = rpc(port, view.handlers);
    view.rpc.closed.then(() => {
      if (view.port !== port) return;
      view.port = null;
      view.rpc = null;
    });
    view.connect(view.rpc);
  });

  return { create };
}

export const frames = (globalThis[SHARED] ??= makeFrames());
