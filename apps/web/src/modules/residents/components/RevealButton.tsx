/**
 * A masked personal number with 「查看」 for the roles that may see it: one click asks the server (which
 * records the view) and shows the number in full — a phone as a tap-to-call link — with a toast that
 * the view is recorded. Other roles see the mask only.
 */
import { EyeOutlined, PhoneOutlined } from '@ant-design/icons';
import { formatPhone } from '@wuye/contracts';
import { App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';

export function RevealButton({
  masked,
  reveal,
  allowed,
  phone = true,
  testId,
}: {
  masked: string;
  /** Asks the server for the number (an audited act). */
  reveal: () => Promise<string>;
  allowed: boolean;
  /** A phone (formatted, dialable) rather than an ID number. */
  phone?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (value !== null) {
    const shown = phone ? formatPhone(value) : value;
    return (
      <Space size={6} data-testid={testId ? `${testId}-value` : undefined}>
        <span className="mono reveal-value">{shown}</span>
        {phone ? (
          <a href={`tel:${value}`} aria-label={t('resident.call', { phone: shown })}>
            <PhoneOutlined />
          </a>
        ) : null}
      </Space>
    );
  }
  return (
    <Space size={6}>
      <span className="mono">{masked}</span>
      {allowed ? (
        <Tooltip title={t('resident.revealTitle')}>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={busy}
            data-testid={testId}
            style={{ paddingInline: 2 }}
            onClick={async () => {
              setBusy(true);
              try {
                setValue(await reveal());
                message.info(t('resident.revealed'));
              } catch (e) {
                message.error(isApiError(e) ? e.message : String(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('resident.reveal')}
          </Button>
        </Tooltip>
      ) : null}
    </Space>
  );
}
