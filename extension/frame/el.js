// One element builder for the extension's frames and the playground:
// el(tag, {attr: value, text, onclick}, ...children). Only the user's own
// input presses a control (event.isTrusted), so page script cannot.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), (event) => { if (event.isTrusted) value(event); });
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}
