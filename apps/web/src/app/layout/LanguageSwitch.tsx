import { GlobalOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';

/** One click switches between Chinese and English; the button names the language it switches to. */
export function LanguageSwitch({ variant = 'text' }: { variant?: 'text' | 'default' }) {
  const { locale, t } = useI18n();
  const { changeLocale } = useAuth();
  const next = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <Tooltip title={t('header.switchLanguage')}>
      <Button
        data-testid="lang-switch"
        type={variant === 'text' ? 'text' : 'default'}
        icon={<GlobalOutlined />}
        lang={next}
        onClick={() => changeLocale(next)}
      >
        <span className="lang-switch-text">{t('header.otherLanguage')}</span>
      </Button>
    </Tooltip>
  );
}
