/** A notice printed on A4 for the notice boards (公告栏): the estate's head, the title, the text, the sign-off. */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Space, Spin } from 'antd';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDate } from '../../../shared/format';
import { QueryError } from '../../../shared/ui/QueryError';
import { PrintHead } from '../../requests/components/PrintHead';
import { useNotice } from '../relations.api';
import '../../requests/pages/print.css';
import '../relations.css';

export default function NoticePrintPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const notice = useNotice(id);
  useEffect(() => {
    if (notice.data) document.title = `${t('notices.printTitle')} ${notice.data.title}`;
  }, [notice.data, t]);
  if (notice.isPending) return <Spin size="large" className="print-loading" />;
  if (!notice.data)
    return (
      <div className="print-error">
        {notice.error ? (
          <QueryError error={notice.error} onRetry={() => notice.refetch()} />
        ) : (
          <Result status="404" />
        )}
      </div>
    );
  const n = notice.data;
  return (
    <div className="print-root print-a4">
      <style>{'@page { size: A4 portrait; margin: 18mm; }'}</style>
      <div className="print-toolbar">
        <Link to="/relations/notices">{t('notices.back')}</Link>
        <Space>
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
      <section className="print-sheet notice-print" data-testid="notice-sheet">
        <PrintHead
          title={t('notices.printTitle')}
          estateName={n.estateName}
          number={`GG-${(n.publishedAt ?? n.publishFrom).slice(0, 10).replaceAll('-', '')}-${n.id.slice(-4).toUpperCase()}`}
          copy={null}
        />
        <h2 className="notice-print-title">{n.title}</h2>
        <div className="notice-print-body">{n.body}</div>
        <div className="notice-print-foot">
          <div>{t('notices.signOff', { estate: n.estateName })}</div>
          <div>{formatDate(n.publishedAt ?? n.publishFrom)}</div>
        </div>
        <div className="notice-print-audience">
          {t('notices.audience')}：
          {n.buildingNames.length ? n.buildingNames.join('、') : t('notices.wholeEstate')}
        </div>
      </section>
    </div>
  );
}
