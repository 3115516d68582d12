import { EnvironmentOutlined } from '@ant-design/icons';
import { ESTATE_TYPE_LABELS } from '@wuye/contracts';
import { Card, Tag, Tooltip } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import type { EstateSummary } from '../../../shared/api/types';
import { formatPercent } from '../../../shared/format';

type Tone = 'blue' | 'green' | 'red' | 'orange';

const TILES: { key: keyof EstateSummary['counts']; label: MessageKey; tone: Tone }[] = [
  { key: 'openRequests', label: 'home.openRequests', tone: 'blue' },
  { key: 'todayRequests', label: 'home.todayRequests', tone: 'green' },
  { key: 'openComplaints', label: 'home.openComplaints', tone: 'red' },
  { key: 'awaitingCallback', label: 'home.awaitingCallback', tone: 'orange' },
];

export function EstateCard({ estate }: { estate: EstateSummary }) {
  const { t, label } = useI18n();
  const { counts } = estate;
  const occupancy = formatPercent(counts.occupiedUnits, counts.units);
  return (
    <Card
      data-testid="estate-card"
      data-estate-id={estate.id}
      className="estate-card"
      title={
        <>
          <span>{estate.name}</span>
          <Tag color={estate.type === 'residential' ? 'green' : 'blue'} bordered={false}>
            {label(ESTATE_TYPE_LABELS, estate.type)}
          </Tag>
        </>
      }
      extra={
        estate.address ? (
          <Tooltip title={estate.address}>
            <span className="estate-card-address">
              <EnvironmentOutlined /> {estate.address}
            </span>
          </Tooltip>
        ) : null
      }
    >
      <div className="stat-grid">
        {TILES.map((tile) => (
          <div key={tile.key} className={`stat-tile tone-${tile.tone}`} data-stat={tile.key}>
            <div className="stat-tile-label">{t(tile.label)}</div>
            <div className="stat-tile-value">{counts[tile.key]}</div>
          </div>
        ))}
      </div>
      <div className="estate-facts">
        <span data-stat="buildings">
          {t('home.buildings')}
          <strong>{counts.buildings}</strong>
        </span>
        <span data-stat="units">
          {t('home.units')}
          <strong>{counts.units}</strong>
        </span>
        <span data-stat="occupiedUnits">
          {t('home.occupiedUnits')}
          <strong>{counts.occupiedUnits}</strong>
          {occupancy ? <span className="muted">{occupancy}</span> : null}
        </span>
        <span data-stat="residents">
          {t('home.residents')}
          <strong>{counts.residents}</strong>
        </span>
      </div>
    </Card>
  );
}
