// The element picker ("Hide something…"): an outline follows the pointer;
// a click, or Enter, picks the outlined block; ↑ widens to the parent, ↓
// narrows back; Escape cancels. While it runs, the page gets no clicks or
// keys; when it ends, its listeners and its overlay are gone and the page
// is as it was. What the pick becomes (a rule) is main.js's and the core's.
import { t } from '../shared/words.js';
import { applier } from './applier.js';

const CSS = `
  .box { position: fixed; pointer-events: none; outline: 2px solid #3b5bdb; background: rgba(59, 91, 219, 0.15); border-radius: 2px; display: none; }
  .bar { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); max-width: calc(100vw - 32px);
    display: flex; gap: 10px; align-items: center; pointer-events: auto;
    background: #1f2330; color: #f4f5f8; border-radius: 8px; padding: 8px 12px; box-shadow: 0 4px 18px rgba(0,0,0,0.3);
    font: 14px/1.4 system-ui, sans-serif; }
  .what { font-family: ui-monospace, monospace; font-size: 12.5px; color: #b8c2ff; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 40vw; }
  button { font: inherit; border: 1px solid #8891aa; background: transparent; color: inherit; border-radius: 5px; padding: 2px 10px; cursor: pointer; }
`;

let active = null; // {stop}

/** A short description of an element for the bar: tag, id, classes. */
function describe(el) {
  const classes = Array.from(el.classList).slice(0, 3).map((c) => `.${c}`).join('');
  return `${el.localName}${el.id ? `#${el.id}` : ''}${classes}`;
}

function pickable(el) {
  return el && el.nodeType === 1 && el !== document.documentElement && el !== document.body && !el.closest('[data-declutter-own]');
}

/**
 * Start picking. `pick(element)` is called with the chosen element,
 * `cancel()` when the user backs out. Returns nothing; one picker at a time.
 */
function start({ pick, cancel }) {
  active?.stop();
  const host = document.createElement('declutter-picker');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const box = document.createElement('div');
  box.className = 'box';
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.setAttribute('role', 'status');
  bar.setAttribute('aria-live', 'polite');
  const hint = document.createElement('span');
  hint.textContent = t('pickerHint');
  const what = document.createElement('span');
  what.className = 'what';
  const stopButton = document.createElement('button');
  stopButton.type = 'button';
  stopButton.textContent = t('pickerCancel');
  stopButton.dataset.action = 'cancel-pick';
  bar.append(hint, what, stopButton);
  shadow.append(style, box, bar);

  let target = null;
  const narrower = []; // elements ↑ came from, for ↓

  function show(el) {
    target = el;
    const r = el.getBoundingClientRect();
    Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
    what.textContent = describe(el);
  }

  function fromPoint(x, y) {
    const el = document.elementFromPoint(x, y);
    return pickable(el) ? el : null;
  }

  const own = (event) => event.composedPath().includes(host);
  const swallow = (event) => {
    if (own(event)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
  };
  const onMove = (event) => {
    if (own(event)) return;
    const el = fromPoint(event.clientX, event.clientY);
    if (el && el !== target) {
      narrower.length = 0;
      show(el);
    }
  };
  const onClick = (event) => {
    if (own(event)) return;
    swallow(event);
    // A click inside the outlined block picks it as widened with ↑.
    const under = fromPoint(event.clientX, event.clientY);
    const el = target && (!under || target.contains(under)) ? target : under;
    if (el) finish(() => pick(el));
  };
  const onKey = (event) => {
    const moves = {
      Escape: () => finish(cancel),
      Enter: () => target && finish(() => pick(target)),
      ArrowUp: () => {
        const parent = target?.parentElement;
        if (pickable(parent)) {
          narrower.push(target);
          show(parent);
        }
      },
      ArrowDown: () => {
        const child = narrower.pop() ?? Array.from(target?.children ?? []).find(pickable);
        if (child) show(child);
      },
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    move();
  };
  const onViewport = () => target?.isConnected && show(target);
  const listeners = [
    ['mousemove', onMove], ['click', onClick], ['keydown', onKey],
    ['mousedown', swallow], ['mouseup', swallow], ['pointerdown', swallow], ['pointerup', swallow], ['auxclick', swallow],
    ['scroll', onViewport], ['resize', onViewport],
  ];
  for (const [type, fn] of listeners) window.addEventListener(type, fn, true);
  stopButton.addEventListener('click', () => finish(cancel));

  function stop() {
    for (const [type, fn] of listeners) window.removeEventListener(type, fn, true);
    applier.unmountOwn(host);
    active = null;
  }
  function finish(then) {
    stop();
    then?.();
  }

  applier.mountOwn(host);
  active = { stop };
  // Keyboard users start on the block in the middle of the window.
  const middle = fromPoint(innerWidth / 2, innerHeight / 2);
  if (middle) show(middle);
}

export const picker = {
  start,
  stop: () => active?.stop(),
  get active() { return !!active; },
};
