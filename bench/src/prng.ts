/**
 * Deterministic randomness for the benchmark: the dataset and the request mix are the same on every
 * run for the same seed. mulberry32, plus a string hash so each generator stage gets its own stream
 * (adding a stage never changes what the stages before it produce).
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A stream derived from `seed` and a label, independent of every other label's stream. */
  static derive(seed: number, label: string): Rng {
    return new Rng(hash32(`${seed}:${label}`));
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('pick from an empty list');
    return list[Math.floor(this.next() * list.length)] as T;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** 32 random bits as an unsigned integer. */
  u32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }
}

/** FNV-1a, 32 bits. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A UUID version 7 stamped with `ms`, its random part from `rng`: the same shape as the server's
 * newId() (time-ordered, so bulk-loaded rows land in primary-key order), but reproducible.
 */
export function uuidv7(rng: Rng, ms: number): string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const time = hex(Math.floor(ms), 12);
  const a = rng.u32();
  const b = rng.u32();
  const c = rng.u32();
  const ver = `7${hex(a & 0xfff, 3)}`;
  const variant = hex(0x8000 | ((a >>> 12) & 0x3fff), 4);
  const tail = `${hex(b, 8)}${hex(c & 0xffff, 4)}`;
  return `${time.slice(0, 8)}-${time.slice(8)}-${ver}-${variant}-${tail}`;
}
