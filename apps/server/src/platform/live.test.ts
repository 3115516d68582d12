import type { LiveEvent } from '@wuye/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres, openTestDatabase } from '../testing/harness.ts';
import { createLiveBus, createLocalBus, packPayloads } from './live.ts';

const changed = (n: number): LiveEvent => ({
  type: 'request.changed',
  data: { id: `r${n}`, estateId: 'e1', number: `BX2026112200${n}`, state: 'new', version: 1 },
});

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the in-process bus', () => {
  it('hands every event to every listener until it unsubscribes, and survives a failing listener', () => {
    const bus = createLocalBus();
    const a: LiveEvent[] = [];
    const stop = bus.subscribe((e) => a.push(e));
    bus.subscribe(() => {
      throw new Error('a broken stream');
    });
    bus.publish([changed(1), changed(2)]);
    stop();
    bus.publish(changed(3));
    expect(a.map((e) => (e.type === 'request.changed' ? e.data.id : null))).toEqual(['r1', 'r2']);
    expect(bus.listenerCount()).toBe(1);
  });
});

describe('NOTIFY payloads', () => {
  it('packs many events into few payloads, each under the 8000-byte limit, losing none', () => {
    const events = Array.from({ length: 500 }, (_, i) => changed(i));
    const payloads = packPayloads(events);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThan(40);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8000);
    const ids = (list: LiveEvent[]) => list.map((e) => (e.type === 'request.changed' ? e.data.id : null));
    expect(ids(payloads.flatMap((p) => JSON.parse(p)))).toEqual(ids(events));
  });
});

describe.runIf(onPostgres())('on PostgreSQL, LISTEN/NOTIFY', () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of closers.reverse()) await c();
  });

  it('carries events published by one process to the listeners of another, and of itself, in order', async () => {
    const { database, drop } = await openTestDatabase();
    closers.push(drop, () => database.close());
    // Two buses on one database stand for two server processes.
    const one = createLiveBus(database);
    const two = createLiveBus(database);
    closers.push(
      () => one.close(),
      () => two.close(),
    );
    await Promise.all([one.ready(), two.ready()]);
    const heardByTwo: string[] = [];
    const heardByOne: string[] = [];
    const idOf = (e: LiveEvent) => (e.type === 'request.changed' ? e.data.id : e.type);
    two.subscribe((e) => heardByTwo.push(idOf(e)));
    one.subscribe((e) => heardByOne.push(idOf(e)));
    one.publish(Array.from({ length: 300 }, (_, i) => changed(i)));
    await until(() => heardByTwo.length === 300 && heardByOne.length === 300);
    expect(heardByTwo.slice(0, 3)).toEqual(['r0', 'r1', 'r2']);
  });
});
