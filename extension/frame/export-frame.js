// The export frame (frame/export.html): an export asked for from the
// context menu while neither the reader nor the panel is shown is saved
// from here, an extension document, then the frame goes.
import { connect } from './link.js';
import { copy, save } from './exports.js';

async function start() {
  const link = await connect({});
  const { format } = await link.call('job');
  let result;
  try {
    const file = await link.call('export', format === 'copy' ? 'txt' : format);
    result = format === 'copy'
      ? { copied: await copy(file.body), bytes: file.body.length }
      : save(file, format);
  } catch (error) {
    result = { error: String(error?.message ?? error) };
  }
  await link.call('done', result);
}

start();
