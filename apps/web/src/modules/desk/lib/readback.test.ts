import { describe, expect, it } from 'vitest';
import { en, type MessageKey, zhCN } from '../../../app/i18n/messages';

function translate(locale: 'zh-CN' | 'en', key: MessageKey, params?: Record<string, string | number>) {
  const template: string = (locale === 'en' ? en : zhCN)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params && name in params ? String(params[name]) : whole,
  );
}

import { readBack, shorten } from './readback';

describe('read-back line (复清楚)', () => {
  const parts = {
    place: '3栋-602',
    name: '石佳怡',
    channel: '来电',
    type: '报修',
    description: '厨房有燃气味，灶台下面的阀门附近味道最重，业主已开窗通风并关闭总阀，请尽快派人查看处理',
    urgency: '即时处理',
  };
  it('reads one line in Chinese', () => {
    const line = readBack(parts, (k, p) => translate('zh-CN', k, p));
    expect(line).toMatch(/^3栋-602 石佳怡 来电报修：厨房有燃气味/);
    expect(line).toMatch(/…，即时处理$/);
  });
  it('names the category and says when a reply is owed', () => {
    const line = readBack({ ...parts, category: '燃气', needsReply: true }, (k, p) =>
      translate('zh-CN', k, p),
    );
    expect(line).toContain('来电报修（燃气）：');
  });
  it('says first that it was taken as an emergency', () => {
    const line = readBack({ ...parts, emergency: true }, (k, p) => translate('zh-CN', k, p));
    expect(line).toMatch(/^【紧急】3栋-602 石佳怡 来电报修：/);
  });
  it('reads in English', () => {
    const line = readBack({ ...parts, channel: 'Phone', type: 'repair', urgency: 'immediate' }, (k, p) =>
      translate('en', k, p),
    );
    expect(line).toMatch(/^3栋-602 石佳怡 · Phone repair: /);
  });
  it('shortens by characters, not bytes', () => {
    expect(shorten('一二三四五', 3)).toBe('一二三…');
    expect(shorten('  a   b ')).toBe('a b');
  });
});
