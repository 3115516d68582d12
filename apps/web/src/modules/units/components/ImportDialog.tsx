/**
 * 导入 (spec 03 §6): download the template, choose a filled-in xlsx, check it (a dry run: nothing is
 * written) — the errors by sheet, row and column, or what would be imported — then import it in one go.
 * Any error and the server writes nothing, so the import button only comes after a clean check.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportError, ImportReport } from '@wuye/contracts';
import { Alert, App, Button, Descriptions, Modal, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { downloadXlsx } from '../../../shared/api/download';
import { importWorkbook, refreshStructure } from '../units.api';

export function ImportDialog({
  estateId,
  estateName,
  onClose,
}: {
  estateId: string;
  estateName?: string;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | 'template' | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setFailure(null);
    try {
      const r = await importWorkbook(client, estateId, file, dryRun);
      setReport(r);
      if (!dryRun && r.ok) {
        refreshStructure(client);
        void client.invalidateQueries({ queryKey: ['residents'] });
        message.success(
          t('import.done', {
            units: r.counts.units,
            residents: r.counts.residents,
            relations: r.counts.relations,
          }),
        );
      }
    } catch (e) {
      setReport(null);
      setFailure(isApiError(e) && e.message ? e.message : t('common.networkError'));
    } finally {
      setBusy(null);
    }
  };

  const template = async () => {
    setBusy('template');
    try {
      await downloadXlsx(`/api/estates/${encodeURIComponent(estateId)}/import/template`, {}, locale);
    } catch (e) {
      message.error(isApiError(e) && e.message ? e.message : t('common.networkError'));
    } finally {
      setBusy(null);
    }
  };

  const done = Boolean(report?.ok && !report.dryRun);
  const checkedOk = Boolean(report?.ok && report.dryRun);

  return (
    <Modal
      open
      width={820}
      title={estateName ? t('import.titleFor', { estate: estateName }) : t('import.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={onClose} data-testid="import-close">
            {t('import.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('structure.cancel')}</Button>
            <Button
              onClick={() => run(true)}
              disabled={!file}
              loading={busy === 'check'}
              data-testid="import-check"
            >
              {t('import.check')}
            </Button>
            <Button
              type="primary"
              onClick={() => run(false)}
              disabled={!checkedOk}
              loading={busy === 'import'}
              data-testid="import-run"
            >
              {t('import.run')}
            </Button>
          </Space>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Alert type="info" showIcon message={t('import.intro')} />
        <Button
          icon={<DownloadOutlined />}
          onClick={template}
          loading={busy === 'template'}
          data-testid="import-template"
        >
          {t('import.template')}
        </Button>
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          disabled={done}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            setFailure(null);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            setReport(null);
          }}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          data-testid="import-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.choose')}</p>
          <p className="ant-upload-hint">{t('import.hint')}</p>
        </Upload.Dragger>
        {failure ? <Alert type="error" showIcon message={failure} data-testid="import-failure" /> : null}
        {report ? <ReportView report={report} /> : null}
      </Space>
    </Modal>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const counts = (
    <Descriptions size="small" column={4} bordered data-testid="import-counts">
      <Descriptions.Item label={t('import.units')}>{report.counts.units}</Descriptions.Item>
      <Descriptions.Item label={t('import.buildings')}>{report.counts.buildings}</Descriptions.Item>
      <Descriptions.Item label={t('import.residents')}>{report.counts.residents}</Descriptions.Item>
      <Descriptions.Item label={t('import.relations')}>{report.counts.relations}</Descriptions.Item>
    </Descriptions>
  );
  if (report.ok)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type="success"
          showIcon
          message={report.dryRun ? t('import.checkedOk') : t('import.imported')}
          data-testid="import-ok"
        />
        {counts}
      </Space>
    );
  const more = report.errorTotal - report.errors.length;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="error"
        showIcon
        message={t('import.errors', { n: report.errorTotal })}
        description={
          more > 0 ? t('import.moreErrors', { shown: report.errors.length, n: report.errorTotal }) : undefined
        }
        data-testid="import-errors"
      />
      <Table<ImportError & { key: number }>
        size="small"
        pagination={report.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        dataSource={report.errors.map((e, key) => ({ ...e, key }))}
        columns={[
          {
            title: t('import.sheet'),
            dataIndex: 'sheet',
            width: 80,
            render: (v: string | null) => v ?? t('import.wholeFile'),
          },
          { title: t('import.row'), dataIndex: 'row', width: 70, render: (v: number | null) => v ?? '—' },
          {
            title: t('import.column'),
            dataIndex: 'column',
            width: 110,
            render: (v: string | null) => v ?? '—',
          },
          { title: t('import.message'), dataIndex: 'message' },
        ]}
        data-testid="import-error-table"
      />
    </Space>
  );
}
