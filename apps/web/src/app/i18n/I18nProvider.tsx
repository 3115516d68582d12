/**
 * The UI language: zh-CN by default, English on request. Keeps antd, dayjs, <html lang>, the API
 * client's Accept-Language and localStorage in step with the chosen locale.
 */
import type { Locale } from '@wuye/contracts';
import { label as contractLabel } from '@wuye/contracts';
import type { Locale as AntdLocale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import antdZhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { configureApiClient } from '../../shared/api/client';
import { en, type MessageKey, zhCN } from './messages';

const STORAGE_KEY = 'wuye.locale';

export type TParams = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: TParams) => string;

type Labels<K extends string> = Record<K, { 'zh-CN': string; en: string }>;

type I18nValue = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: TFunction;
  /** The label of an enumeration value (role, request type …) in the current locale. */
  label: <K extends string>(labels: Labels<K>, key: K) => string;
  antdLocale: AntdLocale;
};

const I18nContext = createContext<I18nValue | null>(null);

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // storage blocked: fall back to the default
  }
  return 'zh-CN';
}

function applyLocale(locale: Locale, t: TFunction): void {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
  document.title = t('app.name');
  configureApiClient({
    locale,
    networkMessage: () => t('common.networkError'),
    unknownMessage: (status) => t('common.serverError', { status }),
  });
}

export function translate(locale: Locale, key: MessageKey, params?: TParams): string {
  const template = dictionaries[locale][key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = readStoredLocale();
    applyLocale(initial, (key, params) => translate(initial, key, params));
    return initial;
  });

  const setLocale = useCallback((next: Locale) => {
    applyLocale(next, (key, params) => translate(next, key, params));
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<I18nValue>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => translate(locale, key, params),
      label: (labels, key) => contractLabel(labels, key, locale),
      antdLocale: locale === 'zh-CN' ? antdZhCN : enUS,
    }),
    [locale, setLocale],
  );

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
