/** Small pure pieces of the platform: masks, ids, local time, configuration. */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { idChecksum, isValidIdNumber, Random } from '../demo/random.ts';
import { ConfigError, DEV_SECRET, loadConfig } from './config.ts';
import { localeFrom } from './i18n.ts';
import { newId } from './ids.ts';
import { maskIdNumber, maskPhone } from './mask.ts';
import { isNight, localParts } from './time.ts';

describe('masks', () => {
  it('masks a mobile number as 138****8000 and an ID number as first 6 + last 4', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskIdNumber('110101199003071234')).toBe('110101********1234');
  });
});

describe('resident ID numbers', () => {
  it('computes the GB 11643 check character', () => {
    expect(idChecksum('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });
});

describe('ids', () => {
  it('makes time-ordered UUID v7 strings that sort in creation order', () => {
    const list = Array.from({ length: 2000 }, () => newId());
    expect(
      list.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)),
    ).toBe(true);
    expect([...list].sort()).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
  });
});

describe('local time', () => {
  it('takes the day in the estate time zone, not UTC', () => {
    // 2026-11-21 20:00 UTC is already 2026-11-22 04:00 in Shanghai.
    expect(localParts(new Date('2026-11-21T20:00:00Z'), 'Asia/Shanghai')).toMatchObject({
      date: '2026-11-22',
      hour: 4,
    });
  });

  it('marks 18:30–08:30 local time as night', () => {
    const at = (hhmm: string) => new Date(`2026-11-22T${hhmm}:00+08:00`);
    expect(isNight(at('18:29'), 'Asia/Shanghai')).toBe(false);
    expect(isNight(at('18:30'), 'Asia/Shanghai')).toBe(true);
    expect(isNight(at('03:00'), 'Asia/Shanghai')).toBe(true);
    expect(isNight(at('08:29'), 'Asia/Shanghai')).toBe(true);
    expect(isNight(at('08:30'), 'Asia/Shanghai')).toBe(false);
  });
});

describe('locale', () => {
  it('answers in English only when the browser asks for it first', () => {
    expect(localeFrom('en-GB,en;q=0.9')).toBe('en');
    expect(localeFrom('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFrom(undefined, 'en')).toBe('en');
    expect(localeFrom('fr-FR')).toBe('zh-CN');
  });
});

describe('random', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = new Random(7);
    const b = new Random(7);
    expect(Array.from({ length: 5 }, () => a.int(0, 1000))).toEqual(
      Array.from({ length: 5 }, () => b.int(0, 1000)),
    );
  });
});

describe('configuration', () => {
  it('defaults to the embedded database in ./data with demo data on port 3000', () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({
      port: 3000,
      host: 'localhost',
      databaseUrl: null,
      demo: true,
      production: false,
    });
    expect(cfg.dataDir).toMatch(/data$/);
  });

  it('puts ./data where the user typed npm start, not inside the server workspace', () => {
    expect(loadConfig({ INIT_CWD: '/srv/wuye' }).dataDir).toBe('/srv/wuye/data');
    expect(loadConfig({ INIT_CWD: '/srv/wuye', DATA_DIR: '/var/lib/wuye' }).dataDir).toBe('/var/lib/wuye');
  });

  it('does not seed demo data into a real PostgreSQL unless DEMO=1', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y' }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x/y', DEMO: '1' }).demo).toBe(true);
  });

  it('refuses production with the development secret, with demo data, or with a weak first password', () => {
    const good = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x/y', WUYE_SECRET: 'k'.repeat(40) };
    expect(loadConfig(good).production).toBe(true);
    expect(() => loadConfig({ ...good, WUYE_SECRET: undefined })).toThrow(ConfigError);
    expect(() => loadConfig({ ...good, WUYE_SECRET: DEV_SECRET })).toThrow(/WUYE_SECRET/);
    expect(() => loadConfig({ ...good, DEMO: '1' })).toThrow(/DEMO/);
    expect(() => loadConfig({ ...good, WUYE_ADMIN_PASSWORD: 'demo1234' })).toThrow(/WUYE_ADMIN_PASSWORD/);
    expect(loadConfig({ ...good, WUYE_ADMIN_PASSWORD: 'a-long-and-good-one' }).initialAdmin?.username).toBe(
      'admin',
    );
  });

  it('runs one process unless WORKERS asks for more, and only where several processes can share the data', () => {
    const pg = { DATABASE_URL: 'postgres://x/y' };
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ ...pg, WORKERS: '2' }).workers).toBe(2);
    expect(loadConfig({ ...pg, WORKERS: 'auto' }).workers).toBe(availableParallelism());
    expect(() => loadConfig({ ...pg, WORKERS: '0' })).toThrow(/WORKERS must be a whole number/);
    expect(() => loadConfig({ ...pg, WORKERS: 'two' })).toThrow(/WORKERS must be a whole number/);
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(/needs DATABASE_URL/);
    expect(() => loadConfig({ ...pg, DEMO: '1', WORKERS: '2' })).toThrow(/test clock/);
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1);
  });

  it('refuses a port that is not a number', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
  });
});
