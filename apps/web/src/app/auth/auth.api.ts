import type { Locale } from '@wuye/contracts';
import { api } from '../../shared/api/client';
import type { LoginResponse } from '../../shared/api/types';

export const authApi = {
  me: () => api.get<LoginResponse>('/auth/me', undefined, { skipAuthRedirect: true }),
  login: (username: string, password: string) =>
    api.post<LoginResponse>('/auth/login', { username, password }, { skipAuthRedirect: true }),
  logout: () => api.post<void>('/auth/logout', {}, { skipAuthRedirect: true }),
  savePreferences: (locale: Locale) => api.put<unknown>('/auth/preferences', { locale }),
};
