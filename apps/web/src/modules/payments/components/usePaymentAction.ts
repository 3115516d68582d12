/** Records or confirms a payment and handles the answers: fields onto the form, the rest as a message. */
import { useQueryClient } from '@tanstack/react-query';
import type { CollectPaymentBody, ConfirmPaymentBody } from '@wuye/contracts';
import { App, type FormInstance } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { type RequestDetail, storeRequest } from '../../requests/requests.api';
import { postConfirm, postPayment } from '../payments.api';

const FIELD_ALIASES: Record<string, string> = { amountFen: 'amountYuan' };

export function usePaymentAction() {
  const client = useQueryClient();
  const { message } = App.useApp();
  const { t } = useI18n();

  async function perform(
    call: () => Promise<RequestDetail>,
    success: string,
    form?: FormInstance,
  ): Promise<RequestDetail | null> {
    try {
      const detail = await call();
      storeRequest(client, detail);
      message.success(success);
      return detail;
    } catch (e) {
      if (isApiError(e) && form && Object.keys(e.fields).length > 0) {
        const known = new Set(Object.keys(form.getFieldsValue(true) as object));
        const fields = Object.entries(e.fields).map(([name, text]) => ({
          name: FIELD_ALIASES[name] ?? name,
          errors: [text],
        }));
        const onForm = fields.filter((f) => known.has(f.name));
        if (onForm.length) form.setFields(onForm);
        if (onForm.length < fields.length) message.error(fields.map((f) => f.errors[0]).join('；'));
      } else {
        message.error(e instanceof Error && e.message ? e.message : t('common.loadFailed'));
      }
      return null;
    }
  }

  return {
    collect: (requestId: string, body: CollectPaymentBody, form?: FormInstance) =>
      perform(() => postPayment(requestId, body), t('payment.saved'), form),
    confirm: (requestId: string, paymentId: string, body: ConfirmPaymentBody, form?: FormInstance) =>
      perform(() => postConfirm(requestId, paymentId, body), t('payment.confirmed'), form),
  };
}
