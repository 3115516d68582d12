/** Pick a unit by typing its number (searched in the chosen estate, or in all the user's estates). */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { api } from '../../../shared/api/client';
import type { UnitList } from '../../../shared/api/types';

/** "1栋-1301" (how units are shown) → "1栋1301" (what the unit search matches). */
function unitSearchText(text: string): string {
  return text.replace(/\s+/g, '').replace(/^(.+?[栋座幢楼])-/, '$1');
}

export function UnitPicker({
  value,
  valueLabel,
  onChange,
  estateId: onlyEstate,
  testId = 'residents-unit',
  width = 220,
}: {
  value: string | undefined;
  valueLabel?: string;
  onChange: (unit: { id: string; label: string } | undefined) => void;
  /** Search this estate only (a resident's own estate), whatever estate the header has chosen. */
  estateId?: string;
  testId?: string;
  width?: number | string;
}) {
  const { t } = useI18n();
  const context = useEstate();
  const { estates } = context;
  const estateId = onlyEstate ?? context.estateId;
  const multiple = context.multiple && !onlyEstate;
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(unitSearchText(text)), 300);
    return () => window.clearTimeout(timer);
  }, [text]);

  const estateIds = estateId ? [estateId] : estates.map((e) => e.id);
  const search = useQuery({
    queryKey: ['unit-picker', estateIds, debounced],
    queryFn: async ({ signal }) => {
      const lists = await Promise.all(
        estateIds.map((id) =>
          api.get<UnitList>(
            `/estates/${encodeURIComponent(id)}/units`,
            { q: debounced, pageSize: 20 },
            { signal },
          ),
        ),
      );
      return lists.flatMap((l) => l.items);
    },
    enabled: debounced.length > 0 && estateIds.length > 0,
    staleTime: 60_000,
  });

  const estateName = (id: string) => estates.find((e) => e.id === id)?.name ?? '';
  const options = (search.data ?? []).map((u) => {
    const unitLabel = `${u.buildingName}-${u.number}`;
    return {
      value: u.id,
      label: multiple && !estateId ? `${estateName(u.estateId)} · ${unitLabel}` : unitLabel,
    };
  });
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: valueLabel ?? value });

  return (
    <Select
      data-testid={testId}
      aria-label={t('residents.units')}
      showSearch
      allowClear
      value={value}
      placeholder={t('residents.unitPlaceholder')}
      filterOption={false}
      searchValue={text}
      onSearch={setText}
      onChange={(id: string | undefined) => {
        setText('');
        const option = options.find((o) => o.value === id);
        onChange(id && option ? { id, label: option.label } : undefined);
      }}
      loading={search.isFetching}
      notFoundContent={debounced && !search.isFetching ? t('residents.noUnit') : null}
      options={options}
      style={{ width }}
    />
  );
}
