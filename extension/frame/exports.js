// Exports, saved from the frame's own document: the Blob, its URL and the
// download link live in an extension page, where no page listener sees the
// click or can swap the link. The file saved is the core's export as it is.
import { t } from '../shared/words.js';
const MIME = { txt: 'text/plain', md: 'text/markdown', html: 'text/html', json: 'application/json' };

/** Save `{body, name}` (an export from the content script) as a file. */
export function save({ body, name }, format) {
  const url = URL.createObjectURL(new Blob([body], { type: `${MIME[format] ?? 'text/plain'};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name, bytes: body.length };
}

/** Put `text` on the clipboard from this frame; true when it got there. */
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No async clipboard (no focus, no user activation): the copy command.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}

/**
 * A frame's "download" and "copy": the content script makes the export
 * (`call`: the frame's line to it), this document saves or copies it;
 * `say` tells the user how it went.
 */
export function exportActions(call, say) {
  return {
    async download(format) {
      const result = save(await call('export', format), format);
      say(t('statusDownloaded', [result.name]));
      return result;
    },
    async copy() {
      const { body } = await call('export', 'txt');
      const copied = await copy(body);
      say(t(copied ? 'statusCopied' : 'statusCopyFailed'));
      return { copied, bytes: body.length };
    },
  };
}
