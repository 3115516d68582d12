/**
 * One order on the technician's phone: the job, the clocks, big buttons for the next steps, and the
 * completion form with the resident's signature on the canvas.
 */
import { ArrowLeftOutlined, EnvironmentOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { RESIDENT_REVEAL_ROLES, type RequestAction } from '@wuye/contracts';
import { Button, Card, Form, Result, Skeleton, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import { QueryError } from '../../../shared/ui/QueryError';
import { RequestStateTag, RequestTypeTag } from '../../../shared/ui/RequestTags';
import { PaymentCard } from '../../payments/components/PaymentCard';
import { ActionModal } from '../../requests/components/ActionModal';
import {
  CompleteFields,
  type CompleteValues,
  completeBody,
  completeDefaults,
} from '../../requests/components/CompleteFields';
import { RequestClocks } from '../../requests/components/RequestClocks';
import type { SignaturePadHandle } from '../../requests/components/SignaturePad';
import { useActionLabel } from '../../requests/components/useActionLabel';
import { useRequestAction } from '../../requests/components/useRequestAction';
import { availableActions } from '../../requests/lib/actions';
import { maskPhone } from '../../requests/lib/format';
import { type RequestDetail, uploadFile, useRequestDetail } from '../../requests/requests.api';
import { RevealButton } from '../../residents/components/RevealButton';
import { revealReporterPhone } from '../../residents/residents.api';

const STEP_ACTIONS: readonly RequestAction[] = ['accept', 'arrive', 'start'];
const SIDE_ACTIONS: readonly RequestAction[] = ['quote', 'hold', 'resume'];

export default function TechOrderPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const query = useRequestDetail(id);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (!query.data)
    return query.error ? (
      <QueryError error={query.error} onRetry={() => query.refetch()} />
    ) : (
      <Result status="404" title={t('detail.notFound')} />
    );
  return <TechOrder detail={query.data} />;
}

function TechOrder({ detail }: { detail: RequestDetail }) {
  const user = useCurrentUser();
  const { t } = useI18n();
  const { estates } = useEstate();
  const actionLabel = useActionLabel();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [acting, setActing] = useState<RequestAction | null>(null);
  const timeZone = estates.find((e) => e.id === detail.estateId)?.timeZone;
  const actions = availableActions(detail, user);
  // The assigned technician may see the reporter's number of an open order (each view recorded).
  const mayReveal =
    user.roles.some((r) => RESIDENT_REVEAL_ROLES.includes(r)) ||
    (detail.assigneeId === user.id && !['closed', 'cancelled'].includes(detail.state));
  const canComplete = actions.includes('complete');
  const completing = canComplete && params.get('complete') === '1';
  const steps = actions.filter((a) => STEP_ACTIONS.includes(a));
  const side = actions.filter((a) => SIDE_ACTIONS.includes(a));

  const setCompleting = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set('complete', '1');
    else next.delete('complete');
    setParams(next, { replace: true });
  };

  return (
    <div className="tech-order">
      <Link to="/tech" className="tech-back">
        <ArrowLeftOutlined /> {t('tech.back')}
      </Link>
      <Card className="tech-order-card">
        <div className="tech-card-top">
          <span className="mono tech-card-number" data-testid="request-number">
            {detail.number}
          </span>
          <span className="tech-card-tags">
            <RequestTypeTag type={detail.type} />
            <span data-testid="request-state" data-state={detail.state}>
              <RequestStateTag state={detail.state} />
            </span>
          </span>
        </div>
        <div className="tech-card-place tech-order-place">
          <EnvironmentOutlined /> {detail.unitLabel ?? detail.locationText ?? t('common.none')}
        </div>
        <Typography.Paragraph className="tech-order-text">{detail.description}</Typography.Paragraph>
        <dl className="tech-facts">
          <dt>{t('request.reporter')}</dt>
          <dd>
            <UserOutlined /> {detail.reporterName ?? t('common.none')}{' '}
            {detail.reporterPhone ? (
              <RevealButton
                masked={maskPhone(detail.reporterPhone)}
                allowed={mayReveal}
                reveal={() => revealReporterPhone(detail.id)}
                testId="tech-phone-reveal"
              />
            ) : null}
          </dd>
          {detail.categoryName ? (
            <>
              <dt>{t('detail.category')}</dt>
              <dd>{detail.categoryName}</dd>
            </>
          ) : null}
          {detail.appointmentAt ? (
            <>
              <dt>{t('print.appointment')}</dt>
              <dd>{formatDateTime(detail.appointmentAt, timeZone)}</dd>
            </>
          ) : null}
          <dt>{t('detail.assignee')}</dt>
          <dd>
            {[detail.departmentName, detail.assigneeName].filter(Boolean).join(' / ') || t('common.none')}
            {detail.assigneeId ? null : (
              <Tag color="orange" style={{ marginLeft: 6 }}>
                {t('tech.unassigned')}
              </Tag>
            )}
          </dd>
        </dl>
        {detail.quote?.needsApproval && !detail.quote.approvedAt ? (
          <Tag color="orange">{t('quote.needsApproval')}</Tag>
        ) : null}
      </Card>

      {!completing ? (
        <div className="tech-steps">
          {steps.map((a) => (
            <Button
              key={a}
              type="primary"
              size="large"
              block
              data-testid={`action-${a}`}
              onClick={() => setActing(a)}
            >
              {actionLabel(a)}
            </Button>
          ))}
          {canComplete ? (
            <Button
              type={steps.length ? 'default' : 'primary'}
              size="large"
              block
              data-testid="action-complete"
              onClick={() => setCompleting(true)}
            >
              {actionLabel('complete')}
            </Button>
          ) : null}
          {side.length ? (
            <div className="tech-side">
              {side.map((a) => (
                <Button key={a} size="large" data-testid={`action-${a}`} onClick={() => setActing(a)}>
                  {actionLabel(a)}
                </Button>
              ))}
            </div>
          ) : null}
          {actions.length === 0 ? (
            <Typography.Text type="secondary">{t('tech.nothingToDo')}</Typography.Text>
          ) : null}
        </div>
      ) : (
        <CompleteCard
          detail={detail}
          onCancel={() => setCompleting(false)}
          onDone={() => navigate('/tech', { replace: true })}
        />
      )}

      {completing ? null : (
        <PaymentCard detail={detail} timeZone={timeZone} large size="small" className="tech-payment" />
      )}

      <Card title={t('detail.clocks')} size="small" className="tech-clocks">
        <RequestClocks detail={detail} timeZone={timeZone} />
      </Card>

      {acting ? <ActionModal action={acting} detail={detail} onClose={() => setActing(null)} /> : null}
    </div>
  );
}

function CompleteCard({
  detail,
  onCancel,
  onDone,
}: {
  detail: RequestDetail;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const actionLabel = useActionLabel();
  const client = useQueryClient();
  const [form] = Form.useForm<CompleteValues>();
  const { run } = useRequestAction();
  const signature = useRef<SignaturePadHandle>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let v: CompleteValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      let signatureFileId: string | undefined;
      if (v.method === 'signature') {
        const blob = await signature.current?.toBlob();
        if (!blob) {
          form.setFields([{ name: 'method', errors: [t('complete.signatureRequired')] }]);
          return;
        }
        signatureFileId = await uploadFile(client, blob, {
          estateId: detail.estateId,
          kind: 'signature',
          name: `signature-${detail.number}.png`,
        });
      }
      const outcome = await run(detail.id, detail.version, completeBody(v, signatureFileId), { form });
      if (outcome.ok) onDone();
    } catch (e) {
      form.setFields([{ name: 'method', errors: [e instanceof Error ? e.message : String(e)] }]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={actionLabel('complete')} className="tech-complete">
      <Form<CompleteValues>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={completeDefaults(detail)}
      >
        <CompleteFields form={form} detail={detail} signatureRef={signature} compact />
        <div className="tech-complete-actions">
          <Button
            type="primary"
            size="large"
            block
            data-testid="action-submit"
            loading={saving}
            onClick={submit}
          >
            {t('tech.submitComplete')}
          </Button>
          <Button size="large" block onClick={onCancel}>
            {t('action.back')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
