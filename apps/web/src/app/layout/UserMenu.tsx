import { DownOutlined, LogoutOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@wuye/contracts';
import { App, Avatar, Dropdown, Space, Typography } from 'antd';
import { useAuth, useCurrentUser } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';

export function UserMenu() {
  const user = useCurrentUser();
  const { logout } = useAuth();
  const { t, label, locale } = useI18n();
  const { message } = App.useApp();
  const roleNames = user.roles.map((r) => label(ROLE_LABELS, r));
  const separator = locale === 'zh-CN' ? '、' : ', ';

  const onLogout = async () => {
    await logout();
    message.success({ content: t('header.loggedOut'), key: 'logged-out' });
  };

  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: [
          {
            key: 'profile',
            disabled: true,
            label: (
              <div className="user-menu-profile">
                <Typography.Text strong>{user.name}</Typography.Text>
                <Typography.Text type="secondary">{roleNames.join(separator)}</Typography.Text>
                <Typography.Text type="secondary">{user.companyName}</Typography.Text>
              </div>
            ),
          },
          { type: 'divider' },
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            danger: true,
            label: <span data-testid="logout">{t('header.logout')}</span>,
            onClick: onLogout,
          },
        ],
      }}
    >
      <button type="button" className="user-menu-trigger" data-testid="user-menu">
        <Space size={10}>
          <Avatar size={32} style={{ background: 'var(--wuye-primary)' }}>
            {avatarText(user.name)}
          </Avatar>
          <span className="user-menu-text">
            <span className="user-menu-name">{user.name}</span>
            <span className="user-menu-role">{roleNames.join(separator)}</span>
          </span>
          <DownOutlined style={{ fontSize: 10, color: '#8c8c8c' }} />
        </Space>
      </button>
    </Dropdown>
  );
}

/** Two characters for the avatar: the given name of a Chinese name, initials of a Latin one. */
function avatarText(name: string): string {
  const trimmed = name.trim();
  if (/[\u3400-\u9fff]/.test(trimmed)) return trimmed.length > 2 ? trimmed.slice(-2) : trimmed;
  const initials = trimmed
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('');
  return initials.slice(0, 2).toUpperCase();
}
