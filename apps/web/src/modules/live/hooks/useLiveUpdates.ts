/**
 * Live updates in the staff shell: one EventSource on GET /api/stream (the caller's estates). A changed
 * request refreshes the lists and home counts that may show it, and the request itself when it is on
 * screen at an older version (so acting on it rarely meets a 409); a clock alert refreshes the alert
 * and request lists, and one addressed to me (as owner or by role) shows a notice. Refreshes are
 * gathered for a moment, so a burst of events costs one refetch per query. If the stream fails for
 * good (e.g. the session ended) it tries again later; the pages' slow polling covers the gap.
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  type AlertRaisedEvent,
  DEADLINE_KIND_LABELS,
  type DeadlineKind,
  type RequestChangedEvent,
  type RequestDetail,
} from '@wuye/contracts';
import { App } from 'antd';
import { createElement, useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { requestKey } from '../../requests/requests.api';

/** How long events are gathered before the queries they touch are refreshed. */
const GATHER_MS = 400;
/** After the stream is closed for good (not a network blip, which EventSource retries itself). */
const RECONNECT_MS = 15_000;

export function isAddressedTo(alert: AlertRaisedEvent, user: { id: string; roles: readonly string[] }) {
  return (
    alert.recipientUserId === user.id ||
    (alert.recipientRole !== null && user.roles.includes(alert.recipientRole))
  );
}

export function useLiveUpdates() {
  const client = useQueryClient();
  const user = useCurrentUser();
  const { t, label } = useI18n();
  const { notification, message } = App.useApp();
  const navigate = useNavigate();
  // The latest translators and navigation without reconnecting when they change.
  const ui = useRef({ t, label, notification, message, navigate, user });
  ui.current = { t, label, notification, message, navigate, user };

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let reconnect: number | undefined;
    let gather: number | undefined;
    let lists = false;
    let alerts = false;
    const changed = new Map<string, RequestChangedEvent>();
    const missedOn = new Set<string>();

    const flush = () => {
      gather = undefined;
      if (lists) {
        void client.invalidateQueries({ queryKey: ['requests'] });
        void client.invalidateQueries({ queryKey: ['home'] });
        void client.invalidateQueries({ queryKey: ['desk-lookup'] });
        // Complaints' lists and the inbox change with the requests (grades, collective events).
        void client.invalidateQueries({ queryKey: ['complaints'] });
        void client.invalidateQueries({ queryKey: ['complaint-events'] });
        void client.invalidateQueries({ queryKey: ['notifications'] });
      }
      if (alerts) void client.invalidateQueries({ queryKey: ['alerts'] });
      for (const e of changed.values()) {
        const key = requestKey(e.id);
        const cached = client.getQueryData<RequestDetail>(key);
        // My own change is already in the cache by now (the answer to my request stored it).
        if (!cached || cached.version >= e.version) continue;
        void client.invalidateQueries({ queryKey: key });
        const onScreen = (client.getQueryCache().find({ queryKey: key })?.getObserversCount() ?? 0) > 0;
        if (onScreen) ui.current.message.info(ui.current.t('live.requestUpdated', { number: e.number }));
      }
      for (const id of missedOn) void client.invalidateQueries({ queryKey: requestKey(id) });
      lists = false;
      alerts = false;
      changed.clear();
      missedOn.clear();
    };
    const later = () => {
      gather ??= window.setTimeout(flush, GATHER_MS);
    };

    const onChanged = (ev: MessageEvent<string>) => {
      const e = JSON.parse(ev.data) as RequestChangedEvent;
      changed.set(e.id, e);
      lists = true;
      later();
    };
    const onAlert = (ev: MessageEvent<string>) => {
      const a = JSON.parse(ev.data) as AlertRaisedEvent;
      alerts = true;
      lists = true; // overdue marks and the priority order change
      missedOn.add(a.requestId); // its clocks changed (not its version)
      later();
      if (!isAddressedTo(a, ui.current.user)) return;
      const { t: tr, label: lb, notification: n, navigate: go } = ui.current;
      const kind =
        a.deadlineKind in DEADLINE_KIND_LABELS
          ? lb(DEADLINE_KIND_LABELS, a.deadlineKind as DeadlineKind)
          : a.deadlineKind;
      n.open({
        key: `alert-${a.id}`,
        type: a.kind === 'warning' ? 'warning' : 'error',
        message: tr(`live.alert.${a.kind}`, { kind, level: a.level }),
        description: tr('live.alert.body', { number: a.requestNumber }),
        placement: 'bottomRight',
        duration: a.kind === 'warning' ? 8 : 0,
        actions: createElement(
          'a',
          {
            href: `/requests/${a.requestId}`,
            'data-testid': 'live-alert-open',
            onClick: (e: MouseEvent) => {
              e.preventDefault();
              n.destroy(`alert-${a.id}`);
              go(`/requests/${a.requestId}`);
            },
          },
          tr('live.open'),
        ),
      });
    };

    const connect = () => {
      source = new EventSource('/api/stream');
      source.addEventListener('request.changed', onChanged as EventListener);
      source.addEventListener('alert.raised', onAlert as EventListener);
      source.onerror = () => {
        // EventSource retries by itself after a network blip; a refused stream is CLOSED for good.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reconnect = window.setTimeout(connect, RECONNECT_MS);
        }
      };
    };
    connect();
    return () => {
      source?.close();
      window.clearTimeout(reconnect);
      window.clearTimeout(gather);
    };
    // One stream per signed-in shell: it closes when the shell does (sign-out), not on re-renders.
  }, [client]);
}
