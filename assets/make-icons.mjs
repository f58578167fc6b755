// Renders assets/icon.svg's design (envelope + green check badge) to PNG at every size the
// manifests use, with a tiny rasteriser (4×4 supersampling) and a minimal PNG encoder over
// node:zlib. Run: node assets/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 20, 24, 32, 40, 48, 64, 80, 128];
const BLUE = [0x0f, 0x6c, 0xbd];
const GREEN = [0x10, 0x7c, 0x10];
const WHITE = [0xff, 0xff, 0xff];

const dist = (px, py, ax, ay, bx, by) => {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};
const inRoundRect = (x, y, rx, ry, w, h, r) => {
  const cx = Math.max(rx + r, Math.min(rx + w - r, x));
  const cy = Math.max(ry + r, Math.min(ry + h - r, y));
  return Math.hypot(x - cx, y - cy) <= r;
};
const onPolyline = (x, y, pts, width) => pts.slice(1).some((p, i) => dist(x, y, ...pts[i], ...p) <= width / 2);

/** The colour of the 64×64 design at (x, y), or undefined for transparent. */
function design(x, y, outline) {
  if (outline) {
    if (onPolyline(x, y, [[6, 14], [58, 14], [58, 50], [6, 50], [6, 14]], 4) || onPolyline(x, y, [[8, 18], [32, 36], [56, 18]], 4)) return WHITE;
    return undefined;
  }
  const badge = Math.hypot(x - 48, y - 46) <= 12;
  if (badge) return onPolyline(x, y, [[42, 46], [46, 50], [54, 42]], 3.5) ? WHITE : GREEN;
  if (inRoundRect(x, y, 6, 14, 52, 36, 4)) return onPolyline(x, y, [[8, 18], [32, 36], [56, 18]], 4) ? WHITE : BLUE;
  return undefined;
}

function render(size, { outline = false } = {}) {
  const rgba = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          const c = design(((px + (sx + 0.5) / S) * 64) / size, ((py + (sy + 0.5) / S) * 64) / size, outline);
          if (c) [r, g, b, a] = [r + c[0], g + c[1], b + c[2], a + 1];
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) rgba.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (S * S))], o);
    }
  }
  return rgba;
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const byte of buf) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}
export function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const dir = new URL('.', import.meta.url);
for (const size of SIZES) writeFileSync(new URL(`icon-${size}.png`, dir), encodePng(size, render(size)));
writeFileSync(new URL('icon-color-192.png', dir), encodePng(192, render(192)));
writeFileSync(new URL('icon-outline-32.png', dir), encodePng(32, render(32, { outline: true })));
