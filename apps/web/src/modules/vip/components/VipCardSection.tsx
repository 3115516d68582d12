/**
 * The resident page's VIP card: number, level, validity and status, and what the caller's role may do —
 * estate staff apply (the registration form), the company (hq_cs, gm) issues, approves or rejects,
 * renews, reissues a lost card and revokes with a reason.
 */
import { CrownOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { type Role, VIP_APPLY_ROLES, VIP_CARD_STATUS_LABELS, VIP_ISSUE_ROLES } from '@wuye/contracts';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import type { ResidentDetail } from '../../residents/residents.api';
import {
  applyVipCard,
  approveVipApplication,
  issueVipCard,
  refreshVip,
  reissueVipCard,
  rejectVipApplication,
  renewVipCard,
  revokeVipCard,
  useVipApplications,
  useVipCards,
} from '../vip.api';
import { levelKey, VIP_LEVEL_TEXT, VIP_STATUS_COLORS } from '../vip.labels';
import { ReasonDialog, registrationForm, VipApplyDialog } from './VipDialogs';

const can = (roles: readonly Role[], list: readonly Role[]) => roles.some((r) => list.includes(r));

export function VipCardSection({ resident, timeZone }: { resident: ResidentDetail; timeZone?: string }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const client = useQueryClient();
  const company = can(user.roles, VIP_ISSUE_ROLES);
  const estate = can(user.roles, VIP_APPLY_ROLES);
  const cards = useVipCards({ residentId: resident.id, pageSize: 20 }, { enabled: company || estate });
  const pending = useVipApplications(
    { residentId: resident.id, status: 'pending', pageSize: 1 },
    { enabled: company || estate },
  );
  const [dialog, setDialog] = useState<null | 'apply' | 'issue' | 'reject' | 'revoke'>(null);
  const list = cards.data?.items ?? [];
  const current = list.find((c) => c.status === 'active' || c.status === 'expired') ?? null;
  const last = current ?? list[0] ?? null;
  const application = pending.data?.items[0] ?? null;
  const gradeA = resident.grade === 'A';
  const done = () => refreshVip(client, resident.id);

  const actions: React.ReactNode[] = [];
  if (!current && gradeA && !application && estate && !company)
    actions.push(
      <Button
        key="apply"
        size="small"
        type="primary"
        onClick={() => setDialog('apply')}
        data-testid="vip-apply"
      >
        {t('vip.apply')}
      </Button>,
    );
  if (!current && gradeA && company && !application)
    actions.push(
      <Button
        key="issue"
        size="small"
        type="primary"
        onClick={() => setDialog('issue')}
        data-testid="vip-issue"
      >
        {t('vip.issue')}
      </Button>,
    );
  if (application && company)
    actions.push(
      <Button
        key="approve"
        size="small"
        type="primary"
        data-testid="vip-approve"
        onClick={() =>
          approveVipApplication(application.id).then(
            (a) => {
              message.success(t('vip.approved', { number: a.cardNumber ?? '' }));
              done();
            },
            (e: Error) => message.error(e.message),
          )
        }
      >
        {t('vip.approve')}
      </Button>,
      <Button key="reject" size="small" danger onClick={() => setDialog('reject')}>
        {t('vip.reject')}
      </Button>,
    );
  if (current && company) {
    actions.push(
      <Popconfirm
        key="renew"
        title={t('vip.renewConfirm')}
        onConfirm={() =>
          renewVipCard(current.id).then(
            (c) => {
              message.success(t('vip.renewed', { date: c.validUntil }));
              done();
            },
            (e: Error) => message.error(e.message),
          )
        }
      >
        <Button size="small" data-testid="vip-renew">
          {t('vip.renew')}
        </Button>
      </Popconfirm>,
    );
    if (current.status === 'active')
      actions.push(
        <Popconfirm
          key="reissue"
          title={t('vip.reissueConfirm', { number: current.number })}
          onConfirm={() =>
            reissueVipCard(current.id).then(
              (c) => {
                message.success(t('vip.reissued', { number: c.number }));
                done();
              },
              (e: Error) => message.error(e.message),
            )
          }
        >
          <Button size="small" data-testid="vip-reissue">
            {t('vip.reissue')}
          </Button>
        </Popconfirm>,
      );
    actions.push(
      <Button key="revoke" size="small" danger onClick={() => setDialog('revoke')} data-testid="vip-revoke">
        {t('vip.revoke')}
      </Button>,
    );
  }

  return (
    <Card
      style={{ marginTop: 16 }}
      data-testid="vip-section"
      title={
        <Space size={6}>
          <CrownOutlined style={{ color: '#d4a017' }} />
          {t('vip.card')}
        </Space>
      }
    >
      {last ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'number',
              label: t('vip.number'),
              children: (
                <Space>
                  <span className="mono" data-testid="vip-number">
                    {last.number}
                  </span>
                  <Tag color={VIP_STATUS_COLORS[last.status]} data-testid="vip-status">
                    {label(VIP_CARD_STATUS_LABELS, last.status)}
                  </Tag>
                </Space>
              ),
            },
            { key: 'level', label: t('vip.level'), children: label(VIP_LEVEL_TEXT, levelKey(last.level)) },
            {
              key: 'validity',
              label: t('vip.validity'),
              children: `${last.validFrom} ~ ${last.validUntil}`,
            },
            ...(last.revokedReason && last.status === 'revoked'
              ? [
                  {
                    key: 'reason',
                    label: t('vip.reasonTitle'),
                    children: last.revokedReason,
                  },
                ]
              : []),
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{gradeA ? t('vip.noCard') : t('vip.onlyA')}</Typography.Text>
      )}
      {application ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="vip-pending"
          message={t('vip.pending', {
            level: label(VIP_LEVEL_TEXT, levelKey(application.level)),
            name: application.requestedByName ?? '',
            time: formatDateTime(application.requestedAt, timeZone),
          })}
          description={application.form.qualification}
        />
      ) : null}
      {actions.length ? (
        <Space wrap style={{ marginTop: 12 }}>
          {actions}
        </Space>
      ) : null}

      <VipApplyDialog
        open={dialog === 'apply' || dialog === 'issue'}
        withForm={dialog === 'apply'}
        title={dialog === 'apply' ? t('vip.applyTitle') : t('vip.issue')}
        onClose={() => setDialog(null)}
        onSubmit={async (v) => {
          if (dialog === 'apply') {
            await applyVipCard(resident.id, v.level, registrationForm(v));
            message.success(t('vip.applied'));
          } else {
            const c = await issueVipCard(resident.id, v.level);
            message.success(t('vip.issued', { number: c.number }));
          }
          done();
        }}
      />
      <ReasonDialog
        open={dialog === 'reject' || dialog === 'revoke'}
        title={dialog === 'reject' ? t('vip.rejectTitle') : t('vip.revokeTitle')}
        placeholder={dialog === 'revoke' ? t('vip.revokePlaceholder') : undefined}
        onClose={() => setDialog(null)}
        onSubmit={async (reason) => {
          if (dialog === 'reject' && application) {
            await rejectVipApplication(application.id, reason);
            message.success(t('vip.rejected'));
          } else if (current) {
            await revokeVipCard(current.id, reason);
            message.success(t('vip.revoked'));
          }
          done();
        }}
      />
    </Card>
  );
}
