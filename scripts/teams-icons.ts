import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/**
 * npm run teams:icons — draws the Teams app's two icons into appPackage/:
 * color.png (192×192, full colour) and outline.png (32×32, white on
 * transparent), as the manifest schema asks. A 3×3 grid of land parcels, the
 * middle one marked: the model county among its neighbours. The PNGs are
 * committed; run this only to change them.
 */
type Rgba = [number, number, number, number];
const NAVY: Rgba = [0x1f, 0x4e, 0x79, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const GOLD: Rgba = [0xf2, 0xb1, 0x34, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** Whether (x, y) lies inside a rounded square; `hollow` keeps only a ring of that width. */
function inRoundedSquare(x: number, y: number, sq: { x: number; y: number; size: number; r: number }, hollow?: number): boolean {
  const dx = Math.max(sq.x + sq.r - x, 0, x - (sq.x + sq.size - sq.r));
  const dy = Math.max(sq.y + sq.r - y, 0, y - (sq.y + sq.size - sq.r));
  const inside = dx * dx + dy * dy <= sq.r * sq.r && x >= sq.x && x <= sq.x + sq.size && y >= sq.y && y <= sq.y + sq.size;
  if (!inside || hollow === undefined) return inside;
  const inner = { x: sq.x + hollow, y: sq.y + hollow, size: sq.size - 2 * hollow, r: Math.max(0, sq.r - hollow) };
  return !inRoundedSquare(x, y, inner);
}

/** The picture at one point of the unit square [0, 1)². */
function iconAt(u: number, v: number, outline: boolean): Rgba {
  const margin = outline ? 0.03 : 0.2;
  const gap = outline ? 0.08 : 0.05;
  const tile = (1 - 2 * margin - 2 * gap) / 3;
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      const sq = { x: margin + col * (tile + gap), y: margin + row * (tile + gap), size: tile, r: tile * 0.18 };
      const middle = row === 1 && col === 1;
      if (outline) {
        if (inRoundedSquare(u, v, sq, middle ? 0.05 : undefined)) return WHITE;
      } else if (inRoundedSquare(u, v, sq)) return middle ? GOLD : WHITE;
    }
  }
  return outline ? CLEAR : NAVY;
}

/** Renders at 4×4 samples a pixel, so edges are smooth. */
function render(size: number, outline: boolean): Buffer {
  const px = Buffer.alloc(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = iconAt((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size, outline);
          // Premultiplied, so transparent samples do not darken the edge.
          for (let k = 0; k < 3; k++) sum[k]! += (c[k]! * c[3]) / 255;
          sum[3]! += c[3];
        }
      }
      const a = sum[3]! / (n * n);
      const o = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) px[o + k] = a > 0 ? Math.round((sum[k]! / (n * n)) * (255 / a)) : 0;
      px[o + 3] = Math.round(a);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit RGBA PNG. */
export function png(size: number, rgba: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../appPackage/', import.meta.url);
writeFileSync(new URL('color.png', dir), png(192, render(192, false)));
writeFileSync(new URL('outline.png', dir), png(32, render(32, true)));
console.log(`Wrote ${fileURLToPath(new URL('color.png', dir))} (192×192) and outline.png (32×32).`);
