/**
 * The technician's frame: phone first — a slim top bar (brand, language, sign out, back to the desk for
 * those who also use it) and one column of content; no side menu. Live like the desk: an order
 * dispatched to me or changed by the desk shows up without a reload.
 */
import { HomeOutlined, LogoutOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet } from 'react-router-dom';
import { useAuth, useCurrentUser } from '../../../app/auth/AuthProvider';
import { EstateProvider } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { LanguageSwitch } from '../../../app/layout/LanguageSwitch';
import { BrandMark } from '../../../shared/ui/BrandMark';
import { PageSpin } from '../../../shared/ui/PageSpin';
import { LiveUpdates } from '../../live/components/LiveUpdates';
import '../../requests/requests.css';
import '../tech.css';

export default function TechShell() {
  return (
    <EstateProvider>
      <TechFrame />
    </EstateProvider>
  );
}

function TechFrame() {
  const user = useCurrentUser();
  const { logout } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();

  return (
    <div className="tech-shell">
      <LiveUpdates />
      <header className="tech-bar">
        <Link to="/tech" className="tech-brand">
          <BrandMark size={28} />
          <span className="tech-brand-text">
            <span className="tech-brand-name">{t('tech.title')}</span>
            <span className="tech-brand-user">{user.name}</span>
          </span>
        </Link>
        <div className="tech-bar-actions">
          <Tooltip title={t('tech.toDesk')}>
            <Link to="/">
              <Button type="text" icon={<HomeOutlined />} aria-label={t('tech.toDesk')} />
            </Link>
          </Tooltip>
          <LanguageSwitch />
          <Tooltip title={t('header.logout')}>
            <Button
              type="text"
              icon={<LogoutOutlined />}
              aria-label={t('header.logout')}
              data-testid="logout"
              onClick={async () => {
                await logout();
                message.success({ content: t('header.loggedOut'), key: 'logged-out' });
              }}
            />
          </Tooltip>
        </div>
      </header>
      <main className="tech-main">
        <Suspense fallback={<PageSpin />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
