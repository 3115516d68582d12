import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useCurrentUser } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { canUse, NAV_ITEMS } from './nav';

/** Shows a page only to the roles its menu item lists (the server checks again on every call). */
export function RequireRoute({ path, children }: { path: string; children: ReactNode }) {
  const user = useCurrentUser();
  const { t } = useI18n();
  const item = NAV_ITEMS.find((i) => i.path === path);
  if (item && !canUse(item, user.roles))
    return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <>{children}</>;
}
