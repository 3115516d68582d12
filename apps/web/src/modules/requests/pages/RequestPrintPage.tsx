/**
 * 维修单/派工单: the paper work order (spec 01 §3) — number, estate, unit, resident, masked phone,
 * content, appointment, dispatcher, receiver, and blank boxes the technician and resident fill in by
 * hand. A4 or A5, one copy or 一式三联 (three copies, one per page); nothing of the app is printed.
 */
import { PrinterOutlined } from '@ant-design/icons';
import { CHANNEL_LABELS, REQUEST_TYPE_LABELS } from '@wuye/contracts';
import { Button, Result, Segmented, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { EstateProvider, useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import { QueryError } from '../../../shared/ui/QueryError';
import { ComplaintPrintSheet } from '../../complaints/components/ComplaintPrintSheet';
import { PrintHead } from '../components/PrintHead';
import { maskPhone } from '../lib/format';
import { SUBTYPE_KEYS, type Subtype } from '../lib/labels';
import { type RequestDetail, useRequestDetail } from '../requests.api';
import './print.css';

type Paper = 'A4' | 'A5';
const COPIES = ['print.copy1', 'print.copy2', 'print.copy3'] as const;

export default function RequestPrintPage() {
  return (
    <EstateProvider>
      <PrintView />
    </EstateProvider>
  );
}

function PrintView() {
  const { id } = useParams();
  const { t } = useI18n();
  const query = useRequestDetail(id);
  const [paper, setPaper] = useState<Paper>(() =>
    localStorage.getItem('wuye.print.paper') === 'A5' ? 'A5' : 'A4',
  );
  const [copies, setCopies] = useState<1 | 3>(1);

  useEffect(() => {
    try {
      localStorage.setItem('wuye.print.paper', paper);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
  }, [paper]);

  useEffect(() => {
    if (query.data)
      document.title = `${query.data.complaint ? t('complaintPrint.title') : t('print.title')} ${query.data.number}`;
  }, [query.data, t]);

  if (query.isPending) return <Spin size="large" className="print-loading" />;
  if (!query.data)
    return (
      <div className="print-error">
        {query.error ? (
          <QueryError error={query.error} onRetry={() => query.refetch()} />
        ) : (
          <Result status="404" />
        )}
      </div>
    );
  const detail = query.data;

  return (
    <div className={`print-root print-${paper.toLowerCase()}`}>
      {/* The page size for the printer: one @page rule for the chosen paper. */}
      <style>{`@page { size: ${paper} portrait; margin: ${paper === 'A4' ? '12mm' : '8mm'}; }`}</style>
      <div className="print-toolbar">
        <Link to={`/requests/${detail.id}`}>{t('print.back')}</Link>
        <Space wrap>
          <Segmented<Paper>
            data-testid="print-paper"
            value={paper}
            onChange={setPaper}
            options={[
              { value: 'A4', label: 'A4' },
              { value: 'A5', label: 'A5' },
            ]}
          />
          <Segmented<1 | 3>
            value={copies}
            onChange={setCopies}
            options={[
              { value: 1, label: t('print.oneCopy') },
              { value: 3, label: t('print.threeCopies') },
            ]}
          />
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => window.print()}
            data-testid="print-now"
          >
            {t('print.print')}
          </Button>
        </Space>
      </div>
      {(copies === 3 ? COPIES : [null]).map((copy) =>
        detail.complaint ? (
          <ComplaintPrintSheet key={copy ?? 'single'} detail={detail} copy={copy ? t(copy) : null} />
        ) : (
          <WorkOrderSheet key={copy ?? 'single'} detail={detail} copy={copy ? t(copy) : null} />
        ),
      )}
    </div>
  );
}

function WorkOrderSheet({ detail, copy }: { detail: RequestDetail; copy: string | null }) {
  const { t, label } = useI18n();
  const { estates } = useEstate();
  const estate = estates.find((e) => e.id === detail.estateId);
  const tz = estate?.timeZone;
  const lastDispatch = [...detail.events].reverse().find((e) => e.action === 'dispatch');
  const accepted = [...detail.events].reverse().find((e) => e.action === 'accept');
  const receiver = [detail.departmentName, detail.assigneeName].filter(Boolean).join(' / ');
  const kind = detail.type === 'repair' ? t('print.repairOrder') : t('print.workOrder');
  const blank = <span className="print-blank" />;

  return (
    <section className="print-sheet" data-testid="print-sheet">
      <PrintHead title={kind} estateName={estate?.name} number={detail.number} copy={copy} />
      <table className="print-table">
        <colgroup>
          <col className="print-col-label" />
          <col />
          <col className="print-col-label" />
          <col />
        </colgroup>
        <tbody>
          <tr>
            <th>{t('print.estate')}</th>
            <td>{estate?.name ?? ''}</td>
            <th>{t('print.type')}</th>
            <td>
              {label(REQUEST_TYPE_LABELS, detail.type)}
              {detail.subtype && detail.subtype in SUBTYPE_KEYS
                ? ` · ${t(SUBTYPE_KEYS[detail.subtype as Subtype])}`
                : ''}
              {detail.categoryName ? ` · ${detail.categoryName}` : ''}
            </td>
          </tr>
          <tr>
            <th>{detail.unitId ? t('print.unit') : t('print.location')}</th>
            <td>{detail.unitLabel ?? detail.locationText ?? ''}</td>
            <th>{t('print.channel')}</th>
            <td>{label(CHANNEL_LABELS, detail.channel)}</td>
          </tr>
          <tr>
            <th>{t('print.resident')}</th>
            <td>{detail.reporterName ?? ''}</td>
            <th>{t('print.phone')}</th>
            <td>{maskPhone(detail.reporterPhone)}</td>
          </tr>
          <tr>
            <th>{t('print.content')}</th>
            <td colSpan={3} className="print-content">
              {detail.description}
            </td>
          </tr>
          <tr>
            <th>{t('print.receivedAt')}</th>
            <td>{formatDateTime(detail.receivedAt, tz)}</td>
            <th>{t('print.appointment')}</th>
            <td>{detail.appointmentAt ? formatDateTime(detail.appointmentAt, tz) : t('print.immediate')}</td>
          </tr>
          <tr>
            <th>{t('print.dispatcher')}</th>
            <td>
              {lastDispatch?.actorName ?? ''}
              {lastDispatch ? <span className="print-sub">{formatDateTime(lastDispatch.at, tz)}</span> : null}
            </td>
            <th>{t('print.receiver')}</th>
            <td>
              {receiver}
              {accepted ? <span className="print-sub">{formatDateTime(accepted.at, tz)}</span> : null}
            </td>
          </tr>
          <tr>
            <th>{t('print.arrivalTime')}</th>
            <td>{blank}</td>
            <th>{t('print.completedTime')}</th>
            <td>{blank}</td>
          </tr>
          <tr className="print-tall">
            <th>{t('print.workDone')}</th>
            <td colSpan={3} />
          </tr>
          <tr className="print-materials">
            <th>{t('print.materials')}</th>
            <td colSpan={3}>
              <table className="print-inner">
                <thead>
                  <tr>
                    <th>{t('print.materialName')}</th>
                    <th>{t('print.spec')}</th>
                    <th>{t('print.quantity')}</th>
                    <th>{t('print.amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {[0, 1, 2].map((i) => (
                    <tr key={i}>
                      <td />
                      <td />
                      <td />
                      <td />
                    </tr>
                  ))}
                </tbody>
              </table>
            </td>
          </tr>
          <tr>
            <th>{t('print.fee')}</th>
            <td colSpan={3}>
              <span className="print-check">☐ {t('print.free')}</span>
              <span className="print-check">☐ {t('print.charged')} ¥</span>
              <span className="print-blank print-blank-short" />
              <span className="print-check">☐ {t('print.collected')}</span>
            </td>
          </tr>
          <tr>
            <th>{t('print.opinion')}</th>
            <td colSpan={3}>
              <span className="print-check">☐ {t('print.satisfied')}</span>
              <span className="print-check">☐ {t('print.fair')}</span>
              <span className="print-check">☐ {t('print.dissatisfied')}</span>
              <div className="print-opinion-line" />
            </td>
          </tr>
          <tr className="print-sign">
            <th>{t('print.signature')}</th>
            <td />
            <th>{t('print.date')}</th>
            <td />
          </tr>
        </tbody>
      </table>
      <footer className="print-foot">{t('print.footer')}</footer>
    </section>
  );
}
