// The extension APIs the views call: i18n and storage. The playground
// (www/) builds the same views on a plain page; its build puts
// www/platform.js, with the same exports, in place of this file.
export const api = globalThis.browser ?? globalThis.chrome;

/** The playground shows images as data: placeholders of its own; the extension never does. */
export const placeholderImages = false;
