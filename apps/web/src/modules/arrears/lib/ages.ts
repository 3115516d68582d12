/** How the page shows an age band (spec 05 §2): its label and a colour that warms with the months owed. */
import type { ArrearsAge } from '@wuye/contracts';
import type { MessageKey } from '../../../app/i18n/messages';

export const AGE_LABEL_KEYS: Record<ArrearsAge, MessageKey> = {
  m1: 'arrears.age.m1',
  m3: 'arrears.age.m3',
  m6: 'arrears.age.m6',
  over6: 'arrears.age.over6',
};

/** antd Tag colours, and the same as CSS colours for the summary cards. */
export const AGE_COLORS: Record<ArrearsAge, { tag: string; css: string }> = {
  m1: { tag: 'blue', css: '#1677ff' },
  m3: { tag: 'gold', css: '#d48806' },
  m6: { tag: 'orange', css: '#d46b08' },
  over6: { tag: 'red', css: '#cf1322' },
};
