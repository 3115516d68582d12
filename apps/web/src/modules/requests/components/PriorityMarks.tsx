/** 紧急, 已超时 and VIP marks of a request in a list (the reasons it is high in the priority order). */
import { CrownFilled } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';

const BOX = { display: 'inline-flex', flexWrap: 'wrap', gap: 2 } as const;
const TAG = { marginInlineEnd: 0, paddingInline: 4, fontSize: 12, lineHeight: '18px' } as const;

export function PriorityMarks({
  emergency,
  vip,
  overdue = false,
}: {
  emergency: boolean;
  vip: boolean;
  overdue?: boolean;
}) {
  const { t } = useI18n();
  if (!emergency && !vip && !overdue) return null;
  return (
    <span style={BOX}>
      {emergency ? (
        <Tag color="red" style={TAG} data-testid="mark-emergency">
          {t('request.emergency')}
        </Tag>
      ) : null}
      {overdue ? (
        <Tag color="volcano" style={TAG} data-testid="mark-overdue">
          {t('desk.overdue')}
        </Tag>
      ) : null}
      {vip ? (
        <Tooltip title={t('request.vipHint')}>
          <Tag color="gold" icon={<CrownFilled />} style={TAG} data-testid="mark-vip">
            {t('request.vip')}
          </Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}
