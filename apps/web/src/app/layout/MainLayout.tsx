/** The frame of every signed-in page: side menu by role, header with estate, language and user. */
import { MenuFoldOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Tooltip } from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { NotificationBell } from '../../modules/notifications/components/NotificationBell';
import { BrandMark } from '../../shared/ui/BrandMark';
import { PageSpin } from '../../shared/ui/PageSpin';
import { useCurrentUser } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { EstateSwitcher } from './EstateSwitcher';
import { LanguageSwitch } from './LanguageSwitch';
import { activeNavPath, canUse, NAV_ITEMS } from './nav';
import { UserMenu } from './UserMenu';

const COLLAPSED_KEY = 'wuye.sider.collapsed';

export function MainLayout() {
  const user = useCurrentUser();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(() => {
    try {
      return localStorage.getItem(COLLAPSED_KEY) === '1';
    } catch {
      return false;
    }
  });

  const toggle = (value: boolean) => {
    setCollapsed(value);
    try {
      localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
    } catch {
      // storage blocked
    }
  };

  const itemOf = (item: (typeof NAV_ITEMS)[number]) => ({
    key: item.path,
    icon: item.icon,
    label: item.badge ? (
      <span className="nav-label">
        {t(item.label)}
        <item.badge />
      </span>
    ) : (
      t(item.label)
    ),
  });
  // Items of a group become one submenu, where its first item would be.
  const visible = NAV_ITEMS.filter((item) => canUse(item, user.roles));
  const items: ({ key: string } & Record<string, unknown>)[] = [];
  for (const item of visible) {
    if (!item.group) {
      items.push(itemOf(item));
      continue;
    }
    const group = item.group;
    if (items.some((i) => i.key === group.key)) continue;
    items.push({
      key: group.key,
      icon: group.icon,
      label: t(group.label),
      children: visible.filter((i) => i.group?.key === group.key).map(itemOf),
    });
  }
  const activePath = activeNavPath(location.pathname);
  const activeGroup = NAV_ITEMS.find((i) => i.path === activePath)?.group?.key;

  return (
    <Layout className="app-shell">
      <Layout.Sider
        className="app-sider"
        width={216}
        collapsedWidth={64}
        collapsed={collapsed}
        breakpoint="lg"
        onBreakpoint={(broken) => {
          if (broken) setCollapsed(true);
        }}
        trigger={null}
        theme="dark"
      >
        <div className="app-brand">
          <BrandMark size={30} />
          {collapsed ? null : (
            <div className="app-brand-text">
              <div className="app-brand-name">{t('app.name')}</div>
              <div className="app-brand-company">{user.companyName}</div>
            </div>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[activePath]}
          defaultOpenKeys={activeGroup ? [activeGroup] : []}
          items={items}
          onClick={({ key }) => navigate(key)}
          className="app-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <div className="app-header-left">
            <Tooltip title={collapsed ? t('nav.expand') : t('nav.collapse')}>
              <Button
                type="text"
                aria-label={collapsed ? t('nav.expand') : t('nav.collapse')}
                icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => toggle(!collapsed)}
              />
            </Tooltip>
            <EstateSwitcher />
          </div>
          <div className="app-header-right">
            <NotificationBell />
            <LanguageSwitch />
            <UserMenu />
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
