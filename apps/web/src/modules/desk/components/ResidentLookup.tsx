/**
 * 问清楚: find the caller by phone (all of it or the last digits; Enter searches) or by unit, then pick
 * them. One call (GET /api/lookup) brings each match with masked phone, grade and VIP badge, homes,
 * notes and arrears, and their open and last closed requests, so the agent sees everything at once.
 */
import { CheckCircleFilled, CrownFilled, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { GRADE_LABELS, type Grade, type LookupResident, RELATION_LABELS } from '@wuye/contracts';
import { Button, Empty, Input, type InputRef, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { type Ref, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { ResidentListItem } from '../../../shared/api/types';
import { type Lookup, PHONE_QUERY, unitSearchText, useResidentLookup, useUnitSearch } from '../desk.api';
import { ResidentHistory } from './ResidentHistory';

export const GRADE_COLORS: Record<Grade, string> = { A: 'gold', B: 'blue', C: 'default', D: 'volcano' };

export type PickedUnit = { id: string; label: string };

export function ResidentLookup({
  estateId,
  picked,
  pickedUnit,
  onPick,
  onUnit,
  phoneRef,
  onPhoneText,
}: {
  estateId: string | undefined;
  picked: ResidentListItem | null;
  pickedUnit: PickedUnit | null;
  onPick: (resident: LookupResident | null, unit?: PickedUnit) => void;
  onUnit: (unit: PickedUnit | null) => void;
  phoneRef: Ref<InputRef>;
  /** The phone text as typed (the form offers it as the reporter's phone when nobody matches). */
  onPhoneText: (text: string) => void;
}) {
  const { t, label } = useI18n();
  const [phone, setPhone] = useState('');
  const [phoneError, setPhoneError] = useState(false);
  const [lookup, setLookup] = useState<Lookup>(null);
  const [unitText, setUnitText] = useState('');
  const [unitDebounced, setUnitDebounced] = useState('');
  const autoPicked = useRef<string | null>(null);

  useEffect(() => {
    const timer = window.setTimeout(() => setUnitDebounced(unitSearchText(unitText)), 250);
    return () => window.clearTimeout(timer);
  }, [unitText]);

  const residents = useResidentLookup(estateId, lookup);
  const units = useUnitSearch(estateId, unitDebounced);
  const items = residents.data?.residents ?? [];

  // Exactly one match: pick it at once (the usual case for a known caller).
  useEffect(() => {
    if (!lookup || residents.isFetching || !residents.data) return;
    const key = JSON.stringify(lookup);
    if (autoPicked.current === key) return;
    autoPicked.current = key;
    if (residents.data.residents.length === 1) {
      const only = residents.data.residents[0]!;
      const unit =
        lookup.kind === 'unit'
          ? (pickedUnit ?? undefined)
          : only.units.length === 1
            ? { id: only.units[0]!.unitId, label: only.units[0]!.unitLabel }
            : undefined;
      onPick(only, unit);
    }
  }, [lookup, residents.isFetching, residents.data, onPick, pickedUnit]);

  const searchPhone = (value: string) => {
    const text = value.trim();
    if (!text) {
      setLookup(null);
      return;
    }
    if (!PHONE_QUERY.test(text)) {
      setPhoneError(true);
      return;
    }
    setPhoneError(false);
    autoPicked.current = null;
    // A new caller: forget the previous pick and its unit.
    onPick(null);
    onUnit(null);
    setLookup({ kind: 'phone', phone: text.replace(/[\s-]/g, '') });
  };

  const unitOptions = (units.data?.items ?? []).map((u) => ({
    value: u.id,
    label: `${u.buildingName}-${u.number}`,
  }));
  if (pickedUnit && !unitOptions.some((o) => o.value === pickedUnit.id))
    unitOptions.unshift({ value: pickedUnit.id, label: pickedUnit.label });

  return (
    <div className="desk-lookup">
      <div className="desk-lookup-inputs">
        <Input.Search
          ref={phoneRef}
          data-testid="desk-phone"
          autoFocus
          allowClear
          inputMode="tel"
          value={phone}
          status={phoneError ? 'error' : undefined}
          onChange={(e) => {
            setPhone(e.target.value);
            onPhoneText(e.target.value.trim());
            if (phoneError) setPhoneError(false);
          }}
          onSearch={searchPhone}
          placeholder={t('desk.phonePlaceholder')}
          enterButton={<SearchOutlined aria-label={t('desk.search')} />}
          maxLength={20}
          className="desk-phone"
        />
        <Select
          data-testid="desk-unit"
          aria-label={t('desk.unitSearch')}
          showSearch
          allowClear
          value={pickedUnit?.id}
          placeholder={t('desk.unitPlaceholder')}
          filterOption={false}
          searchValue={unitText}
          onSearch={setUnitText}
          onChange={(id: string | undefined) => {
            setUnitText('');
            const option = unitOptions.find((o) => o.value === id);
            const unit = id && option ? { id, label: option.label } : null;
            onUnit(unit);
            if (unit) {
              autoPicked.current = null;
              setLookup({ kind: 'unit', unitId: unit.id });
            }
          }}
          loading={units.isFetching}
          notFoundContent={unitDebounced && !units.isFetching ? t('residents.noUnit') : null}
          options={unitOptions}
          className="desk-unit"
        />
      </div>
      {phoneError ? <div className="desk-field-error">{t('residents.phoneInvalid')}</div> : null}

      <div className="desk-lookup-result" data-testid="desk-lookup-result">
        {!lookup ? (
          <Typography.Text type="secondary" className="desk-lookup-hint">
            {t('desk.lookupHint')}
          </Typography.Text>
        ) : residents.isFetching && !residents.data ? (
          <Spin size="small" />
        ) : items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={lookup.kind === 'phone' ? t('desk.noResidentPhone') : t('desk.noResidentUnit')}
            className="desk-lookup-empty"
          />
        ) : (
          <ul className="desk-residents">
            {items.map((r) => {
              const active = picked?.id === r.id;
              return (
                <li key={r.id} className={`desk-resident${active ? ' desk-resident-active' : ''}`}>
                  <div className="desk-resident-main">
                    <Space size={8} wrap>
                      {active ? <CheckCircleFilled className="desk-picked-icon" /> : <UserOutlined />}
                      <strong className="desk-resident-name">{r.name}</strong>
                      <Tag color={GRADE_COLORS[r.grade]}>{label(GRADE_LABELS, r.grade)}</Tag>
                      {r.vip ? (
                        <Tooltip title={t('desk.vipHint')}>
                          <Tag color="gold" icon={<CrownFilled />} data-testid="desk-vip">
                            {t('desk.vip')}
                          </Tag>
                        </Tooltip>
                      ) : null}
                      <span className="mono muted">{r.phones.join(' / ')}</span>
                      {!active && r.openTotal > 0 ? (
                        <Tag color="processing" bordered={false}>
                          {t('desk.openRequests', { n: r.openTotal })}
                        </Tag>
                      ) : null}
                    </Space>
                    <Button
                      size="small"
                      type={active ? 'default' : 'primary'}
                      ghost={!active}
                      onClick={() =>
                        active
                          ? onPick(null)
                          : onPick(
                              r,
                              lookup.kind === 'unit'
                                ? (pickedUnit ?? undefined)
                                : r.units[0]
                                  ? { id: r.units[0].unitId, label: r.units[0].unitLabel }
                                  : undefined,
                            )
                      }
                    >
                      {active ? t('desk.unpick') : t('desk.pick')}
                    </Button>
                  </div>
                  <div className="desk-resident-units">
                    {r.units.map((u) => (
                      <Tag.CheckableTag
                        key={u.unitId}
                        checked={active && pickedUnit?.id === u.unitId}
                        onChange={() => onPick(r, { id: u.unitId, label: u.unitLabel })}
                      >
                        {u.unitLabel} · {label(RELATION_LABELS, u.relation)}
                      </Tag.CheckableTag>
                    ))}
                  </div>
                  {active ? <ResidentHistory resident={r} /> : null}
                </li>
              );
            })}
          </ul>
        )}
        {residents.data?.more ? (
          <Typography.Text type="secondary" className="desk-lookup-hint">
            {t('desk.moreResidents')}
          </Typography.Text>
        ) : null}
      </div>
    </div>
  );
}
