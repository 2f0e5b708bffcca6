// Draws the Teams app icons (no dependency but Node's zlib) and writes them as RGBA PNGs:
//   color.png   192×192, full-colour: white speech bubble on the accent colour, transparent outside the rounded square
//   outline.png  32×32, white speech bubble on a transparent background (as Teams requires for the outline icon)
// Usage: node make-icons.mjs   (the PNGs are committed; run again only to change the drawing)
import { deflateSync } from "node:zlib";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
const png = (size, pixel) => {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5, size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
};

// Signed distance to a rounded rectangle centred at (cx, cy) with half sizes (hw, hh) and corner radius r.
const roundedRect = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r, qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
// Signed distance (exact inside, approximate outside; negative inside) to the triangle tail of the bubble.
const tail = (x, y, s) => {
  const p = [[0.30 * s, 0.60 * s], [0.26 * s, 0.82 * s], [0.48 * s, 0.60 * s]];
  const orientation = Math.sign((p[1][0] - p[0][0]) * (p[2][1] - p[0][1]) - (p[1][1] - p[0][1]) * (p[2][0] - p[0][0]));
  const side = (a, b) => orientation * ((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0])) / Math.hypot(b[0] - a[0], b[1] - a[1]);
  return -Math.min(side(p[0], p[1]), side(p[1], p[2]), side(p[2], p[0]));
};
const bubble = (x, y, s) => Math.min(roundedRect(x, y, 0.5 * s, 0.42 * s, 0.30 * s, 0.21 * s, 0.08 * s), tail(x, y, s));
// Three dots inside the bubble (cut out: they show the background).
const dots = (x, y, s) => Math.min(...[0.36, 0.5, 0.64].map((cx) => Math.hypot(x - cx * s, y - 0.42 * s) - 0.045 * s));
const coverage = (distance) => Math.min(1, Math.max(0, 0.5 - distance)); // one-pixel anti-aliasing

const accent = [0x1f, 0x6f, 0x8b];
const color = png(192, (x, y, s) => {
  const square = coverage(roundedRect(x, y, s / 2, s / 2, s / 2, s / 2, 0.18 * s));
  const white = coverage(bubble(x, y, s)) * (1 - coverage(dots(x, y, s)));
  const mix = (c) => Math.round(c * (1 - white) + 255 * white);
  return [mix(accent[0]), mix(accent[1]), mix(accent[2]), Math.round(255 * square)];
});
const outline = png(32, (x, y, s) => {
  const alpha = coverage(bubble(x, y, s)) * (1 - coverage(dots(x, y, s)));
  return [255, 255, 255, Math.round(255 * alpha)];
});
writeFileSync(join(here, "color.png"), color);
writeFileSync(join(here, "outline.png"), outline);
console.log("wrote color.png (192×192) and outline.png (32×32)");
