/**
 * 复清楚: the one line the agent reads back to the resident before saving, e.g.
 * "3栋-602 石佳怡 来电报修（燃气）：厨房有燃气味…，即时处理". Pure (takes the translate function).
 */
import type { MessageKey } from '../../../app/i18n/messages';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

export const READBACK_DESCRIPTION_CHARS = 40;

export type ReadbackParts = {
  place?: string | null;
  name?: string | null;
  channel: string;
  type: string;
  category?: string | null;
  description: string;
  /** "即时处理" / "预约 11-23 09:00" — already in words. */
  urgency: string;
  needsReply?: boolean;
  /** 紧急: said first, so the resident hears it was taken as one. */
  emergency?: boolean;
};

export function shorten(text: string, max = READBACK_DESCRIPTION_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : flat;
}

export function readBack(p: ReadbackParts, t: T): string {
  const who = [p.place, p.name].filter((x) => x?.trim()).join(' ');
  const line = t('desk.readbackLine', {
    who: who || t('desk.readbackNobody'),
    channel: p.channel,
    type: p.type,
    category: p.category ? t('desk.readbackCategory', { name: p.category }) : '',
    description: shorten(p.description),
    urgency: p.urgency,
  });
  const full = p.needsReply ? `${line}${t('desk.readbackNeedsReply')}` : line;
  return p.emergency ? `${t('desk.readbackEmergency')}${full}` : full;
}
