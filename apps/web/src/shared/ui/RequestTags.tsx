import {
  REQUEST_STATE_LABELS,
  REQUEST_TYPE_LABELS,
  type RequestState,
  type RequestType,
} from '@wuye/contracts';
import { Tag } from 'antd';
import { useI18n } from '../../app/i18n/I18nProvider';

export const REQUEST_TYPE_COLORS: Record<RequestType, string> = {
  repair: 'blue',
  complaint: 'red',
  enquiry: 'cyan',
  help: 'orange',
  suggestion: 'purple',
  praise: 'green',
  paid_service: 'gold',
};

export const REQUEST_STATE_COLORS: Record<RequestState, string> = {
  new: 'processing',
  dispatched: 'geekblue',
  accepted: 'cyan',
  on_site: 'purple',
  in_progress: 'blue',
  done: 'lime',
  confirmed: 'green',
  callback_done: 'success',
  closed: 'default',
  on_hold: 'warning',
  cancelled: 'default',
};

export function RequestTypeTag({ type }: { type: RequestType }) {
  const { label } = useI18n();
  return (
    <Tag color={REQUEST_TYPE_COLORS[type]} bordered={false}>
      {label(REQUEST_TYPE_LABELS, type)}
    </Tag>
  );
}

export function RequestStateTag({ state }: { state: RequestState }) {
  const { label } = useI18n();
  return (
    <Tag color={REQUEST_STATE_COLORS[state]} className={state === 'cancelled' ? 'tag-cancelled' : undefined}>
      {label(REQUEST_STATE_LABELS, state)}
    </Tag>
  );
}

/** The flags that make a request stand out in a queue: VIP resident, taken at night, repeat repair, rework. */
export function RequestFlags({
  vip,
  night,
  repeatOf,
  reworkOf,
}: {
  vip?: boolean;
  night?: boolean;
  repeatOf?: string | null;
  reworkOf?: string | null;
}) {
  const { t } = useI18n();
  return (
    <>
      {vip ? (
        <Tag color="gold" bordered={false} className="flag-tag" data-testid="flag-vip">
          {t('tags.vip')}
        </Tag>
      ) : null}
      {night ? (
        <Tag color="#2f3b66" bordered={false} className="flag-tag">
          {t('detail.night')}
        </Tag>
      ) : null}
      {repeatOf ? (
        <Tag color="volcano" bordered={false} className="flag-tag">
          {t('detail.repeatOf')}
        </Tag>
      ) : null}
      {reworkOf ? (
        <Tag color="magenta" bordered={false} className="flag-tag">
          {t('detail.reworkOf')}
        </Tag>
      ) : null}
    </>
  );
}
