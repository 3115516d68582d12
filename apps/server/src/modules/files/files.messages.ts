/**
 * The module's messages. Their own keys (`validation.file*`, `notFound.file`) belong in
 * platform/i18n.ts; until they are there, each falls back to the nearest generic message, so the
 * module works (with a less specific Chinese/English text) either way.
 */
import { isMessageKey, type Message, type MessageKey } from '../../platform/i18n.ts';

type Params = NonNullable<Message['params']>;

function pick(key: string, params: Params | undefined, fallback: Message): Message {
  return isMessageKey(key) ? { key, ...(params ? { params } : {}) } : fallback;
}

export const fileMessages = {
  /** No body, or an empty one. */
  required: () => pick('validation.fileRequired', undefined, { key: 'validation.required' }),
  /** A Content-Type we do not accept (text/html, image/svg+xml …). */
  type: (allowed: string) =>
    pick('validation.fileType', undefined, { key: 'validation.enum', params: { values: allowed } }),
  /** The kind accepts fewer types (a signature is a PNG, a photo an image). */
  typeForKind: (kind: Params[string], allowed: string) =>
    pick(
      'validation.fileTypeForKind',
      { kind, types: allowed },
      { key: 'validation.enum', params: { values: allowed } },
    ),
  /** The bytes are not what the Content-Type says. */
  mismatch: (type: string) => pick('validation.fileMismatch', { type }, { key: 'validation.format' }),
  tooLarge: (size: string) =>
    pick('validation.fileTooLarge', { size }, { key: 'validation.tooBig', params: { n: size } }),
  name: () => pick('validation.fileName', undefined, { key: 'validation.format' }),
  /** An id that is unknown, of another company or of another estate. */
  unknown: () => pick('validation.unknownFile', undefined, { key: 'validation.invalid' }),
  kind: (kind: Params[string]) => pick('validation.fileKind', { kind }, { key: 'validation.invalid' }),
  /** Already attached to another request. */
  inUse: () => pick('validation.fileInUse', undefined, { key: 'validation.invalid' }),
  /** Already taken for another record (a unit's documents, an authorisation letter, a visit). */
  usedFor: (use: string) => pick(`validation.fileUsedFor.${use}`, undefined, { key: 'validation.fileInUse' }),
  notFoundKey: (): MessageKey => {
    const key = 'notFound.file';
    return isMessageKey(key) ? key : 'notFound.record';
  },
};
