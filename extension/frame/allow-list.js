// Generated from src/sanitise.rs by its test js_allow_list_mirrors_the_sanitiser
// (UPDATE_ALLOW_LIST=1 cargo test --lib allow_list): do not edit by hand.
// The tags and attributes the core's sanitiser may write; URLs by scheme.
export const allowList = {
  tags: ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'mark', 'small', 'cite', 'q', 'abbr', 'time', 'a', 'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'br', 'hr', 'dl', 'dt', 'dd', 'div', 'details', 'summary', 'kbd', 'samp', 'var'],
  global: ['lang', 'dir'],
  attributes: {
    ol: ['start', 'reversed'],
    code: ['class'],
    abbr: ['title'],
    time: ['datetime'],
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
  },
  urls: { href: ['http:', 'https:', 'mailto:'], src: ['http:', 'https:'] },
};
