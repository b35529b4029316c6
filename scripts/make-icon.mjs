// Draws build/icon.png (1024×1024): the app icon electron-builder turns into .ico / .icns.
// Two opposed arrows (a handoff) on a rounded blue square. Run: node scripts/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const S = 1024;
const px = Buffer.alloc(S * S * 4);
const blue = [11, 92, 173];
const white = [255, 255, 255];

function inRoundedSquare(x, y, r = 180, m = 40) {
  const lo = m,
    hi = S - 1 - m;
  if (x < lo || x > hi || y < lo || y > hi) return false;
  const cx = x < lo + r ? lo + r : x > hi - r ? hi - r : x;
  const cy = y < lo + r ? lo + r : y > hi - r ? hi - r : y;
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
// An arrow: a bar from x0 to x1 at height y, head pointing right (dir 1) or left (dir -1).
function inArrow(x, y, yMid, dir) {
  const half = 34,
    headLen = 150,
    headHalf = 110;
  const tip = dir > 0 ? 830 : 194;
  const tail = dir > 0 ? 194 : 830;
  const base = tip - dir * headLen;
  const along = dir > 0 ? x : S - 1 - x;
  const tipA = dir > 0 ? tip : S - 1 - tip;
  const baseA = dir > 0 ? base : S - 1 - base;
  const tailA = dir > 0 ? tail : S - 1 - tail;
  if (along >= tailA && along <= baseA && Math.abs(y - yMid) <= half) return true;
  if (along > baseA && along <= tipA) {
    const w = headHalf * (1 - (along - baseA) / (tipA - baseA));
    return Math.abs(y - yMid) <= w;
  }
  return false;
}
for (let y = 0; y < S; y++) {
  for (let x = 0; x < S; x++) {
    const i = (y * S + x) * 4;
    if (!inRoundedSquare(x, y)) continue; // transparent outside
    const c = inArrow(x, y, 390, 1) || inArrow(x, y, 634, -1) ? white : blue;
    px[i] = c[0];
    px[i + 1] = c[1];
    px[i + 2] = c[2];
    px[i + 3] = 255;
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(S, 0);
ihdr.writeUInt32BE(S, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(S * (S * 4 + 1));
for (let y = 0; y < S; y++) px.copy(raw, y * (S * 4 + 1) + 1, y * S * 4, (y + 1) * S * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'build', 'icon.png');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`${out} (${png.length} bytes)`);
