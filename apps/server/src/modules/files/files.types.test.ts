/** The magic-byte check, names and Content-Disposition. */
import { describe, expect, it } from 'vitest';
import {
  acceptedContentType,
  CONTENT_TYPES,
  contentDisposition,
  contentMatches,
  decodeFileName,
  type FileContentType,
  formatBytes,
} from './files.types.ts';

const bytes = (...b: number[]) => Buffer.from(b);
const latin = (s: string) => Buffer.from(s, 'latin1');

const SAMPLES: Record<FileContentType, Buffer> = {
  'image/jpeg': bytes(0xff, 0xd8, 0xff, 0xdb, 0),
  'image/png': bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0),
  'image/gif': latin('GIF89a....'),
  'image/webp': latin('RIFF\x10\x00\x00\x00WEBPVP8 '),
  'application/pdf': latin('%PDF-1.7\n'),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': latin(
    'PK\x03\x04....[Content_Types].xml....word/document.xml',
  ),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': latin(
    'PK\x03\x04....[Content_Types].xml....xl/workbook.xml',
  ),
  'application/msword': bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0),
  'application/vnd.ms-excel': bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0),
};

describe('content types', () => {
  it('accepts exactly the listed types, ignoring parameters and case', () => {
    expect(acceptedContentType('image/PNG; charset=binary')).toBe('image/png');
    expect(acceptedContentType('text/html')).toBeNull();
    expect(acceptedContentType('image/svg+xml')).toBeNull();
    expect(acceptedContentType('application/zip')).toBeNull();
    expect(acceptedContentType(undefined)).toBeNull();
  });

  it('recognises each type by its magic bytes and nothing else', () => {
    const types = Object.keys(CONTENT_TYPES) as FileContentType[];
    for (const declared of types) {
      for (const [actual, sample] of Object.entries(SAMPLES) as [FileContentType, Buffer][]) {
        const ole = (t: string) => t === 'application/msword' || t === 'application/vnd.ms-excel';
        const expected = actual === declared || (ole(actual) && ole(declared));
        expect({ declared, actual, ok: contentMatches(declared, sample) }).toEqual({
          declared,
          actual,
          ok: expected,
        });
      }
    }
    expect(contentMatches('image/webp', latin('RIFF\x10\x00\x00\x00WAVEfmt '))).toBe(false);
    expect(contentMatches('application/vnd.ms-excel', latin('PK\x03\x04'))).toBe(false);
    // A zip that is not an Office document.
    expect(
      contentMatches(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        latin('PK\x03\x04....word/evil.html'),
      ),
    ).toBe(false);
    expect(contentMatches('image/png', Buffer.alloc(0))).toBe(false);
  });
});

describe('names', () => {
  it('decodes URI-encoded names and strips paths and control characters', () => {
    expect(decodeFileName(encodeURIComponent('维修单 1.pdf'))).toBe('维修单 1.pdf');
    expect(decodeFileName(encodeURIComponent('C:\\tmp\\x.png'))).toBe('x.png');
    expect(decodeFileName(encodeURIComponent('a\u0000b\n"c".png'))).toBe('abc.png');
    expect(decodeFileName(encodeURIComponent('x'.repeat(300)))).toHaveLength(200);
    expect(decodeFileName(undefined)).toBeUndefined();
    expect(decodeFileName(encodeURIComponent('../'))).toBeUndefined();
    expect(decodeFileName('%E4%B8')).toBeNull();
    expect(decodeFileName(['a', 'b'])).toBeNull();
  });

  it('builds an RFC 5987 Content-Disposition', () => {
    expect(contentDisposition(true, '照片.png')).toBe("inline; filename*=UTF-8''%E7%85%A7%E7%89%87.png");
    expect(contentDisposition(false, "it's (1).pdf")).toBe(
      "attachment; filename*=UTF-8''it%27s%20%281%29.pdf",
    );
  });

  it('formats sizes for messages', () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatBytes(1024 * 1024)).toBe('1 MB');
    expect(formatBytes(1536 * 1024)).toBe('1.5 MB');
    expect(formatBytes(1000)).toBe('1 KB');
  });
});
