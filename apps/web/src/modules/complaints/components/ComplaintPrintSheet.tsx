/**
 * 投诉记录表 on paper (spec 02 §1): the complaint's record, class, grade, the people responsible, the
 * handling and the result, with boxes for what is still to be written by hand (the result, the root
 * cause, the callback, the signatures). The print page shows it instead of the work order for complaints.
 */
import { CHANNEL_LABELS } from '@wuye/contracts';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { formatDateTime } from '../../../shared/format';
import { PrintHead } from '../../requests/components/PrintHead';
import { maskPhone } from '../../requests/lib/format';
import { RESULT_METHOD_KEYS } from '../../requests/lib/labels';
import type { RequestDetail } from '../../requests/requests.api';
import { gradeKey } from './ComplaintTags';

export function ComplaintPrintSheet({ detail, copy }: { detail: RequestDetail; copy: string | null }) {
  const { t, label } = useI18n();
  const { estates } = useEstate();
  const estate = estates.find((e) => e.id === detail.estateId);
  const tz = estate?.timeZone;
  const c = detail.complaint!;
  const blank = <span className="print-blank" />;
  const handling = detail.events.filter((e) =>
    [
      'dispatch',
      'complaint_classify',
      'complaint_contact',
      'complaint_answer',
      'complaint_memo_decision',
    ].includes(e.action),
  );
  const callback = detail.callbacks.at(-1);
  const when = (at: string | null) => (at ? formatDateTime(at, tz) : '');

  return (
    <section className="print-sheet" data-testid="print-sheet">
      <PrintHead
        title={t('complaintPrint.title')}
        estateName={estate?.name}
        number={detail.number}
        copy={copy}
      />
      <table className="print-table">
        <colgroup>
          <col className="print-col-label" />
          <col />
          <col className="print-col-label" />
          <col />
        </colgroup>
        <tbody>
          <tr>
            <th>{t('print.receivedAt')}</th>
            <td>{formatDateTime(detail.receivedAt, tz)}</td>
            <th>{t('complaintPrint.receiver')}</th>
            <td>
              {detail.ownerName} · {label(CHANNEL_LABELS, detail.channel)}
            </td>
          </tr>
          <tr>
            <th>{t('complaint.eventAt')}</th>
            <td>{when(c.eventAt)}</td>
            <th>{t('complaint.eventPlace')}</th>
            <td>{c.eventPlace ?? detail.unitLabel ?? detail.locationText ?? ''}</td>
          </tr>
          <tr>
            <th>{t('complaintPrint.complainant')}</th>
            <td>
              {detail.reporterName ?? ''} {detail.unitLabel ? `（${detail.unitLabel}）` : ''}
            </td>
            <th>{t('print.phone')}</th>
            <td>{maskPhone(detail.reporterPhone)}</td>
          </tr>
          <tr>
            <th>{t('complaint.subjectPerson')}</th>
            <td>{c.subjectPerson ?? ''}</td>
            <th>{t('complaint.subjectDepartment')}</th>
            <td>{c.subjectDepartmentName ?? ''}</td>
          </tr>
          <tr>
            <th>{t('complaintPrint.what')}</th>
            <td colSpan={3} className="print-content">
              {detail.categoryName ? `【${detail.categoryName}】` : ''}
              {detail.description}
            </td>
          </tr>
          <tr>
            <th>{t('complaint.residentWants')}</th>
            <td colSpan={3}>{c.residentWants ?? ''}</td>
          </tr>
          <tr>
            <th>{t('complaint.mood')}</th>
            <td>{c.mood ? t(`complaint.mood.${c.mood}` as MessageKey) : ''}</td>
            <th>{t('complaintPrint.classGrade')}</th>
            <td>
              {c.validity
                ? t(`complaint.validity.${c.validity}` as MessageKey)
                : t('complaint.validity.none')}{' '}
              · {t(gradeKey(c.grade))}
              {c.collectiveEventId ? ` · ${t('complaint.collective')}` : ''}
            </td>
          </tr>
          <tr>
            <th>{t('complaint.responsible')}</th>
            <td>{c.responsibleName ?? ''}</td>
            <th>{t('complaint.supervisor')}</th>
            <td>{c.supervisorName ?? ''}</td>
          </tr>
          <tr>
            <th>{t('complaint.agreedReplyAt')}</th>
            <td>{when(c.agreedReplyAt)}</td>
            <th>{t('complaint.solvingParty')}</th>
            <td>{c.solvingParty ?? ''}</td>
          </tr>
          <tr className="print-tall">
            <th>{t('complaintPrint.handling')}</th>
            <td colSpan={3}>
              {handling.map((e) => (
                <div key={e.id}>
                  {formatDateTime(e.at, tz)} {e.actorName ?? ''}：
                  {typeof e.data?.text === 'string'
                    ? e.data.text
                    : typeof e.data?.departmentName === 'string'
                      ? `${t('complaintPrint.dispatchedTo')} ${e.data.departmentName}`
                      : typeof e.data?.to === 'string'
                        ? t(`complaint.validity.${e.data.to}` as MessageKey)
                        : ''}
                </div>
              ))}
            </td>
          </tr>
          <tr className="print-tall">
            <th>{t('complaint.result')}</th>
            <td colSpan={3}>
              {c.result
                ? `${t(RESULT_METHOD_KEYS[c.result.method])}：${c.result.text}`
                : (c.answer?.text ?? '')}
            </td>
          </tr>
          <tr>
            <th>{t('complaint.rootCause')}</th>
            <td colSpan={3}>{c.result?.rootCause ?? blank}</td>
          </tr>
          <tr>
            <th>{t('complaint.correctiveAction')}</th>
            <td colSpan={3}>{c.result?.correctiveAction ?? blank}</td>
          </tr>
          <tr>
            <th>{t('complaintPrint.callback')}</th>
            <td colSpan={3}>
              {callback ? (
                `${formatDateTime(callback.at, tz)} ${callback.byName} ${callback.comment ?? ''}`
              ) : (
                <>
                  <span className="print-check">☐ {t('print.satisfied')}</span>
                  <span className="print-check">☐ {t('print.fair')}</span>
                  <span className="print-check">☐ {t('print.dissatisfied')}</span>
                </>
              )}
            </td>
          </tr>
          <tr className="print-sign">
            <th>{t('complaintPrint.supervisorSign')}</th>
            <td />
            <th>{t('print.date')}</th>
            <td />
          </tr>
        </tbody>
      </table>
      <footer className="print-foot">{t('complaintPrint.footer')}</footer>
    </section>
  );
}
