// Draw the toolbar/store icons (a page with lines of text) as PNGs into
// extension/icons/. Run once after changing the drawing: node scripts/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
// Coverage-sampled drawing in a 0..1 square: rounded blue tile, white lines.
function inside(u, v) {
  const r = 0.2, m = 0.04;
  const cx = Math.min(Math.max(u, m + r), 1 - m - r), cy = Math.min(Math.max(v, m + r), 1 - m - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return null;
  const lines = [[0.26, 0.74], [0.26, 0.74], [0.26, 0.74], [0.26, 0.58]];
  for (let i = 0; i < lines.length; i++) {
    const top = 0.24 + i * 0.145;
    if (v >= top && v <= top + 0.075 && u >= lines[i][0] && u <= lines[i][1]) return [255, 255, 255];
  }
  return [59, 91, 219];
}
function pixel(x, y, size) {
  const n = 4; let acc = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const c = inside((x - 0.5 + (i + 0.5) / n) / size, (y - 0.5 + (j + 0.5) / n) / size);
    if (c) acc = [acc[0] + c[0], acc[1] + c[1], acc[2] + c[2], acc[3] + 1];
  }
  if (!acc[3]) return [0, 0, 0, 0];
  return [acc[0] / acc[3], acc[1] / acc[3], acc[2] / acc[3], (255 * acc[3]) / (n * n)].map(Math.round);
}
for (const size of [16, 32, 48, 96, 128]) {
  writeFileSync(new URL(`../extension/icons/icon-${size}.png`, import.meta.url), png(size, pixel));
}
console.log('icons written');
