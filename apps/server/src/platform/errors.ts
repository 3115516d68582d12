/**
 * Application errors carry a stable code (spec 09) and a message key; they map to HTTP in one place
 * (http.ts). Use cases throw these; they never touch HTTP types.
 */
import { ERROR_HTTP_STATUS, type ErrorCode } from '@wuye/contracts';
import type { Message, MessageKey } from './i18n.ts';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly msg: Message;
  readonly fields?: Record<string, Message>;
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    msg: Message | MessageKey,
    options: { fields?: Record<string, Message>; headers?: Record<string, string> } = {},
  ) {
    const m = typeof msg === 'string' ? { key: msg } : msg;
    super(`${code}: ${m.key}`);
    this.code = code;
    this.msg = m;
    this.fields = options.fields;
    this.headers = options.headers;
  }

  get status(): number {
    return ERROR_HTTP_STATUS[this.code];
  }
}

export const notFound = (key: MessageKey = 'notFound.record') => new AppError('NOT_FOUND', key);
export const forbidden = () => new AppError('FORBIDDEN', 'auth.forbidden');
export const unauthenticated = () => new AppError('UNAUTHENTICATED', 'auth.required');

/** A 400 naming one field, e.g. a unit of another estate in a request body. */
export function fieldError(field: string, msg: Message | MessageKey): AppError {
  const m = typeof msg === 'string' ? { key: msg } : msg;
  return new AppError('VALIDATION', 'validation.failed', { fields: { [field]: m } });
}
