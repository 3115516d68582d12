/**
 * Content-addressed storage of attachment bytes: `<root>/<first 2 hex>/<sha256>`. A write goes to a
 * temporary file in the same directory, is flushed to disk and renamed into place (atomic: a reader
 * never sees half a file, and two processes writing the same content both end with the one file).
 * Content that is already there is not written again. The root is injected (`<DATA_DIR>/files` in
 * production, a temporary directory in tests).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

const SHA256 = /^[0-9a-f]{64}$/;

export interface StoredContent {
  sha256: string;
  size: number;
  /** False when the same content was already stored. */
  written: boolean;
}

export class FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  static sha256(content: Buffer): string {
    return createHash('sha256').update(content).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(content: Buffer): Promise<StoredContent> {
    const sha256 = FileStore.sha256(content);
    const target = this.pathOf(sha256);
    const size = content.length;
    const existing = await stat(target).catch(() => null);
    // Same name means same content; a size mismatch can only be damage, which a rewrite repairs.
    if (existing?.isFile() && existing.size === size) return { sha256, size, written: false };

    await mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(path.dirname(target), `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
    return { sha256, size, written: true };
  }

  async has(sha256: string): Promise<boolean> {
    const s = await stat(this.pathOf(sha256)).catch(() => null);
    return s?.isFile() ?? false;
  }

  /** A stream of the content; rejects (ENOENT) when it is missing, before anything is sent. */
  async read(sha256: string): Promise<{ stream: ReadStream; size: number }> {
    const handle = await open(this.pathOf(sha256), 'r');
    try {
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), size };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }
}
