/** Server calls of relationship work (客户关系维护): visits, reception days, mailbox, logs, notices, greetings. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CommitteeMeeting,
  CommitteeMeetingBody,
  CreateGreetingBody,
  CreateMailboxOpeningBody,
  CreateReceptionDayBody,
  CreateReceptionEntryBody,
  CreateVisitBody,
  CreateVisitPlanBody,
  DeveloperLog,
  DeveloperLogBody,
  GreetingCalendar,
  Mailbox,
  MailboxLetter,
  MailboxOpening,
  Notice,
  NoticeBody,
  ReceptionDay,
  UpdateNoticeBody,
  Visit,
  VisitCoverage,
  VisitPlanDetail,
  VisitPlanSummary,
} from '@wuye/contracts';
import { api } from '../../shared/api/client';

export type {
  CommitteeMeeting,
  DeveloperLog,
  GreetingCalendar,
  GreetingDue,
  Mailbox,
  MailboxLetter,
  MailboxOpening,
  Notice,
  ReceptionDay,
  ReceptionEntry,
  Visit,
  VisitCoverage,
  VisitPlanDetail,
  VisitPlanSummary,
} from '@wuye/contracts';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
const KEY = 'relations';

export function useCoverage(estateId: string | undefined, month: string, enabled = true) {
  return useQuery({
    queryKey: [KEY, 'coverage', estateId, month],
    queryFn: ({ signal }) => api.get<VisitCoverage>('/visit-coverage', { estateId, month }, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}
export function usePlans(estateId: string | undefined, month: string) {
  return useQuery({
    queryKey: [KEY, 'plans', estateId, month],
    queryFn: ({ signal }) =>
      api.get<{ items: VisitPlanSummary[] }>('/visit-plans', { estateId, month }, { signal }),
    placeholderData: keepPreviousData,
  });
}
export function usePlan(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'plan', id],
    queryFn: ({ signal }) => api.get<VisitPlanDetail>(`/visit-plans/${id}`, undefined, { signal }),
    enabled: Boolean(id),
  });
}
export function useVisits(estateId: string | undefined, month: string, page: number) {
  return useQuery({
    queryKey: [KEY, 'visits', estateId, month, page],
    queryFn: ({ signal }) =>
      api.get<Paged<Visit>>('/visits', { estateId, month, page, pageSize: 20 }, { signal }),
    placeholderData: keepPreviousData,
  });
}
export const createPlan = (body: CreateVisitPlanBody) => api.post<VisitPlanDetail>('/visit-plans', body);
export const createVisit = (body: CreateVisitBody) => api.post<Visit>('/visits', body);

export function useReceptionDays(estateId: string | undefined, year?: number) {
  return useQuery({
    queryKey: [KEY, 'reception-days', estateId, year],
    queryFn: ({ signal }) =>
      api.get<{ items: ReceptionDay[] }>('/reception-days', { estateId, year }, { signal }),
  });
}
export function useReceptionDay(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'reception-day', id],
    queryFn: ({ signal }) => api.get<ReceptionDay>(`/reception-days/${id}`, undefined, { signal }),
    enabled: Boolean(id),
  });
}
export const scheduleReception = (body: CreateReceptionDayBody) =>
  api.post<ReceptionDay>('/reception-days', body);
export const addReceptionEntry = (id: string, body: CreateReceptionEntryBody) =>
  api.post<ReceptionDay>(`/reception-days/${id}/entries`, body);

export function useMailbox(estateId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'mailbox', estateId],
    queryFn: ({ signal }) => api.get<Mailbox>('/mailbox', { estateId }, { signal }),
  });
}
export const openMailbox = (body: CreateMailboxOpeningBody) =>
  api.post<MailboxOpening>('/mailbox/openings', body);
export const replyLetter = (id: string, reply: string, version: number) =>
  api.post<MailboxLetter>(`/mailbox/letters/${id}/reply`, { reply, version });

export function useMeetings(estateId: string | undefined, year: number) {
  return useQuery({
    queryKey: [KEY, 'meetings', estateId, year],
    queryFn: ({ signal }) =>
      api.get<{ items: CommitteeMeeting[]; held: number; target: number }>(
        '/committee-meetings',
        { estateId, year },
        { signal },
      ),
  });
}
export const createMeeting = (body: CommitteeMeetingBody) =>
  api.post<CommitteeMeeting>('/committee-meetings', body);
export const updateMeeting = (
  id: string,
  body: Omit<CommitteeMeetingBody, 'estateId'> & { version: number },
) => api.put<CommitteeMeeting>(`/committee-meetings/${id}`, body);
export function useDeveloperLogs(estateId: string | undefined, year: number) {
  return useQuery({
    queryKey: [KEY, 'developer', estateId, year],
    queryFn: ({ signal }) =>
      api.get<{ items: DeveloperLog[] }>('/developer-logs', { estateId, year }, { signal }),
  });
}
export const createDeveloperLog = (body: DeveloperLogBody) => api.post<DeveloperLog>('/developer-logs', body);

export function useNotices(estateId: string | undefined, page: number) {
  return useQuery({
    queryKey: [KEY, 'notices', estateId, page],
    queryFn: ({ signal }) => api.get<Paged<Notice>>('/notices', { estateId, page, pageSize: 20 }, { signal }),
    placeholderData: keepPreviousData,
  });
}
export function useNotice(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'notice', id],
    queryFn: ({ signal }) => api.get<Notice>(`/notices/${id}`, undefined, { signal }),
    enabled: Boolean(id),
  });
}
export const createNotice = (body: NoticeBody) => api.post<Notice>('/notices', body);
export const updateNotice = (id: string, body: UpdateNoticeBody) => api.patch<Notice>(`/notices/${id}`, body);

export function useGreetings(estateId: string | undefined, from: string, days: number) {
  return useQuery({
    queryKey: [KEY, 'greetings', estateId, from, days],
    queryFn: ({ signal }) => api.get<GreetingCalendar>('/greetings', { estateId, from, days }, { signal }),
    placeholderData: keepPreviousData,
  });
}
export const recordGreeting = (body: CreateGreetingBody) => api.post('/greetings', body);

/** Everything of the module is refetched after a write (the lists are small). */
export const RELATIONS_KEY = [KEY];
