/**
 * Time-ordered UUIDs (version 7): new rows land at the right edge of the primary-key index, which keeps
 * inserts fast on tables with millions of rows. Generated in the application so PostgreSQL 15 and
 * PGlite behave the same (uuidv7() exists only from PostgreSQL 18).
 */
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

export function newId(nowMs: number = Date.now()): string {
  // Monotonic within one process even when the wall clock stalls.
  if (nowMs <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    nowMs = lastMs;
  } else {
    lastMs = nowMs;
    seq = randomBytes(2).readUInt16BE(0) & 0x7ff;
  }
  const b = randomBytes(16);
  b.writeUIntBE(nowMs, 0, 6);
  b[6] = 0x70 | ((seq >> 8) & 0x0f);
  b[7] = seq & 0xff;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
