/**
 * What a signed-in user gets: the staff workspace with the estate context and live updates, or, for a
 * resident account, a pointer to the resident portal (this desk is for property staff).
 */
import { Button, Result } from 'antd';
import { LiveUpdates } from '../../modules/live/components/LiveUpdates';
import { useAuth, useCurrentUser } from '../auth/AuthProvider';
import { EstateProvider } from '../estate/EstateProvider';
import { useI18n } from '../i18n/I18nProvider';
import { MainLayout } from './MainLayout';
import { isStaff } from './nav';

export default function StaffShell() {
  const user = useCurrentUser();
  const { logout } = useAuth();
  const { t } = useI18n();

  if (!isStaff(user.roles)) {
    return (
      <Result
        status="info"
        title={t('error.residentTitle')}
        subTitle={t('error.residentText')}
        extra={
          <Button data-testid="logout" onClick={() => logout()}>
            {t('header.logout')}
          </Button>
        }
        style={{ paddingTop: 120 }}
      />
    );
  }

  return (
    <EstateProvider>
      <LiveUpdates />
      <MainLayout />
    </EstateProvider>
  );
}
