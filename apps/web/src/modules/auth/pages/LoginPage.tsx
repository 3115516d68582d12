/** Sign-in: brand panel on the left (wide screens), the form on the right. */
import {
  ClockCircleOutlined,
  LockOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../../app/auth/AuthProvider';
import { safeRedirect } from '../../../app/auth/RequireAuth';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { LanguageSwitch } from '../../../app/layout/LanguageSwitch';
import { isApiError } from '../../../shared/api/client';
import { BrandMark } from '../../../shared/ui/BrandMark';
import { SkylineArt } from '../components/SkylineArt';

type LoginForm = { username: string; password: string };
type Failure =
  | { kind: 'locked'; message: string; until: number | null; username: string }
  | { kind: 'error'; message: string };

export default function LoginPage() {
  const { status, login } = useAuth();
  const { t } = useI18n();
  const [form] = Form.useForm<LoginForm>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const now = useNow(failure?.kind === 'locked' && failure.until !== null);
  const redirect = safeRedirect(params.get('redirect'));
  const username = Form.useWatch('username', form) ?? '';

  if (status === 'authenticated' && !submitting) return <Navigate to={redirect} replace />;

  // The server locks a user name (and, after many more failures, an address): only hold back the
  // button for the name that was locked, so a colleague can still sign in at the same desk.
  const lockedFor =
    failure?.kind === 'locked' && failure.until !== null && failure.username === username.trim().toLowerCase()
      ? Math.max(0, Math.ceil((failure.until - now) / 1000))
      : 0;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(redirect, { replace: true });
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.code === 'RATE_LIMITED' || e.status === 429) {
        setFailure({
          kind: 'locked',
          message: e.message,
          until: e.retryAfter !== null ? Date.now() + e.retryAfter * 1000 : null,
          username: values.username.trim().toLowerCase(),
        });
      } else {
        setFailure({ kind: 'error', message: e.message });
        const fieldErrors = Object.entries(e.fields)
          .filter(([name]) => name === 'username' || name === 'password')
          .map(([name, msg]) => ({ name: name as keyof LoginForm, errors: [msg] }));
        if (fieldErrors.length) form.setFields(fieldErrors);
      }
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  const formatWait = (seconds: number) =>
    `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

  return (
    <div className="login-page">
      <aside className="login-hero">
        <div className="login-hero-inner">
          <div className="login-brand">
            <BrandMark size={40} />
            <div>
              <div className="login-brand-name">{t('app.name')}</div>
              <div className="login-brand-alt">{t('app.tagline')}</div>
            </div>
          </div>
          <div className="login-hero-copy">
            <h1>{t('login.heroTitle')}</h1>
            <p>{t('login.heroText')}</p>
          </div>
          <ul className="login-features">
            <Feature
              icon={<SolutionOutlined />}
              title={t('login.feature1Title')}
              text={t('login.feature1Text')}
            />
            <Feature
              icon={<ClockCircleOutlined />}
              title={t('login.feature2Title')}
              text={t('login.feature2Text')}
            />
            <Feature
              icon={<SafetyCertificateOutlined />}
              title={t('login.feature3Title')}
              text={t('login.feature3Text')}
            />
          </ul>
        </div>
        <SkylineArt />
      </aside>

      <main className="login-main">
        <div className="login-topbar">
          <div className="login-mobile-brand">
            <BrandMark size={28} />
            <span>{t('app.name')}</span>
          </div>
          <LanguageSwitch />
        </div>

        <div className="login-card">
          <Typography.Title level={2} className="login-title">
            {t('login.welcome')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" className="login-subtitle">
            {t('login.subtitle')}
          </Typography.Paragraph>

          {failure ? (
            <Alert
              className="login-alert"
              type={failure.kind === 'locked' ? 'warning' : 'error'}
              showIcon
              message={failure.kind === 'locked' ? t('login.lockedTitle') : t('login.failedTitle')}
              description={<span data-testid="login-error">{failure.message}</span>}
            />
          ) : null}

          <Form<LoginForm>
            form={form}
            layout="vertical"
            requiredMark={false}
            size="large"
            onFinish={onFinish}
            onValuesChange={() => {
              if (failure?.kind === 'error') setFailure(null);
            }}
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
            >
              <Input
                data-testid="login-username"
                prefix={<UserOutlined className="login-input-icon" />}
                placeholder={t('login.usernamePlaceholder')}
                autoComplete="username"
                autoFocus
                maxLength={64}
              />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password
                data-testid="login-password"
                prefix={<LockOutlined className="login-input-icon" />}
                placeholder={t('login.passwordPlaceholder')}
                autoComplete="current-password"
                maxLength={256}
              />
            </Form.Item>
            <Button
              data-testid="login-submit"
              type="primary"
              htmlType="submit"
              block
              loading={submitting}
              disabled={lockedFor > 0}
              className="login-submit"
            >
              {lockedFor > 0 ? t('login.submitWait', { time: formatWait(lockedFor) }) : t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" className="login-support">
            {t('login.support')}
          </Typography.Paragraph>
        </div>

        <footer className="login-footer">{t('login.footer', { year: new Date().getFullYear() })}</footer>
      </main>
    </div>
  );
}

function Feature({ icon, title, text }: { icon: ReactNode; title: string; text: string }) {
  return (
    <li className="login-feature">
      <span className="login-feature-icon">{icon}</span>
      <div>
        <div className="login-feature-title">{title}</div>
        <div className="login-feature-text">{text}</div>
      </div>
    </li>
  );
}

/** The current time, ticking every second while `active`. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}
