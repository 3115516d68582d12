/**
 * A unit's arrears on its file: what it owes on the estate's latest list (amount, months, first month
 * owed, the fee system's note) as of the list's date, nothing owed, or unknown where the estate has
 * loaded no list — with the way to the list. Shown only to those who read arrears.
 */
import type { UnitArrears } from '@wuye/contracts';
import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatMoney } from '../../../shared/format';

export function UnitArrearsFact({
  arrears,
  estateId,
  buildingId,
  unitNumber,
}: {
  arrears: UnitArrears | null;
  estateId: string;
  buildingId: string;
  unitNumber: string;
}) {
  const { t } = useI18n();
  const query = new URLSearchParams({ estate: estateId });
  if (arrears && arrears.amountFen > 0) {
    query.set('building', buildingId);
    query.set('q', unitNumber);
  }
  const link = (
    <Link to={`/arrears?${query}`} className="small" data-testid="unit-arrears-link">
      {t('arrears.unit.list')}
    </Link>
  );
  if (!arrears)
    return (
      <span className="unit-arrears" data-testid="unit-arrears">
        <span className="muted">{t('arrears.unit.unknown')}</span>
        {link}
      </span>
    );
  if (arrears.amountFen <= 0)
    return (
      <span className="unit-arrears" data-testid="unit-arrears">
        <span>{t('arrears.unit.none', { date: arrears.asOf })}</span>
        {link}
      </span>
    );
  return (
    <span className="unit-arrears" data-testid="unit-arrears">
      <Typography.Text type="danger" strong>
        {t('arrears.unit.owing', { amount: formatMoney(arrears.amountFen), months: arrears.months })}
      </Typography.Text>
      {arrears.since ? <span>{t('arrears.unit.since', { month: arrears.since })}</span> : null}
      {arrears.note ? <span>{arrears.note}</span> : null}
      <span className="muted">{t('arrears.unit.asOf', { date: arrears.asOf })}</span>
      {link}
    </span>
  );
}
