/**
 * Runs one transition or callback on a request and deals with the answers every caller must handle:
 * 409 (someone else changed it: say so and reload), 400 with fields (onto the form), 422 and 403
 * (the server's message).
 */
import { useQueryClient } from '@tanstack/react-query';
import type { CallbackBody, RequestAction, TransitionBody } from '@wuye/contracts';
import { App, type FormInstance } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import {
  type ActionBody,
  fetchRequest,
  postCallback,
  postTransition,
  type RequestDetail,
  requestKey,
  storeRequest,
} from '../requests.api';
import { useActionLabel } from './useActionLabel';

export type ActionOutcome = { ok: true; detail: RequestDetail } | { ok: false; conflict: boolean };

/** Server field paths → the form's field names, where they differ. */
const FIELD_ALIASES: Record<string, string> = {
  feeFen: 'feeYuan',
  materialsFen: 'materialsYuan',
  labourFen: 'labourYuan',
  'residentConfirmation.signatureFileId': 'method',
  'residentConfirmation.method': 'method',
  resultGiven: 'resultText',
};

export function useRequestAction() {
  const client = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();
  const actionLabel = useActionLabel();

  function fail(id: string, error: unknown, form?: FormInstance): ActionOutcome {
    if (isApiError(error) && error.code === 'CONFLICT') {
      message.warning({ content: t('action.conflict'), key: `conflict-${id}` });
      void client.invalidateQueries({ queryKey: requestKey(id) });
      void client.invalidateQueries({ queryKey: ['requests'] });
      return { ok: false, conflict: true };
    }
    if (isApiError(error) && form && Object.keys(error.fields).length > 0) {
      const known = new Set(Object.keys(form.getFieldsValue(true) as object));
      const fields = Object.entries(error.fields).map(([name, text]) => ({
        name: FIELD_ALIASES[name] ?? name,
        errors: [text],
      }));
      const onForm = fields.filter((f) => known.has(f.name));
      if (onForm.length) form.setFields(onForm);
      if (onForm.length < fields.length) message.error(fields.map((f) => f.errors[0]).join('；'));
      return { ok: false, conflict: false };
    }
    message.error(error instanceof Error && error.message ? error.message : t('common.loadFailed'));
    return { ok: false, conflict: false };
  }

  /** One action on a request at `version` (the version the user saw). */
  async function run(
    id: string,
    version: number,
    body: ActionBody,
    opts: { form?: FormInstance; quiet?: boolean } = {},
  ): Promise<ActionOutcome> {
    try {
      const detail = await postTransition(id, { ...body, version } as TransitionBody);
      storeRequest(client, detail);
      if (!opts.quiet)
        message.success(t('action.done', { action: actionLabel(body.action as RequestAction) }));
      return { ok: true, detail };
    } catch (e) {
      return fail(id, e, opts.form);
    }
  }

  /** The same, reading the current version first (for lists that carry no version). */
  async function runFresh(id: string, body: ActionBody, opts: { form?: FormInstance } = {}) {
    const current = await client.fetchQuery({
      queryKey: requestKey(id),
      queryFn: ({ signal }) => fetchRequest(id, signal),
      staleTime: 0,
    });
    return run(id, current.version, body, opts);
  }

  async function callBack(id: string, body: CallbackBody, form?: FormInstance): Promise<ActionOutcome> {
    try {
      const detail = await postCallback(id, body);
      storeRequest(client, detail);
      message.success(t('callback.saved'));
      return { ok: true, detail };
    } catch (e) {
      return fail(id, e, form);
    }
  }

  /** Any other write that answers with the request (the complaint's class, grade, links). */
  async function apply(
    id: string,
    call: () => Promise<RequestDetail>,
    opts: { form?: FormInstance; success: string },
  ): Promise<ActionOutcome> {
    try {
      const detail = await call();
      storeRequest(client, detail);
      message.success(opts.success);
      return { ok: true, detail };
    } catch (e) {
      return fail(id, e, opts.form);
    }
  }

  return { run, runFresh, callBack, apply };
}
