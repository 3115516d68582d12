/**
 * Same-issue similarity on descriptions as residents and the desk write them. Scores are checked against
 * the thresholds (link / propose / none), not as exact numbers: the stop-list may grow, the decisions
 * must not change.
 */
import { describe, expect, it } from 'vitest';
import {
  bigramSet,
  COMPLAINT_STOP_PHRASES,
  classifyMatch,
  contentText,
  DEFAULT_SIMILARITY_THRESHOLDS,
  type MatchKind,
  MIN_DENOMINATOR,
  similarity,
} from './complaints.similarity.ts';

function match(a: string, b: string): MatchKind {
  return classifyMatch(similarity(a, b));
}

/** The match of a pair, with the score in the failure message. */
function expectMatch(a: string, b: string, kind: MatchKind | MatchKind[]) {
  const score = similarity(a, b);
  const kinds = Array.isArray(kind) ? kind : [kind];
  expect(kinds, `${a} ~ ${b}: ${score.toFixed(3)} → ${classifyMatch(score)}`).toContain(classifyMatch(score));
}

// Groups of descriptions of one issue each, as different households or staff would write them: a long
// one taken at the desk, a resident's own words, and the four-to-six characters of a quick phone call.
const ISSUES = {
  renovationNoise: [
    '住户来电反映楼上装修噪音太大，晚上11点还在用电钻，严重影响休息，请尽快处理',
    '3栋1202业主投诉：楼上1302装修，晚上电钻声音很吵，根本没法休息',
    '楼上装修噪音',
  ],
  squareDance: [
    '小区广场舞音响声音太大，每天晚上7点到10点，孩子没法写作业',
    '广场舞音响太吵了，希望物业协调跳舞时间，把音响声音调小',
    '广场舞噪音',
  ],
  airConUnit: [
    '邻居空调外机噪音很大，嗡嗡响，晚上睡不着',
    '12号楼住户投诉隔壁空调外机噪音扰民，外机正对卧室窗户',
  ],
  leak: [
    '住户来电反映楼上漏水，卫生间天花板渗水，请尽快处理',
    '5栋802业主投诉卫生间天花板渗水，怀疑楼上卫生间防水层坏了',
    '楼上漏水',
    '我家卫生间顶上一直在滴水，楼上卫生间漏水，墙面都发霉了，已经好几次了，物业一直没有处理',
  ],
  parkingTaken: ['业主投诉自己的车位被占，外来车辆长期停在他的固定车位上', '车位被占'],
  badParking: ['小区里乱停车严重，消防通道被堵，救护车都开不进来', '乱停车把消防通道堵了，希望物业管一管'],
  parkingFee: ['停车费又涨价了，每个月300元，太贵', '停车费涨价不合理，也没有公示'],
  managementFee: [
    '业主投诉物业费收费不合理，服务没有改善却涨价',
    '物业费涨价不合理，服务质量太差',
    '物业费收费不合理',
  ],
  sharedUtilities: [
    '物业乱收费，公摊水电费每个月都不一样，要求公示明细',
    '公摊水电费太高，要求物业公布电梯和路灯的用电明细',
  ],
  liftFault: ['2号楼电梯故障，停在12楼不动', '2号楼电梯又故障了，停运一整天，老人上下楼很不方便', '电梯故障'],
  liftTrapped: [
    '电梯困人！2单元电梯突然停了，有老人被困在里面半小时',
    '电梯困人，被困了二十分钟才有维保人员来',
  ],
} satisfies Record<string, string[]>;

type Issue = keyof typeof ISSUES;
const TOPIC: Record<Issue, string> = {
  renovationNoise: 'noise',
  squareDance: 'noise',
  airConUnit: 'noise',
  leak: 'leak',
  parkingTaken: 'parking',
  badParking: 'parking',
  parkingFee: 'parking',
  managementFee: 'fees',
  sharedUtilities: 'fees',
  liftFault: 'lift',
  liftTrapped: 'lift',
};
const ALL = (Object.entries(ISSUES) as [Issue, string[]][]).flatMap(([issue, texts]) =>
  texts.map((text) => ({ issue, text })),
);
const pairs = ALL.flatMap((x, i) => ALL.slice(i + 1).map((y) => [x, y] as const));

describe('the words compared', () => {
  it('cuts word runs into character bigrams, a one-character run into its unigram', () => {
    expect([...bigramSet('漏水')]).toEqual(['漏水']);
    expect(bigramSet('电梯困人')).toEqual(new Set(['电梯', '梯困', '困人']));
    expect(bigramSet('吵')).toEqual(new Set(['吵']));
    // Never across punctuation.
    expect(bigramSet('漏水，渗水')).toEqual(new Set(['漏水', '渗水']));
  });

  it('normalises as search does: full-width letters and digits, upper case', () => {
    expect(bigramSet('ＬＥＤ灯坏')).toEqual(bigramSet('led灯坏'));
    expect(bigramSet('ＬＥＤ灯坏')).toContain('le');
  });

  it('takes out room numbers, buildings, floors, times and amounts', () => {
    for (const text of [
      '3栋1202漏水',
      '12号楼漏水',
      '２单元１２０２室漏水',
      '二单元漏水',
      '十二号楼漏水',
      'a座漏水',
      'b2-1203漏水',
      '漏水3天了',
      '晚上11点漏水',
      '漏水200元',
      '12楼漏水',
    ])
      expect(bigramSet(text), text).toEqual(new Set(['漏水']));
    expect(bigramSet('3栋1202')).toEqual(new Set());
  });

  it('keeps 楼上 and 楼下 after a room number (1202楼上 is not the 12th floor)', () => {
    expect(bigramSet('1202楼上漏水')).toEqual(bigramSet('楼上漏水'));
  });

  it('takes out the call-centre formula, breaking the text where it was', () => {
    expect(bigramSet('住户来电反映，请尽快处理').size).toBe(0);
    expect(contentText('住户来电反映：卫生间漏水。请尽快处理').replace(/\s/gu, '')).toBe(':卫生间漏水。');
    expect(bigramSet('住户来电反映卫生间漏水，请尽快处理，希望物业给个答复')).toEqual(
      bigramSet('卫生间漏水，给个'),
    );
    // No bigram is made across a removed phrase: 反映|楼上 and 漏水|请 are not words.
    const grams = bigramSet('反映楼上漏水请尽快处理');
    expect(grams).toEqual(new Set(['楼上', '上漏', '漏水']));
  });

  it('keeps the charge names that start with a stop phrase (物业费 is not 物业)', () => {
    expect(bigramSet('物业费')).toEqual(new Set(['物业', '业费']));
    expect(bigramSet('物业管理费')).toContain('理费');
    expect(bigramSet('物业态度差')).toEqual(new Set(['态度', '度差']));
  });

  it('ends a word after 费, so one charge and another do not share 费涨', () => {
    expect(bigramSet('停车费涨价')).toEqual(new Set(['停车', '车费', '涨价']));
    expect(bigramSet('物业费用')).toContain('费用');
  });

  it('breaks at particles and drops one-character adjectives and pronouns left alone', () => {
    expect(bigramSet('噪音很大')).toEqual(new Set(['噪音']));
    expect(bigramSet('我的车位被占了')).toEqual(new Set(['车位', '位被', '被占']));
    expect(bigramSet('太阳能热水器坏了')).toContain('太阳');
  });

  it('has stop phrases of two characters or more only (one character is too often part of a word)', () => {
    for (const phrase of COMPLAINT_STOP_PHRASES) expect(Array.from(phrase).length, phrase).toBeGreaterThan(1);
    expect(new Set(COMPLAINT_STOP_PHRASES).size).toBe(COMPLAINT_STOP_PHRASES.length);
  });
});

describe('similarity', () => {
  it('is a score in [0, 1], symmetric', () => {
    for (const [x, y] of pairs) {
      const s = similarity(x.text, y.text);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
      expect(similarity(y.text, x.text)).toBe(s);
    }
  });

  it('is 1 for the same text, less when the text is too short to be sure (the denominator floor)', () => {
    for (const { text } of ALL) {
      const size = bigramSet(text).size;
      expect(similarity(text, text), text).toBe(Math.min(1, size / MIN_DENOMINATOR));
    }
    // Three bigrams, each said by both: linked, but not a certainty.
    expect(similarity('楼上漏水', '楼上漏水！')).toBe(0.75);
    // One word said by both households is a proposal, not a link.
    expect(match('漏水', '漏水')).toBe('propose');
  });

  it('accepts precomputed bigram sets (one new complaint against many candidates)', () => {
    const a = ISSUES.leak[0]!;
    const b = ISSUES.leak[1]!;
    expect(similarity(bigramSet(a), b)).toBe(similarity(a, b));
    expect(similarity(bigramSet(a), bigramSet(b))).toBe(similarity(a, b));
  });

  it('is 0 when either description is only filler: nothing said is no evidence of one issue', () => {
    expect(similarity('住户来电反映问题，请尽快处理', '住户来电反映问题，请尽快处理')).toBe(0);
    expect(similarity('', '楼上漏水')).toBe(0);
    expect(similarity('3栋1202', '3栋1202')).toBe(0);
  });

  it('is the overlap coefficient: a short description inside a long one scores high', () => {
    // 楼上漏水 (3 bigrams, compared as MIN_DENOMINATOR) is all inside the long one.
    const long = '住户来电反映楼上卫生间漏水，楼上漏水已经一个星期，天花板渗水，墙面发霉，请尽快处理';
    expect(similarity('楼上漏水', long)).toBe(3 / MIN_DENOMINATOR);
    expect(similarity('楼上装修噪音', ISSUES.renovationNoise[0]!)).toBe(1);
  });

  it('never links on one shared bigram, however short the texts (the denominator floor)', () => {
    // 电梯 alone is shared: the same lift maybe, not the same issue.
    expect(similarity('电梯', '电梯困人')).toBe(1 / MIN_DENOMINATOR);
    expect(match('电梯', '电梯困人')).toBe('propose');
    expect(match('楼上装修噪音', '楼上漏水')).not.toBe('link');
  });
});

describe('same issue: linked', () => {
  it.each([
    ['renovation noise, desk vs resident', ISSUES.renovationNoise[0], ISSUES.renovationNoise[1]],
    ['renovation noise, long vs phone call', ISSUES.renovationNoise[0], ISSUES.renovationNoise[2]],
    ['renovation noise, resident vs phone call', ISSUES.renovationNoise[1], ISSUES.renovationNoise[2]],
    ['square dancing', ISSUES.squareDance[0], ISSUES.squareDance[1]],
    ['square dancing, phone call', ISSUES.squareDance[2], ISSUES.squareDance[1]],
    ['air-conditioner outdoor unit', ISSUES.airConUnit[0], ISSUES.airConUnit[1]],
    ['ceiling seepage from upstairs', ISSUES.leak[0], ISSUES.leak[1]],
    ['leak, long vs phone call', ISSUES.leak[0], ISSUES.leak[2]],
    ['leak, the bathroom above', ISSUES.leak[1], ISSUES.leak[3]],
    ['leak, phone call vs long', ISSUES.leak[2], ISSUES.leak[3]],
    ['parking space taken', ISSUES.parkingTaken[0], ISSUES.parkingTaken[1]],
    ['fire lane blocked', ISSUES.badParking[0], ISSUES.badParking[1]],
    ['parking fee rise', ISSUES.parkingFee[0], ISSUES.parkingFee[1]],
    ['management fee', ISSUES.managementFee[0], ISSUES.managementFee[1]],
    ['management fee, short', ISSUES.managementFee[0], ISSUES.managementFee[2]],
    ['shared water and electricity', ISSUES.sharedUtilities[0], ISSUES.sharedUtilities[1]],
    ['lift out of order', ISSUES.liftFault[0], ISSUES.liftFault[1]],
    ['lift out of order, short', ISSUES.liftFault[2], ISSUES.liftFault[1]],
  ])('%s', (_name, a, b) => {
    expectMatch(a!, b!, 'link');
  });

  it('links the same report whatever filler wraps it', () => {
    expectMatch('住户来电反映：卫生间漏水。请尽快处理', '卫生间漏水', 'link');
    expectMatch(
      '您好，我是3栋1202的业主，我们家卫生间漏水，物业一直没有处理，现在问题很严重，希望尽快解决',
      '5栋802卫生间漏水',
      'link',
    );
  });
});

describe('same issue, written differently: at least proposed', () => {
  it('every two descriptions of one issue are at least proposed to the supervisor', () => {
    for (const [x, y] of pairs.filter(([x, y]) => x.issue === y.issue))
      expectMatch(x.text, y.text, ['link', 'propose']);
  });

  it('a trapped-people call and a later one with other words is proposed, not linked', () => {
    // They share 电梯困人 and 被困, but most of each text is its own story.
    expectMatch(ISSUES.liftTrapped[0]!, ISSUES.liftTrapped[1]!, 'propose');
  });
});

describe('different issues: never linked', () => {
  it('no description of one topic links to one of another topic', () => {
    for (const [x, y] of pairs.filter(([x, y]) => TOPIC[x.issue] !== TOPIC[y.issue]))
      expect(match(x.text, y.text), `${x.text} ~ ${y.text}: ${similarity(x.text, y.text)}`).not.toBe('link');
  });

  it('noise vs leak: nothing in common but the flat above', () => {
    expectMatch(ISSUES.renovationNoise[0]!, ISSUES.leak[0]!, 'none');
    expectMatch(ISSUES.renovationNoise[1]!, ISSUES.leak[3]!, 'none');
    expectMatch('楼上装修噪音', '楼上漏水', ['propose', 'none']);
  });

  it('parking vs fees', () => {
    expectMatch(ISSUES.parkingTaken[0]!, ISSUES.managementFee[0]!, 'none');
    expectMatch(ISSUES.badParking[0]!, ISSUES.sharedUtilities[0]!, 'none');
    expectMatch('车位被占', '物业费收费不合理', 'none');
    // A fee rise of two different charges shares 涨价 only.
    expectMatch(ISSUES.parkingFee[1]!, ISSUES.managementFee[1]!, ['propose', 'none']);
  });

  it('lift noise vs upstairs noise: the same symptom from two sources is proposed at most', () => {
    // The office fixes a source, not a symptom: the lift contractor for one, the neighbour for the
    // other. Proposing lets the supervisor link them when the "upstairs" noise is the lift's machine room.
    expectMatch('电梯运行噪音很大，有咔咔的异响，坐电梯很害怕', '楼上噪音很大，天天晚上拖椅子、蹦跳', [
      'propose',
      'none',
    ]);
    expectMatch('电梯噪音', '楼上噪音', ['propose', 'none']);
    expectMatch('电梯运行时噪音很大', '楼上装修噪音很大', ['propose', 'none']);
  });

  it('lift out of order vs people trapped: proposed (maybe one breakdown), not linked', () => {
    expectMatch(ISSUES.liftFault[0]!, ISSUES.liftTrapped[0]!, ['propose', 'none']);
  });

  it('the same filler around different issues does not link them', () => {
    const wrap = (issue: string) => `住户来电反映${issue}，问题一直没有处理，现在非常严重，请尽快处理`;
    const issues = ['楼上装修噪音', '卫生间漏水', '车位被占', '物业费收费不合理', '电梯故障'];
    for (const a of issues) for (const b of issues) if (a !== b) expectMatch(wrap(a), wrap(b), 'none');
    // Heavier filler, the same household (same room number) on both.
    expectMatch(
      '您好，我是3栋1202的业主，我们小区物业一直没有处理这个问题，现在很严重，希望物业尽快处理，给我们一个答复：楼上装修噪音',
      '您好，我是3栋1202的业主，我们小区物业一直没有处理这个问题，现在很严重，希望物业尽快处理，给我们一个答复：卫生间漏水',
      'none',
    );
  });
});

describe('classifyMatch', () => {
  it('links at 0.3 and proposes at 0.15 by default (spec 02 §2), bounds included', () => {
    expect(DEFAULT_SIMILARITY_THRESHOLDS).toEqual({ link: 0.3, propose: 0.15 });
    expect(classifyMatch(1)).toBe('link');
    expect(classifyMatch(0.3)).toBe('link');
    expect(classifyMatch(0.299)).toBe('propose');
    expect(classifyMatch(0.15)).toBe('propose');
    expect(classifyMatch(0.149)).toBe('none');
    expect(classifyMatch(0)).toBe('none');
  });

  it('follows configured thresholds', () => {
    const strict = { link: 0.5, propose: 0.3 };
    expect(classifyMatch(0.4, strict)).toBe('propose');
    expect(classifyMatch(0.5, strict)).toBe('link');
    expect(classifyMatch(0.2, strict)).toBe('none');
    // Proposals switched off: propose = link.
    expect(classifyMatch(0.2, { link: 0.3, propose: 0.3 })).toBe('none');
    // A looser estate links the trapped-people pair above.
    const [a, b] = ISSUES.liftTrapped;
    expect(classifyMatch(similarity(a!, b!), { link: 0.25, propose: 0.1 })).toBe('link');
  });

  it('never proposes a pair with nothing in common', () => {
    expect(classifyMatch(0, { link: 0.3, propose: Number.MIN_VALUE })).toBe('none');
  });

  it('refuses thresholds out of order or out of range', () => {
    expect(() => classifyMatch(0.5, { link: 0.2, propose: 0.3 })).toThrow(RangeError);
    expect(() => classifyMatch(0.5, { link: 0.3, propose: 0 })).toThrow(RangeError);
    expect(() => classifyMatch(0.5, { link: 1.5, propose: 0.1 })).toThrow(RangeError);
    expect(() => classifyMatch(0.5, { link: Number.NaN, propose: 0.1 })).toThrow(RangeError);
  });
});
