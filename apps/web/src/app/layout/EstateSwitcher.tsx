import { EnvironmentOutlined } from '@ant-design/icons';
import { ESTATE_TYPE_LABELS } from '@wuye/contracts';
import { Select } from 'antd';
import { ALL_ESTATES, useEstate } from '../estate/EstateProvider';
import { useI18n } from '../i18n/I18nProvider';

/** The header's estate choice; "all estates" is offered to users who work on several. */
export function EstateSwitcher() {
  const { t, label } = useI18n();
  const { estates, estateId, setEstateId, multiple, loading } = useEstate();

  const options = [
    ...(multiple ? [{ value: ALL_ESTATES, label: t('header.allEstates'), type: '' }] : []),
    ...estates.map((e) => ({ value: e.id, label: e.name, type: label(ESTATE_TYPE_LABELS, e.type) })),
  ];

  return (
    <Select
      data-testid="estate-switcher"
      aria-label={t('header.estate')}
      className="estate-switcher"
      value={loading ? undefined : (estateId ?? ALL_ESTATES)}
      loading={loading}
      onChange={(value: string) => setEstateId(value === ALL_ESTATES ? undefined : value)}
      options={options}
      prefix={<EnvironmentOutlined style={{ color: 'var(--wuye-primary)' }} />}
      popupMatchSelectWidth={false}
      variant="filled"
      optionRender={(option) => (
        <div className="estate-option">
          <span>{option.data.label}</span>
          {option.data.type ? <span className="estate-option-type">{option.data.type}</span> : null}
        </div>
      )}
    />
  );
}
