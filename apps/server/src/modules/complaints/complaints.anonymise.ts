/**
 * Personal data in a case's text (案例库, spec 02 §5): what the draft replaces and what saving refuses.
 * Pure functions over a text and the people the complaint is known to concern (the reporter, the
 * request's resident, the unit's residents) — no database, so each pattern is tested on its own.
 *
 * - `anonymise` (the draft): known names → 某业主 (王伟先生 → 某先生), any surname with an honorific
 *   (张女士 → 某女士), ID numbers, mobiles and landlines → their first digit and stars (1**********),
 *   room numbers → *** with the building kept (3栋1002室 → 3栋***室).
 * - `personalDataIn` (saving): the first known name, phone-like digit run or ID number still in the
 *   text. Room numbers and honorifics are not refused: a writer may keep 3栋 or 某先生 on purpose.
 */

/** The people a complaint concerns, as the case check knows them. */
export interface KnownPeople {
  /** Full names of the reporter and the residents (generic words like 业主 are ignored). */
  names: readonly string[];
  /** The complaint's own room number (1002), replaced even where it stands alone. */
  unitNumber?: string | null;
}

/** Words a caller may give instead of a name; never treated as one. */
const GENERIC_NAMES = new Set([
  '业主',
  '住户',
  '租户',
  '客户',
  '访客',
  '匿名',
  '匿名业主',
  '某业主',
  '先生',
  '女士',
  '小姐',
]);
const HONORIFICS = '先生|女士|小姐|太太|阿姨|叔叔|大爷|大妈|奶奶|爷爷|老伯|老师';
/** The commonest surnames: one with an honorific after it is a person (张女士), not a word. */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧';

// Digit runs are bounded by anything but a letter or digit, so a request number (TS202611220001) or a
// longer number never yields a phone from its middle.
const B = '(?<![0-9A-Za-z])';
const E = '(?![0-9A-Za-z])';
/** 18-digit (or old 15-digit) resident ID numbers. */
const ID_NUMBER = new RegExp(`${B}(?:\\d{17}[\\dXx]|\\d{15})${E}`, 'g');
/** Mainland mobiles, with or without +86 and separators: 13812345678, 138 1234 5678, +86-138-1234-5678. */
const MOBILE = new RegExp(`${B}(?:\\+?86[-\\s]?)?1[3-9]\\d(?:[-\\s]?\\d){8}${E}`, 'g');
/** Landlines with an area code, optionally an extension: 021-62345678, (0755) 8888 6666, 010-6234567转123. */
const LANDLINE = new RegExp(
  `${B}(?:\\(0\\d{2,3}\\)|（0\\d{2,3}）|0\\d{2,3})[-\\s－]?\\d{3,4}[-\\s]?\\d{3,4}(?:(?:转|-)\\d{1,5})?${E}`,
  'g',
);
/** A local number without its area code (62345678); not an amount, a count or a date. */
const LOCAL_NUMBER = new RegExp(
  `${B}[2-9]\\d{6,7}(?![0-9A-Za-z.]|\\s*(?:元|块|万|米|平|%|个|次|人|户|天))`,
  'g',
);
const DATE_LIKE = /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;
/** A room after its building (3栋1002, 3栋2单元1002室, 5号楼-1203): the building is kept. */
const ROOM_AFTER_BUILDING =
  /(\d{1,2}\s*(?:栋|幢|座|号楼)(?:\s*\d{1,2}\s*单元)?)(\s*[-－—]?\s*)(\d{3,4})(?!\d)/g;
/** A room on its own (1002室, 902房) or as building-room (3-1002). */
const ROOM_ALONE = /(?<![\d*])(\d{3,4})(\s*(?:室|房))/g;
const ROOM_DASHED = /(?<![\d*])(\d{1,2})([-－])(\d{3,4})(?![\d-])/g;
/** A room naming its household (1003装修施工队, 902业主). */
const ROOM_OF_HOUSEHOLD = /(?<![\d*])\d{3,4}(?=\s*(?:装修|业主|住户|租户|邻居))/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names worth looking for: trimmed, not generic, longest first (张伟明 before 张伟). */
function namesOf(known: KnownPeople): string[] {
  const out = new Set<string>();
  for (const raw of known.names) {
    const name = raw.trim();
    if (name.length >= 2 && !GENERIC_NAMES.has(name)) out.add(name);
  }
  return [...out].sort((a, b) => b.length - a.length);
}

/** First digit kept, every other digit a star, separators kept: 138-1234-5678 → 1**-****-****. */
function starDigits(match: string): string {
  let first = true;
  return match.replace(/[0-9Xx]/g, (d) => {
    if (first) {
      first = false;
      return d;
    }
    return '*';
  });
}

function phoneLike(text: string): RegExpExecArray | null {
  for (const re of [ID_NUMBER, MOBILE, LANDLINE]) {
    re.lastIndex = 0;
    const m = re.exec(text);
    if (m) return m;
  }
  LOCAL_NUMBER.lastIndex = 0;
  for (let m = LOCAL_NUMBER.exec(text); m; m = LOCAL_NUMBER.exec(text)) if (!DATE_LIKE.test(m[0])) return m;
  return null;
}

export interface Anonymised {
  text: string;
  /** How many places were replaced. */
  replaced: number;
}

/** The text with the complaint's people, phones, ID numbers and rooms replaced (the case draft). */
export function anonymise(text: string, known: KnownPeople): Anonymised {
  let replaced = 0;
  // The callback's arguments are the match, its groups (string or undefined), then the offset.
  const sub = (input: string, re: RegExp, to: (m: string, groups: (string | undefined)[]) => string) =>
    input.replace(re, (m: string, ...rest: unknown[]) => {
      const groups = rest.slice(
        0,
        rest.findIndex((x) => typeof x === 'number'),
      ) as (string | undefined)[];
      const out = to(m, groups);
      if (out !== m) replaced++;
      return out;
    });

  let out = text;
  for (const name of namesOf(known)) {
    const own = name.match(new RegExp(`(${HONORIFICS})$`));
    const re = new RegExp(`${escapeRegExp(name)}(${HONORIFICS})?`, 'g');
    out = sub(out, re, (_m, [honorific]) => {
      const h = honorific ?? own?.[1];
      return h ? `某${h}` : '某业主';
    });
  }
  out = sub(out, new RegExp(`[${SURNAMES}](${HONORIFICS})`, 'g'), (_m, [h]) => `某${h}`);
  out = sub(out, ID_NUMBER, starDigits);
  out = sub(out, MOBILE, starDigits);
  out = sub(out, LANDLINE, starDigits);
  out = sub(out, LOCAL_NUMBER, (m) => (DATE_LIKE.test(m) ? m : starDigits(m)));
  out = sub(out, ROOM_AFTER_BUILDING, (_m, [building, sep]) => `${building}${sep}***`);
  out = sub(out, ROOM_DASHED, (_m, [building, dash]) => `${building}${dash}***`);
  out = sub(out, ROOM_ALONE, (_m, [, suffix]) => `***${suffix}`);
  out = sub(out, ROOM_OF_HOUSEHOLD, () => '***');
  const unit = known.unitNumber?.trim();
  if (unit && /^[0-9A-Za-z-]{2,}$/.test(unit))
    out = sub(
      out,
      new RegExp(`${B}${escapeRegExp(unit)}(?![0-9A-Za-z]|\\s*(?:元|块|米|分钟|小时|天))`, 'g'),
      () => '***',
    );
  return { text: out, replaced };
}

/** The first personal datum still in a case's text (a known name, a phone-like number, an ID), or null. */
export function personalDataIn(text: string, known: KnownPeople): string | null {
  for (const name of namesOf(known)) if (text.includes(name)) return name;
  return phoneLike(text)?.[0] ?? null;
}
