/**
 * 时限设置: the clock numbers of the estate chosen in the header, by card, each with its unit and the
 * seed's default beside it. The estate manager and the company edit them (saved with the version read:
 * a concurrent change reloads the page's values); supervisors see them read-only.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { Role } from '@wuye/contracts';
import { Alert, App, Button, Card, Col, Empty, Form, Row, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { formatDateTime } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { PageSpin } from '../../../shared/ui/PageSpin';
import { QueryError } from '../../../shared/ui/QueryError';
import { SettingRow } from '../components/SettingRow';
import {
  differingPaths,
  type FormValues,
  formFieldOf,
  fromForm,
  GROUPS,
  type Group,
  toForm,
} from '../lib/fields';
import {
  type EstateSlaSettings,
  resetSlaSettings,
  saveSlaSettings,
  slaSettingsKey,
  useSlaSettings,
} from '../settings.api';
import '../settings.css';

/** SLA_EDITORS of the server's settings routes: who may change an estate's clock settings. */
const EDITORS: readonly Role[] = ['manager', 'hq_cs', 'gm'];

export default function SlaSettingsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { estateId, estate, estates, setEstateId } = useEstate();
  const query = useSlaSettings(estateId);
  const readOnly = !user.roles.some((r) => EDITORS.includes(r));

  const header = (
    <PageHeader
      title={t('settings.title')}
      subtitle={estate ? t('settings.subtitle', { estate: estate.name }) : undefined}
      extra={readOnly ? <Tag bordered={false}>{t('settings.readOnlyTag')}</Tag> : undefined}
    />
  );

  if (!estateId) {
    return (
      <>
        {header}
        <Card>
          <Empty description={t('settings.chooseEstate')} image={Empty.PRESENTED_IMAGE_SIMPLE}>
            <Typography.Paragraph type="secondary">{t('settings.chooseEstateHint')}</Typography.Paragraph>
            <Space wrap>
              {estates.map((e) => (
                <Button key={e.id} onClick={() => setEstateId(e.id)} data-testid={`settings-estate-${e.id}`}>
                  {e.name}
                </Button>
              ))}
            </Space>
          </Empty>
        </Card>
      </>
    );
  }

  return (
    <>
      {header}
      {query.isError ? <QueryError error={query.error} onRetry={() => query.refetch()} /> : null}
      {query.isPending ? <PageSpin /> : null}
      {query.data ? (
        <SlaSettingsForm
          // A new version (saved here or elsewhere) starts the form afresh from the server's values.
          key={`${estateId}:${query.data.version}`}
          estateId={estateId}
          data={query.data}
          readOnly={readOnly}
        />
      ) : null}
    </>
  );
}

function SlaSettingsForm({
  estateId,
  data,
  readOnly,
}: {
  estateId: string;
  data: EstateSlaSettings;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const initial = useMemo(() => toForm(data.settings), [data.settings]);
  const defaults = useMemo(() => toForm(data.defaults), [data.defaults]);
  const [values, setValues] = useState<FormValues>(initial);
  const [busy, setBusy] = useState<'save' | 'reset' | null>(null);
  const unsaved = differingPaths(values, initial).length;
  const overriddenCount = differingPaths(values, defaults).length;

  const fail = (error: unknown) => {
    if (isApiError(error) && error.code === 'CONFLICT') {
      message.warning({ content: t('settings.conflict'), key: 'sla-settings-conflict', duration: 6 });
      void client.invalidateQueries({ queryKey: slaSettingsKey(estateId) });
      return;
    }
    if (isApiError(error) && Object.keys(error.fields).length > 0) {
      const known = new Set(Object.keys(initial));
      const fields = Object.entries(error.fields).map(([path, text]) => ({
        name: formFieldOf(path),
        errors: [text],
      }));
      form.setFields(fields.filter((f) => known.has(f.name)));
      message.error(t('settings.invalid'));
      return;
    }
    message.error(error instanceof Error && error.message ? error.message : t('common.loadFailed'));
  };

  const done = (fresh: EstateSlaSettings, text: string) => {
    client.setQueryData(slaSettingsKey(estateId), fresh);
    message.success(text);
  };

  const save = async (formValues: FormValues) => {
    setBusy('save');
    try {
      done(
        await saveSlaSettings(estateId, fromForm({ ...values, ...formValues }, data.settings), data.version),
        t('settings.saved'),
      );
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const resetAll = () =>
    modal.confirm({
      title: t('settings.resetConfirmTitle'),
      content: t('settings.resetConfirmText', { n: data.overridden.length }),
      okText: t('settings.resetConfirmOk'),
      cancelText: t('settings.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'settings-reset-confirm' },
      onOk: async () => {
        setBusy('reset');
        try {
          done(await resetSlaSettings(estateId, data.version), t('settings.resetDone'));
        } catch (e) {
          fail(e);
        } finally {
          setBusy(null);
        }
      },
    });

  const restore = (paths: string[]) => {
    const patch: FormValues = Object.fromEntries(paths.map((p) => [p, defaults[p] ?? null]));
    form.setFieldsValue(patch);
    form.setFields(paths.map((name) => ({ name, errors: [] })));
    setValues((v) => ({ ...v, ...patch }));
  };

  const discard = () => {
    form.resetFields();
    setValues(initial);
  };

  const renderGroup = (g: Group) => (
    <Card
      key={g.key}
      title={t(g.title)}
      size="small"
      className="settings-card"
      data-testid={`settings-group-${g.key}`}
    >
      {g.note ? <div className="settings-card-note">{t(g.note)}</div> : null}
      {g.fields.map((f) =>
        f.kind === 'sameDay' ? (
          <div className="settings-row" key="sameDay">
            <div className="settings-row-label">
              <div className="settings-row-title">{t(f.label)}</div>
              <div className="settings-row-help">
                {t('settings.help.publicMinor', { night: String(values['night.start'] ?? '') })}
              </div>
            </div>
            <div className="settings-row-side settings-row-fixed">{t('settings.value.sameDay')}</div>
          </div>
        ) : (
          <SettingRow
            key={f.path}
            field={f}
            values={values}
            defaults={defaults}
            readOnly={readOnly}
            onRestore={restore}
          />
        ),
      )}
      {g.fields.some((f) => f.kind === 'number' && f.counting) ? (
        <div className="settings-card-note settings-card-footnote">{t('settings.countingHint')}</div>
      ) : null}
    </Card>
  );

  return (
    <Form
      form={form}
      initialValues={initial}
      onValuesChange={(_, all) => setValues((v) => ({ ...v, ...all }))}
      onFinish={save}
      onFinishFailed={() => message.error(t('settings.invalid'))}
      disabled={busy !== null}
      data-testid="settings-form"
    >
      <Alert type="info" showIcon message={t('settings.appliesNote')} className="settings-alert" />
      {readOnly ? (
        <Alert type="warning" showIcon message={t('settings.readOnly')} className="settings-alert" />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {GROUPS.filter((g) => ['repair', 'public', 'callback'].includes(g.key)).map(renderGroup)}
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {GROUPS.filter((g) => !['repair', 'public', 'callback'].includes(g.key)).map(renderGroup)}
          </Space>
        </Col>
      </Row>

      <div className="settings-actions" data-testid="settings-actions">
        <div className="settings-actions-info">
          <span data-testid="settings-overridden-count">
            {overriddenCount > 0
              ? t('settings.overriddenCount', { n: overriddenCount })
              : t('settings.allDefault')}
          </span>
          <Typography.Text type="secondary" data-testid="settings-version">
            {data.version > 0 && data.updatedAt
              ? t('settings.lastChange', {
                  version: data.version,
                  name: data.updatedByName ?? '',
                  time: formatDateTime(data.updatedAt),
                })
              : t('settings.neverChanged')}
          </Typography.Text>
          {unsaved > 0 ? (
            <Tag color="orange" bordered={false} data-testid="settings-unsaved">
              {t('settings.unsaved', { n: unsaved })}
            </Tag>
          ) : null}
        </div>
        {readOnly ? null : (
          <Space wrap>
            <Button onClick={discard} disabled={unsaved === 0} data-testid="settings-discard">
              {t('settings.discard')}
            </Button>
            <Button
              danger
              onClick={resetAll}
              disabled={data.overridden.length === 0}
              loading={busy === 'reset'}
              data-testid="settings-reset"
            >
              {t('settings.resetAll')}
            </Button>
            <Button
              type="primary"
              htmlType="submit"
              disabled={unsaved === 0}
              loading={busy === 'save'}
              data-testid="settings-save"
            >
              {t('settings.save')}
            </Button>
          </Space>
        )}
      </div>
    </Form>
  );
}
