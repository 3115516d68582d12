/**
 * Runs one write of the structure or the unit file and deals with what every form must: a 409 (someone
 * else changed the record: say so and reload it), a 400 with fields (onto the form, `floors.to` onto
 * the nested field; fields the form does not have as a message), anything else as the server's message.
 */
import { App, type FormInstance } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';

export type SaveOptions = {
  form?: FormInstance;
  /** Shown on success (nothing when left out). */
  success?: string;
  /** Called on a 409, after the warning: reload what the form shows. */
  onConflict?: () => void;
  /** Server field → form field, where they differ. */
  aliases?: Record<string, string>;
};

export function useSave() {
  const { message } = App.useApp();
  const { t } = useI18n();

  return async function save<T>(call: () => Promise<T>, opts: SaveOptions = {}): Promise<T | null> {
    try {
      const result = await call();
      if (opts.success) message.success(opts.success);
      return result;
    } catch (e) {
      if (isApiError(e) && e.code === 'CONFLICT') {
        message.warning(t('structure.conflict'));
        opts.onConflict?.();
        return null;
      }
      if (isApiError(e) && Object.keys(e.fields).length > 0) {
        const onForm: { name: string[]; errors: string[] }[] = [];
        const elsewhere: string[] = [];
        // Every field the form has (registered fields, with or without a value).
        const values = (opts.form?.getFieldsValue() ?? {}) as Record<string, unknown>;
        for (const [field, text] of Object.entries(e.fields)) {
          const name = (opts.aliases?.[field] ?? field).split('.');
          if (hasPath(values, name)) onForm.push({ name, errors: [text] });
          else elsewhere.push(text);
        }
        if (onForm.length) opts.form!.setFields(onForm as never);
        if (elsewhere.length) message.error(elsewhere.join('；'));
        return null;
      }
      message.error(e instanceof Error && e.message ? e.message : t('common.loadFailed'));
      return null;
    }
  };
}

function hasPath(values: Record<string, unknown>, path: string[]): boolean {
  let node: unknown = values;
  for (const key of path) {
    if (!node || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}
