/**
 * What may be uploaded: the accepted content types, the kinds of attachment, and the check of a
 * file's real type by its magic bytes (the declared Content-Type is never trusted on its own).
 */

export const FILE_KINDS = ['photo', 'signature', 'document'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const FILE_KIND_LABELS: Record<FileKind, { 'zh-CN': string; en: string }> = {
  photo: { 'zh-CN': '照片', en: 'photo' },
  signature: { 'zh-CN': '签名', en: 'signature' },
  document: { 'zh-CN': '文档', en: 'document' },
};

interface TypeInfo {
  /** Short name for messages and the default file name's extension. */
  ext: string;
  image: boolean;
  /** Shown in the browser (images) or always downloaded (PDF, Office: never rendered from our origin). */
  inline: boolean;
  /** Whether `content` really is this type. */
  matches(content: Buffer): boolean;
}

const startsWith = (content: Buffer, bytes: readonly number[], at = 0) =>
  content.length >= at + bytes.length && bytes.every((b, i) => content[at + i] === b);
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const PDF = ascii('%PDF-');
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** An Office Open XML package (a zip with [Content_Types].xml) whose parts live under `dir`. */
const ooxml = (dir: string) => (c: Buffer) =>
  startsWith(c, ZIP) && c.includes('[Content_Types].xml', 0, 'latin1') && c.includes(dir, 0, 'latin1');
/** An OLE2 compound file (.doc, .xls): the two are told apart by their streams only, so either fits. */
const ole = (c: Buffer) => startsWith(c, OLE);

export const CONTENT_TYPES = {
  'image/jpeg': { ext: 'jpg', image: true, inline: true, matches: (c) => startsWith(c, JPEG) },
  'image/png': { ext: 'png', image: true, inline: true, matches: (c) => startsWith(c, PNG) },
  'image/gif': {
    ext: 'gif',
    image: true,
    inline: true,
    matches: (c) => startsWith(c, GIF87) || startsWith(c, GIF89),
  },
  'image/webp': {
    ext: 'webp',
    image: true,
    inline: true,
    matches: (c) => startsWith(c, RIFF) && startsWith(c, WEBP, 8),
  },
  'application/pdf': { ext: 'pdf', image: false, inline: false, matches: (c) => startsWith(c, PDF) },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    ext: 'docx',
    image: false,
    inline: false,
    matches: ooxml('word/'),
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    ext: 'xlsx',
    image: false,
    inline: false,
    matches: ooxml('xl/'),
  },
  'application/msword': { ext: 'doc', image: false, inline: false, matches: ole },
  'application/vnd.ms-excel': { ext: 'xls', image: false, inline: false, matches: ole },
} satisfies Record<string, TypeInfo>;

export type FileContentType = keyof typeof CONTENT_TYPES;
export const FILE_CONTENT_TYPES = Object.keys(CONTENT_TYPES) as FileContentType[];
export const IMAGE_CONTENT_TYPES = FILE_CONTENT_TYPES.filter((t) => CONTENT_TYPES[t].image);

/** The types each kind accepts: a signature is a canvas export (PNG); a photo is an image. */
export const KIND_CONTENT_TYPES: Record<FileKind, readonly FileContentType[]> = {
  photo: IMAGE_CONTENT_TYPES,
  signature: ['image/png'],
  document: FILE_CONTENT_TYPES,
};

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const SIGNATURE_MAX_BYTES = 1024 * 1024;

export function typeInfo(contentType: FileContentType): TypeInfo {
  return CONTENT_TYPES[contentType];
}

/** `image/PNG; charset=binary` → `image/png` when it is one of ours, else null. */
export function acceptedContentType(header: string | undefined): FileContentType | null {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  return Object.hasOwn(CONTENT_TYPES, type) ? (type as FileContentType) : null;
}

export function contentMatches(contentType: FileContentType, content: Buffer): boolean {
  return CONTENT_TYPES[contentType].matches(content);
}

/** "JPG, PNG, WEBP" for messages. */
export function describeTypes(types: readonly FileContentType[]): string {
  return types.map((t) => CONTENT_TYPES[t].ext.toUpperCase()).join(', ');
}

/** "10 MB", "1 MB", "512 KB" for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.ceil(n / 1024)} KB`;
}

/**
 * The display name from the `X-File-Name` header (URI-encoded so Chinese names survive HTTP
 * headers): path parts, control characters and quotes removed, at most 200 characters.
 * `undefined` when the header is absent; `null` when it is not valid URI encoding.
 */
export function decodeFileName(header: string | string[] | undefined): string | null | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) return null;
  let name: string;
  try {
    name = decodeURIComponent(header);
  } catch {
    return null;
  }
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return [...clean].slice(0, 200).join('') || undefined;
}

/** RFC 6266/5987 `filename*` value: UTF-8, percent-encoded. */
export function contentDisposition(inline: boolean, name: string): string {
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encoded}`;
}
