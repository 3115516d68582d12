/** The columns a visit record shows wherever visits are listed (the visits page, the unit file). */
import type { Visit } from '@wuye/contracts';
import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import { RequestLinks } from './RequestLinks';

type T = ReturnType<typeof useI18n>['t'];

export function visitColumns(t: T, options: { timeZone?: string; unit?: boolean } = {}): ColumnsType<Visit> {
  return [
    {
      title: t('visits.visitedAt'),
      width: 150,
      render: (_, r) => formatDateTime(r.visitedAt, options.timeZone),
    },
    ...(options.unit ? [{ title: t('rel.unit'), dataIndex: 'unitLabel', width: 100 }] : []),
    { title: t('visits.met'), width: 90, render: (_, r) => r.metName ?? '—' },
    {
      title: t('visits.way'),
      width: 90,
      render: (_, r) => <Tag color={r.way === 'visit' ? 'blue' : 'default'}>{t(`visits.way.${r.way}`)}</Tag>,
    },
    {
      title: t('visits.topics'),
      width: 170,
      render: (_, r) => r.topics.map((k) => <Tag key={k}>{t(`visits.topic.${k}`)}</Tag>),
    },
    { title: t('visits.opinions'), render: (_, r) => r.opinions ?? '—' },
    {
      title: t('visits.signature'),
      width: 90,
      render: (_, r) =>
        r.signatureUrl ? (
          <a href={r.signatureUrl} target="_blank" rel="noreferrer">
            {t('visits.signed')}
          </a>
        ) : (
          '—'
        ),
    },
    { title: t('rel.requests'), width: 150, render: (_, r) => <RequestLinks items={r.requests} /> },
    { title: t('visits.visitedBy'), dataIndex: 'visitedByName', width: 90 },
  ];
}
