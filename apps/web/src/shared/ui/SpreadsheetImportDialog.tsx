/**
 * 导入 from a spreadsheet (spec 03 §6; the arrears list of spec 05 §2): download the template, choose a
 * filled-in xlsx, check it (a dry run: nothing is written) — the errors by sheet, row and column, or
 * what would be imported — then import it in one go. Any error and the server writes nothing, so the
 * import button only comes after a clean check of this very file (and of the options in `checkKey`).
 * Each import says what it counts, adds its own fields (`extra`) and does its own refreshing (`onDone`).
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { ImportError } from '@wuye/contracts';
import { Alert, App, Button, Descriptions, Modal, Space, Table, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../../app/i18n/I18nProvider';
import { isApiError } from '../api/client';
import { downloadXlsx } from '../api/download';
import type { SpreadsheetReport } from '../api/spreadsheet';

export type ImportCount = { label: string; value: ReactNode };

export function SpreadsheetImportDialog<R extends SpreadsheetReport>({
  title,
  intro,
  templatePath,
  extra,
  checkKey,
  run,
  counts,
  onDone,
  onRunError,
  onClose,
}: {
  title: string;
  intro: ReactNode;
  /** The template's download route (an /api/… path); the server names the file. */
  templatePath: string;
  /** Fields of this import shown above the file (e.g. the arrears list's date). */
  extra?: ReactNode;
  /** The options the check was made with: when they change, the check is dropped. */
  checkKey?: string;
  /** Sends the file: a check when `dryRun`, else the import. */
  run(file: File, dryRun: boolean): Promise<R>;
  /** What the report counts (what would be or was imported). */
  counts(report: R): ImportCount[];
  /** After a successful import (not a check): refresh what it changed, say so. */
  onDone?(report: R): void;
  /** A failure this import shows itself (a field error next to its field): return true to keep it out of the dialog's alert. */
  onRunError?(error: unknown): boolean;
  onClose(): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | 'template' | null>(null);
  const [checkedWith, setCheckedWith] = useState(checkKey);

  // The options changed since the check (e.g. another date): check again before importing.
  if (checkedWith !== checkKey) {
    setCheckedWith(checkKey);
    if (report && !(report.ok && !report.dryRun)) setReport(null);
    setFailure(null);
  }

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setFailure(null);
    try {
      const r = await run(file, dryRun);
      setReport(r);
      if (!dryRun && r.ok) onDone?.(r);
    } catch (e) {
      setReport(null);
      if (!onRunError?.(e)) setFailure(isApiError(e) && e.message ? e.message : t('common.networkError'));
    } finally {
      setBusy(null);
    }
  };

  const template = async () => {
    setBusy('template');
    try {
      await downloadXlsx(templatePath, {}, locale);
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
      title={title}
      onCancel={onClose}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={onClose} data-testid="import-close">
            {t('import.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('import.cancel')}</Button>
            <Button
              onClick={() => send(true)}
              disabled={!file}
              loading={busy === 'check'}
              data-testid="import-check"
            >
              {t('import.check')}
            </Button>
            <Button
              type="primary"
              onClick={() => send(false)}
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
        <Alert type="info" showIcon message={intro} />
        <Button
          icon={<DownloadOutlined />}
          onClick={template}
          loading={busy === 'template'}
          data-testid="import-template"
        >
          {t('import.template')}
        </Button>
        {extra}
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
        {report ? <ReportView report={report} counts={counts(report)} /> : null}
      </Space>
    </Modal>
  );
}

function ReportView({ report, counts }: { report: SpreadsheetReport; counts: ImportCount[] }) {
  const { t } = useI18n();
  if (report.ok)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type="success"
          showIcon
          message={report.dryRun ? t('import.checkedOk') : t('import.imported')}
          data-testid="import-ok"
        />
        <Descriptions size="small" column={counts.length} bordered data-testid="import-counts">
          {counts.map((c) => (
            <Descriptions.Item key={c.label} label={c.label}>
              {c.value}
            </Descriptions.Item>
          ))}
        </Descriptions>
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
