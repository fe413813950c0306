// The views' stylesheet (frame/reader.css, bundled as text at build time)
// in a shadow root: adopted, or as a <style> element where adopting fails.
import readerCss from './reader.css';
import { el } from './el.js';

export function adoptStyles(shadow) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(readerCss);
    shadow.adoptedStyleSheets = [sheet];
    if (shadow.adoptedStyleSheets.length === 1) return;
  } catch {
    // no constructable stylesheets here: a <style> element instead
  }
  shadow.append(el('style', { text: readerCss }));
}
