/** 指派 / 改派: pick a member of the department (open orders shown) — the `dispatch` transition. */
import { Button, Form, Input, Modal, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useRequestAction } from '../../requests/components/useRequestAction';
import type { BoardCard, DepartmentMember } from '../board.api';

type Values = { assigneeId?: string; note?: string };

export function AssignModal({
  card,
  departmentId,
  members,
  onClose,
  onAssigned,
}: {
  card: BoardCard;
  departmentId: string;
  members: readonly DepartmentMember[];
  onClose: () => void;
  onAssigned: (name: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { run } = useRequestAction();
  const [saving, setSaving] = useState(false);
  // The least busy first, so balancing the work is the easy choice.
  const list = [...members].sort(
    (a, b) => a.openCount - b.openCount || a.name.localeCompare(b.name, 'zh-CN'),
  );

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const outcome = await run(
      card.id,
      card.version,
      { action: 'dispatch', departmentId, assigneeId: v.assigneeId, note: v.note?.trim() || undefined },
      { form, quiet: true },
    );
    setSaving(false);
    if (outcome.ok) onAssigned(members.find((m) => m.id === v.assigneeId)?.name ?? '');
    if (outcome.ok || outcome.conflict) onClose();
  };

  return (
    <Modal
      open
      title={t('board.assignTitle', { number: card.number })}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.back')}
        </Button>,
        <Button key="ok" type="primary" loading={saving} data-testid="assign-submit" onClick={submit}>
          {card.assigneeId ? t('board.reassign') : t('board.assign')}
        </Button>,
      ]}
      width={480}
      destroyOnHidden
      maskClosable={false}
    >
      <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 12 }}>
        {card.unitLabel ? `${card.unitLabel} · ` : ''}
        {card.description}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{}}>
        <Form.Item
          name="assigneeId"
          label={t('board.assignTo')}
          rules={[{ required: true, message: t('board.assignRequired') }]}
        >
          <Radio.Group className="assign-list" data-testid="assign-members">
            {list.map((m) => (
              <Radio key={m.id} value={m.id} className="assign-option">
                <span className="assign-name" data-testid="assign-member" data-name={m.name}>
                  {m.name}
                </span>
                {m.roles.includes('dept_lead') ? <Tag bordered={false}>{t('board.lead')}</Tag> : null}
                {m.id === card.assigneeId ? <Tag color="blue">{t('board.current')}</Tag> : null}
                <span className={`assign-load assign-load-${loadLevel(m.openCount)}`}>
                  {t('board.openCount', { n: m.openCount })}
                </span>
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('action.note')} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** How loaded a person is: light (0–1 open orders), normal (2–3), heavy (4+). */
export function loadLevel(n: number): 'light' | 'normal' | 'heavy' {
  return n <= 1 ? 'light' : n <= 3 ? 'normal' : 'heavy';
}
