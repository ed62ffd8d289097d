import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
// The ES modules: `antd/locale/*` is CommonJS, and next to ConfigProvider's own ES en_US it
// put a second copy of every locale table into the shell.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { queryClient } from '../../lib/query-client';
import { useLocale } from '../../lib/i18n/useLocale';
import { theme } from './theme';

/** Query cache, Ant Design in the user's language and theme, antd's message/modal context. */
export function AppProviders({ children }: { children: ReactNode }) {
  const locale = useLocale();
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
