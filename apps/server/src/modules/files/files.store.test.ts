/** The content-addressed store on its own: layout, atomic writes, de-duplication, reads. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from './files.store.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'wuye-store-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const all = () =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)));

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString();
}

describe('FileStore', () => {
  it('stores content under <first 2 hex>/<sha256> and reads it back', async () => {
    const store = new FileStore(root);
    const put = await store.put(Buffer.from('物业'));
    expect(put.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(put).toMatchObject({ size: Buffer.byteLength('物业'), written: true });
    expect(all()).toEqual([path.join(put.sha256.slice(0, 2), put.sha256)]);
    const { stream, size } = await store.read(put.sha256);
    expect(size).toBe(put.size);
    expect(await text(stream)).toBe('物业');
    expect(await store.has(put.sha256)).toBe(true);
  });

  it('writes the same content once, also when written concurrently', async () => {
    const store = new FileStore(root);
    const content = Buffer.from('the same bytes');
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(content)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(all()).toHaveLength(1);
    const again = await store.put(content);
    expect(again.written).toBe(false);
    expect(all()).toHaveLength(1);
  });

  it('repairs a damaged copy (wrong size) by writing it again', async () => {
    const store = new FileStore(root);
    const content = Buffer.from('complete content');
    const { sha256 } = await store.put(content);
    writeFileSync(store.pathOf(sha256), 'trunc');
    expect((await store.put(content)).written).toBe(true);
    expect(readFileSync(store.pathOf(sha256), 'utf8')).toBe('complete content');
  });

  it('refuses names that are not a SHA-256 and reports missing content', async () => {
    const store = new FileStore(root);
    expect(() => store.pathOf('../../etc/passwd')).toThrow();
    await expect(store.read('0'.repeat(64))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await store.has('0'.repeat(64))).toBe(false);
  });
});
