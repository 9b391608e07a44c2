// Writes Warmline's icons into resources/ as PNGs, from code: no image tools, no downloads.
// `node scripts/make-icons.mjs` (or `npm run icons`); the output is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGBA PNG of `size`×`size`; `paint(x, y)` returns [r, g, b, a] for the pixel's centre. */
export function png(size, paint) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = paint(x + 0.5, y + 0.5);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Coverage of a shape with 4×4 supersampling, for smooth edges at 16 px. */
function coverage(x, y, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x - 0.5 + (i + 0.5) / 4, y - 0.5 + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

const hex = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

/** Tray icons: a status dot with a white ring, readable on light and dark panels. */
export const TRAY_COLOURS = {
  available: '#2e9e5b',
  busy: '#d64545',
  'wrap-up': '#3b73c8',
  break: '#e0a100',
  offline: '#8a8f98',
};

function trayIcon(size, colour) {
  const c = size / 2;
  const [r, g, b] = hex(colour);
  return png(size, (x, y) => {
    const d = Math.hypot(x - c, y - c);
    const dot = coverage(x, y, (px, py) => Math.hypot(px - c, py - c) <= size * 0.34);
    const ring = coverage(x, y, (px, py) => Math.hypot(px - c, py - c) <= size * 0.46);
    if (d > size * 0.5) return [0, 0, 0, 0];
    const a = Math.round(255 * ring);
    const mix = (v) => Math.round(v * dot + 255 * (1 - dot));
    return [mix(r), mix(g), mix(b), a];
  });
}

/** The app icon: a warm rounded square with a white handset-like arc and dot. */
function appIcon(size) {
  const [r, g, b] = hex('#e8743b');
  const radius = size * 0.22;
  const inSquare = (px, py) => {
    const qx = Math.max(Math.abs(px - size / 2) - (size / 2 - radius), 0);
    const qy = Math.max(Math.abs(py - size / 2) - (size / 2 - radius), 0);
    return Math.hypot(qx, qy) <= radius;
  };
  const c = size / 2;
  const inMark = (px, py) => {
    const d = Math.hypot(px - c, py - c);
    const arc = d >= size * 0.24 && d <= size * 0.33 && py >= c - size * 0.05;
    return arc || Math.hypot(px - c, py - c + size * 0.06) <= size * 0.1;
  };
  return png(size, (x, y) => {
    const square = coverage(x, y, inSquare);
    const mark = coverage(x, y, inMark);
    const mix = (v) => Math.round(v * (1 - mark) + 255 * mark);
    return [mix(r), mix(g), mix(b), Math.round(255 * square)];
  });
}

function write(name, bytes) {
  const file = join(out, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [state, colour] of Object.entries(TRAY_COLOURS)) {
    write(`tray/${state}.png`, trayIcon(16, colour));
    write(`tray/${state}@2x.png`, trayIcon(32, colour));
  }
  write('icon.png', appIcon(512));
  console.log(`icons written to ${out}`);
}
