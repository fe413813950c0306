// The reader's second pass over the article HTML, after the core's
// sanitiser (src/sanitise.rs): the same allow-list (frame/allow-list.js,
// generated from sanitise.rs and checked by its tests), so it matters only if
// the core let something through, and then it is the defence. Anything not
// on the list goes: an element with its content, an attribute, a URL whose
// scheme (as the browser's URL parser reads it) is not allowed.
import { allowList } from './allow-list.js';
import { placeholderImages } from '../shared/platform.js';

const HTML = 'http://www.w3.org/1999/xhtml';

/** The scheme the browser would use for `value`, or null when it is no URL. */
function scheme(value, base) {
  try {
    return new URL(value, base).protocol;
  } catch {
    return null;
  }
}

/** Sanitise the tree under `root` (an element of an inert document) in place. */
export function sanitise(root) {
  const { tags, global, attributes } = allowList;
  // The playground (www/platform.js) shows images as data: placeholders of its own.
  const urls = placeholderImages
    ? { ...allowList.urls, src: [...allowList.urls.src, 'data:'] }
    : allowList.urls;
  const base = root.ownerDocument.baseURI;
  for (const node of Array.from(root.querySelectorAll('*'))) {
    if (!root.contains(node)) continue; // inside an element already removed
    if (node.namespaceURI !== HTML || !tags.includes(node.localName)) {
      node.remove();
      continue;
    }
    const allowed = attributes[node.localName] ?? [];
    for (const { name, value } of Array.from(node.attributes)) {
      const ok = (global.includes(name) || allowed.includes(name))
        && (!Object.hasOwn(urls, name) || urls[name].includes(scheme(value, base)));
      if (!ok) node.removeAttribute(name);
    }
    if (node.localName === 'a' && node.hasAttribute('href')) node.setAttribute('rel', 'noopener noreferrer');
  }
  // Comments and processing instructions carry nothing the reader shows.
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_PROCESSING_INSTRUCTION);
  const stray = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) stray.push(node);
  for (const node of stray) node.remove();
  return root;
}
