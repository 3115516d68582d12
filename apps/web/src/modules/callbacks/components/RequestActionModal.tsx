/**
 * Opens the request page's own forms from the callback list: the callback form (CallbackModal) or the
 * close form (ActionModal, closing as unreachable). The list carries no version, so the request is
 * read first; afterwards the callback lists and the quota progress are read again.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Modal, Skeleton } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { QueryError } from '../../../shared/ui/QueryError';
import { ActionModal } from '../../requests/components/ActionModal';
import { CallbackModal } from '../../requests/components/CallbackModal';
import { fetchRequest, requestKey } from '../../requests/requests.api';
import { refreshCallbacks } from '../callbacks.api';

export function RequestActionModal({
  requestId,
  kind,
  onClose,
}: {
  requestId: string;
  kind: 'callback' | 'close';
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [openedAt] = useState(() => Date.now());
  // Always the current version: a close sent with a stale one would only come back 409.
  const detail = useQuery({
    queryKey: requestKey(requestId),
    queryFn: ({ signal }) => fetchRequest(requestId, signal),
    staleTime: 0,
    refetchOnMount: 'always',
  });
  const close = () => {
    refreshCallbacks(client);
    onClose();
  };

  // Until the read made for this modal has come back (later refetches must not unmount the form).
  if (!detail.data || detail.dataUpdatedAt < openedAt)
    return (
      <Modal
        open
        title={t(kind === 'callback' ? 'callback.title' : 'callbacks.closeUnreachable')}
        footer={null}
        onCancel={onClose}
      >
        {detail.isError ? (
          <QueryError error={detail.error} onRetry={() => detail.refetch()} />
        ) : (
          <Skeleton active paragraph={{ rows: 4 }} />
        )}
      </Modal>
    );
  if (kind === 'callback')
    return (
      <CallbackModal
        detail={detail.data}
        onClose={close}
        onRework={() => message.warning(t('callback.reworkCreated'))}
      />
    );
  return <ActionModal action="close" detail={detail.data} onClose={close} />;
}
