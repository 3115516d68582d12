/** The request page's actions: only those valid for the state and the user's role, the next step first. */
import { PhoneOutlined } from '@ant-design/icons';
import type { RequestAction } from '@wuye/contracts';
import { App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useCallbackRetries } from '../../settings/settings.api';
import {
  availableActions,
  CALLBACK_RETRIES,
  canCallBack,
  owesCompanyCallback,
  primaryAction,
} from '../lib/actions';
import type { RequestDetail } from '../requests.api';
import { ActionModal } from './ActionModal';
import { CallbackModal } from './CallbackModal';
import { useActionLabel } from './useActionLabel';

const DANGER: readonly RequestAction[] = ['cancel'];

export function ActionBar({ detail }: { detail: RequestDetail }) {
  const user = useCurrentUser();
  const { t } = useI18n();
  const { message } = App.useApp();
  const actionLabel = useActionLabel();
  const [open, setOpen] = useState<RequestAction | 'callback' | null>(null);
  const complaint = (detail as { complaint?: { validity?: string | null; companyCallback?: unknown | null } })
    .complaint;
  const callbackRetries = useCallbackRetries(detail.estateId, CALLBACK_RETRIES);
  const ctx = { ...detail, complaintValidity: complaint?.validity ?? null, callbackRetries };
  const actions = availableActions(ctx, user);
  const primary = primaryAction(ctx, actions);
  const companyCallbackMade = Boolean(complaint?.companyCallback);
  const callback = canCallBack({ ...detail, companyCallbackMade }, user);
  const companyLevel = owesCompanyCallback({ ...detail, companyCallbackMade }, user);

  if (actions.length === 0 && !callback)
    return <Typography.Text type="secondary">{t('action.none')}</Typography.Text>;

  return (
    <>
      <Space wrap size={8} className="action-bar">
        {callback ? (
          <Button
            type={primary === 'close' || !primary ? 'primary' : 'default'}
            icon={<PhoneOutlined />}
            data-testid="action-callback"
            onClick={() => setOpen('callback')}
          >
            {t(companyLevel ? 'callback.companyTitle' : 'callback.title')}
          </Button>
        ) : null}
        {actions.map((a) => (
          <Button
            key={a}
            data-testid={`action-${a}`}
            type={a === primary && !(callback && a === 'close') ? 'primary' : 'default'}
            danger={DANGER.includes(a)}
            onClick={() => setOpen(a)}
          >
            {actionLabel(a)}
          </Button>
        ))}
      </Space>
      {open === 'callback' ? (
        <CallbackModal
          detail={detail}
          onClose={() => setOpen(null)}
          onRework={() => message.warning(t('callback.reworkCreated'))}
        />
      ) : open ? (
        <ActionModal action={open} detail={detail} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}
