import { inflateRawSync } from 'node:zlib';

/**
 * An .xlsx is a zip: before a spreadsheet library opens one, every entry is
 * checked to inflate to no more than it declares and the whole to stay under
 * the limits, so a small upload cannot expand into gigabytes in memory.
 */
export interface ZipLimits {
  /** Sum of the entries' uncompressed sizes. */
  maxBytes: number;
  maxEntries: number;
}

export type ZipCheck = { ok: true; entries: string[]; bytes: number } | { ok: false; reason: string };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function checkZip(buf: Buffer, limits: ZipLimits): ZipCheck {
  if (buf.length < 22) return { ok: false, reason: 'too short for a zip' };
  let eocd = -1;
  // The end record sits in the last 22 bytes plus at most a 64 KB comment.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'no end of central directory' };
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return { ok: false, reason: 'zip64 is not accepted' };
  if (count > limits.maxEntries) return { ok: false, reason: `${count} entries` };
  const entries: string[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return { ok: false, reason: 'broken central directory' };
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    total += size;
    if (total > limits.maxBytes) return { ok: false, reason: `more than ${limits.maxBytes} bytes unpacked` };
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return { ok: false, reason: `broken entry ${name}` };
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) return { ok: false, reason: `truncated entry ${name}` };
    if (method === 8) {
      try {
        // One byte over the declared size is enough to catch a lying entry.
        const out = inflateRawSync(buf.subarray(start, start + compressed), { maxOutputLength: size + 1 });
        if (out.length !== size) return { ok: false, reason: `entry ${name} does not match its size` };
      } catch {
        return { ok: false, reason: `entry ${name} does not inflate within its size` };
      }
    } else if (method !== 0 || compressed !== size) {
      return { ok: false, reason: `entry ${name}: compression method ${method}` };
    }
    entries.push(name);
  }
  return { ok: true, entries, bytes: total };
}
