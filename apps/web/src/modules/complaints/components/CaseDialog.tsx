/**
 * 转为案例: on a closed complaint, the system's anonymised draft to edit and save into the case library
 * (or, once saved, a link to the case); the same dialog edits a case from the library. Field errors of
 * the server's name/phone check land on the field that still holds one.
 */
import { BookOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { CASE_WRITER_ROLES, type ComplaintCase, type ComplaintCaseBody } from '@wuye/contracts';
import { Alert, App, Button, type ButtonProps, Form, Input, Modal, Select, Skeleton } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import type { RequestDetail } from '../../requests/requests.api';
import { requestKey } from '../../requests/requests.api';
import { CASES_KEY, createCase, updateCase, useCaseDraft, useCaseOfRequest } from '../cases.api';
import '../cases.css';

type Values = ComplaintCaseBody;
const FIELDS = ['title', 'summary', 'handling', 'lesson', 'tags'] as const;

/** The complaint card's button: 转为案例 for a closed complaint without a case, else 查看案例. */
export function CaseButton({ detail }: { detail: RequestDetail }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [open, setOpen] = useState(false);
  const closed = detail.state === 'closed';
  const existing = useCaseOfRequest(detail.id, closed);
  if (!closed || existing.isPending) return null;
  if (existing.data)
    return (
      <div className="case-button-row">
        <Link to={`/complaints/cases?case=${existing.data.id}`} data-testid="case-view">
          <Button icon={<BookOutlined />}>{t('cases.viewCase')}</Button>
        </Link>
      </div>
    );
  if (!user.roles.some((r) => CASE_WRITER_ROLES.includes(r))) return null;
  return (
    <div className="case-button-row">
      <Button icon={<BookOutlined />} onClick={() => setOpen(true)} data-testid="case-create">
        {t('cases.toCase')}
      </Button>
      {open ? <CaseDialog requestId={detail.id} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

/** Creates the case of `requestId` from its draft, or edits `existing`. Mounted while open. */
export function CaseDialog({
  requestId,
  existing,
  onClose,
  onSaved,
}: {
  requestId: string;
  existing?: ComplaintCase;
  onClose: () => void;
  onSaved?: (c: ComplaintCase) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const draft = useCaseDraft(requestId, !existing);
  const initial: Values | undefined = existing ?? draft.data;
  const labels: Record<(typeof FIELDS)[number], string> = {
    title: t('cases.caseTitle'),
    summary: t('cases.summary'),
    handling: t('cases.handling'),
    lesson: t('cases.lesson'),
    tags: t('cases.tags'),
  };
  const required = (f: (typeof FIELDS)[number]) => [
    { required: true, whitespace: true, message: t('cases.required', { field: labels[f] }) },
  ];

  async function save() {
    const v = await form.validateFields();
    const body: Values = {
      title: v.title.trim(),
      summary: v.summary.trim(),
      handling: v.handling.trim(),
      lesson: v.lesson.trim(),
      tags: (v.tags ?? []).map((x) => x.trim()).filter(Boolean),
    };
    setSaving(true);
    try {
      const saved = existing ? await updateCase(existing.id, body) : await createCase(requestId, body);
      message.success(t(existing ? 'cases.changed' : 'cases.saved'));
      void client.invalidateQueries({ queryKey: CASES_KEY });
      void client.invalidateQueries({ queryKey: requestKey(saved.requestId) });
      onSaved?.(saved);
      onClose();
    } catch (e) {
      if (isApiError(e) && e.code === 'CONFLICT') {
        message.warning(t('cases.exists'));
        void client.invalidateQueries({ queryKey: CASES_KEY });
        onClose();
      } else if (isApiError(e) && Object.keys(e.fields).length) {
        // tags.1 → the tags field; a message per field, the first one's wins.
        const byField = new Map<string, string>();
        for (const [path, text] of Object.entries(e.fields)) {
          const name = path.split('.')[0]!;
          if (!byField.has(name)) byField.set(name, text);
        }
        form.setFields([...byField].map(([name, text]) => ({ name: name as keyof Values, errors: [text] })));
      } else {
        message.error(e instanceof Error && e.message ? e.message : t('common.loadFailed'));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      width={760}
      title={t(existing ? 'cases.editTitle' : 'cases.dialogTitle')}
      onCancel={onClose}
      okText={t(existing ? 'cases.saveEdit' : 'cases.save')}
      onOk={save}
      okButtonProps={{ loading: saving, disabled: !initial, 'data-testid': 'case-save' } as ButtonProps}
      destroyOnHidden
    >
      {!initial ? (
        draft.isError ? (
          <Alert
            type="error"
            showIcon
            message={t('cases.draftFailed')}
            description={draft.error instanceof Error ? draft.error.message : undefined}
          />
        ) : (
          <Skeleton active paragraph={{ rows: 8 }} />
        )
      ) : (
        <>
          <Alert
            type={existing ? 'warning' : 'info'}
            showIcon
            className="case-dialog-alert"
            data-testid="case-anonymised"
            message={
              existing
                ? t('cases.checkHint')
                : draft.data && draft.data.replaced > 0
                  ? t('cases.anonymised', { count: draft.data.replaced })
                  : t('cases.anonymisedNone')
            }
            description={existing ? undefined : t('cases.checkHint')}
          />
          <Form form={form} layout="vertical" initialValues={initial} data-testid="case-form">
            <Form.Item
              name="title"
              label={labels.title}
              rules={required('title')}
              extra={t('cases.caseTitleHint')}
            >
              <Input maxLength={100} data-testid="case-title" />
            </Form.Item>
            <Form.Item name="summary" label={labels.summary} rules={required('summary')}>
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={4000}
                data-testid="case-summary"
              />
            </Form.Item>
            <Form.Item name="handling" label={labels.handling} rules={required('handling')}>
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 10 }}
                maxLength={4000}
                data-testid="case-handling"
              />
            </Form.Item>
            <Form.Item name="lesson" label={labels.lesson} rules={required('lesson')}>
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 8 }}
                maxLength={2000}
                data-testid="case-lesson"
              />
            </Form.Item>
            <Form.Item name="tags" label={labels.tags} extra={t('cases.tagsHint')}>
              <Select mode="tags" maxCount={10} open={false} suffixIcon={null} data-testid="case-tags" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
