/** 交接完成: who handed over, who received, the notes; the night's requests go with it. */
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { useEstateStaff } from '../../requests/requests.api';
import { type NightShift, postHandover } from '../handover.api';

type Values = { handedOverById?: string; receivedById?: string; notes?: string };

export function HandoverForm({ shift }: { shift: NightShift }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const staff = useEstateStaff(shift.estateId);
  const people = (staff.data?.items ?? []).filter((s) => s.active && !s.roles.includes('resident'));
  const nightFirst = [...people].sort(
    (a, b) => Number(b.roles.includes('control_room')) - Number(a.roles.includes('control_room')),
  );
  const nightShift = user.roles.includes('control_room');
  const defaultNight = nightFirst.find((p) => p.roles.includes('control_room') && p.id !== user.id)?.id;
  const waiting = shift.items.filter((i) => i.state === 'new').length;
  const option = (p: (typeof people)[number]) => ({
    value: p.id,
    label: p.departmentName ? `${p.name}（${p.departmentName}）` : p.name,
    title: p.name,
  });

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await postHandover({
        estateId: shift.estateId,
        shiftDate: shift.shiftDate,
        handedOverById: v.handedOverById!,
        receivedById: v.receivedById!,
        requestIds: shift.items.map((i) => i.id),
        notes: v.notes?.trim() || undefined,
      });
      message.success(t('handover.saved'));
      void client.invalidateQueries({ queryKey: ['requests', 'night-shift'] });
      // Each request handed over has the hand-over on its timeline now.
      void client.invalidateQueries({ queryKey: ['request'] });
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) {
        form.setFields(
          Object.entries(e.fields)
            .filter(([k]) => ['handedOverById', 'receivedById', 'notes'].includes(k))
            .map(([name, text]) => ({ name: name as keyof Values, errors: [text] })),
        );
        const other = Object.entries(e.fields).filter(
          ([k]) => !['handedOverById', 'receivedById', 'notes'].includes(k),
        );
        if (other.length) message.error(other.map(([, m]) => m).join('；'));
      } else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={t('handover.record')}
      className="handover-form"
      data-testid="handover-form"
      extra={<Typography.Text type="secondary">{t('handover.notRecorded')}</Typography.Text>}
    >
      {staff.isPending ? null : (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={
            nightShift ? { handedOverById: user.id } : { receivedById: user.id, handedOverById: defaultNight }
          }
        >
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                name="handedOverById"
                label={t('handover.handedOverBy')}
                rules={[{ required: true, message: t('handover.personRequired') }]}
              >
                <Select
                  data-testid="handover-from"
                  showSearch
                  optionFilterProp="label"
                  options={nightFirst.map(option)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                name="receivedById"
                label={t('handover.receivedByPerson')}
                rules={[{ required: true, message: t('handover.personRequired') }]}
              >
                <Select
                  data-testid="handover-to"
                  showSearch
                  optionFilterProp="label"
                  options={people.map(option)}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="notes" label={t('handover.notes')}>
                <Input.TextArea
                  data-testid="handover-notes"
                  rows={1}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  maxLength={2000}
                  placeholder={t('handover.notesPlaceholder')}
                />
              </Form.Item>
            </Col>
          </Row>
          <div className="handover-form-foot">
            <Typography.Text type="secondary">
              {t('handover.count', { n: shift.items.length })}
              {waiting ? ` · ${t('handover.waitingHint', { n: waiting })}` : ''}
            </Typography.Text>
            <Button type="primary" loading={saving} onClick={submit} data-testid="handover-submit">
              {t('handover.confirm')}
            </Button>
          </div>
        </Form>
      )}
    </Card>
  );
}
