/** The head of a printed form: the company and estate, the form's name, its number and which copy. */
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';

export function PrintHead({
  title,
  estateName,
  number,
  copy,
}: {
  title: string;
  estateName?: string;
  number: string;
  copy: string | null;
}) {
  const { t } = useI18n();
  const user = useCurrentUser();
  return (
    <header className="print-head">
      <div className="print-company">
        {user.companyName}
        {estateName ? ` · ${estateName}` : ''}
      </div>
      <h1>{title}</h1>
      <div className="print-number">
        {t('print.number')}：<span className="mono">{number}</span>
        {copy ? <span className="print-copy">{copy}</span> : null}
      </div>
    </header>
  );
}
