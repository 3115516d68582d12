/** Providers in order: i18n (antd locale) → antd App (message/modal) → data → auth → routes. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, theme } from 'antd';
import { RouterProvider } from 'react-router-dom';
import { isApiError } from '../shared/api/client';
import { AuthProvider } from './auth/AuthProvider';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { router } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => {
        // A refusal from the server will not change on retry; a dropped connection might.
        if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
        return failureCount < 2;
      },
    },
  },
});

export const BRAND_PRIMARY = '#1f6feb';

function Themed() {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider
      locale={antdLocale}
      button={{ autoInsertSpace: false }}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: BRAND_PRIMARY,
          colorInfo: BRAND_PRIMARY,
          borderRadius: 8,
          colorBgLayout: '#f4f6fa',
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
        },
        components: {
          Layout: { siderBg: '#0f1d36', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
          Menu: {
            darkItemBg: '#0f1d36',
            darkSubMenuItemBg: '#0f1d36',
            darkItemSelectedBg: BRAND_PRIMARY,
            itemBorderRadius: 8,
          },
          Table: { headerBg: '#f7f9fc' },
        },
      }}
    >
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}

export function AppRoot() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
