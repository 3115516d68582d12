import type { VipCardStatus } from '@wuye/contracts';

export const VIP_STATUS_COLORS: Record<VipCardStatus, string> = {
  active: 'gold',
  expired: 'default',
  revoked: 'red',
  replaced: 'default',
};

import { VIP_LEVEL_LABELS } from '@wuye/contracts';

/** The levels' labels keyed by their digit as text (the i18n `label` takes string keys). */
export const VIP_LEVEL_TEXT = Object.fromEntries(
  Object.entries(VIP_LEVEL_LABELS).map(([k, v]) => [String(k), v]),
) as Record<'0' | '1' | '2', { 'zh-CN': string; en: string }>;
export const levelKey = (l: number) => String(l) as '0' | '1' | '2';
