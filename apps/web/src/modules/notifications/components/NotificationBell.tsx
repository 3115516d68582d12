/**
 * 通知: the bell in the header — my unread count, and a list of the latest notifications; opening one
 * marks it read and goes to the request it is about.
 */
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { formatDateTime } from '../../../shared/format';
import { useMarkRead, useNotifications } from '../notifications.api';
import '../notifications.css';

const KIND_COLORS: Record<string, string> = {
  complaint_responsible: 'blue',
  complaint_supervisor: 'cyan',
  complaint_collective: 'red',
  vip_birthday: 'magenta',
  vip_festival: 'gold',
};

/** Where a notification that is not about one request opens. */
const KIND_PAGES: Record<string, string> = {
  vip_birthday: '/vip?tab=reminders',
  vip_festival: '/vip?tab=reminders',
};

export function NotificationBell() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const query = useNotifications();
  const mark = useMarkRead();
  const unread = query.data?.unread ?? 0;
  const kindLabel = (kind: string) => {
    const key = `notifications.kind.${kind}` as MessageKey;
    const text = t(key);
    return text === key ? null : text;
  };

  const content = (
    <div className="notification-panel" data-testid="notification-panel">
      <div className="notification-head">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        {unread ? (
          <Button type="link" size="small" onClick={() => void mark.all()}>
            {t('notifications.readAll')}
          </Button>
        ) : null}
      </div>
      {query.data?.items.length ? (
        <List
          size="small"
          dataSource={query.data.items}
          renderItem={(n) => (
            <List.Item
              className={n.readAt ? 'notification-item' : 'notification-item notification-unread'}
              data-testid="notification-item"
              onClick={() => {
                if (!n.readAt) void mark.one(n.id);
                setOpen(false);
                if (n.requestId) navigate(`/requests/${n.requestId}`);
                else if (KIND_PAGES[n.kind]) navigate(KIND_PAGES[n.kind]!);
              }}
            >
              <div>
                <div>
                  {kindLabel(n.kind) ? (
                    <Tag color={KIND_COLORS[n.kind] ?? 'default'} bordered={false}>
                      {kindLabel(n.kind)}
                    </Tag>
                  ) : null}
                  <span>{n.title}</span>
                </div>
                <Typography.Text type="secondary" className="notification-time">
                  {n.body ? `${n.body} · ` : null}
                  {formatDateTime(n.createdAt)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} />
      )}
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Tooltip
        title={unread ? t('notifications.unread', { n: unread }) : t('notifications.title')}
        open={open ? false : undefined}
      >
        <Button type="text" aria-label={t('notifications.open')} data-testid="notification-bell">
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        </Button>
      </Tooltip>
    </Popover>
  );
}
