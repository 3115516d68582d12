/** Server field errors (`fields` keyed by dotted paths) shown on an antd form's fields. */
import type { FormInstance } from 'antd';
import { isApiError } from '../../../shared/api/client';

/** Sets the errors the server named on the form; returns the message to show when none matched. */
export function showServerErrors(form: FormInstance, e: unknown, known: readonly string[]): string | null {
  if (!isApiError(e)) return e instanceof Error ? e.message : String(e);
  const entries = Object.entries(e.fields);
  const matched = entries.filter(([path]) => known.includes(path.split('.')[0]!));
  form.setFields(
    matched.map(([path, text]) => ({
      name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: [text],
    })),
  );
  if (matched.length === entries.length && matched.length > 0) return null;
  const rest = entries.filter((x) => !matched.includes(x)).map(([, text]) => text);
  return [e.message, ...rest].filter(Boolean).join('：');
}
