import { REQUEST_ACTION_LABELS, type RequestAction } from '@wuye/contracts';
import { useI18n } from '../../../app/i18n/I18nProvider';

/** An action's name as a button or heading shows it ("派工", "Dispatch"). */
export function useActionLabel() {
  const { label } = useI18n();
  return (action: RequestAction) => {
    const text = label(REQUEST_ACTION_LABELS, action);
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
}
