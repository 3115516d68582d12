/**
 * How alike two complaint descriptions are, for same-issue linking (spec 02 §2: complaints at one estate
 * that share the category and the building, fall within 30 days of each other and whose descriptions are
 * similar are linked; looser matches are proposed to the supervisor). Pure and dependency-free: the use
 * case applies the category/building/30-day gate and asks this module about the candidates that pass it.
 *
 * The words are cut the way search cuts them (decision 0011, `requests.search.ts`): NFKC and lower case,
 * word runs of letters and digits, each run's character bigrams (a one-character run gives its unigram).
 * Before cutting, what every complaint says whatever it is about is taken out, so that it cannot make two
 * unrelated complaints look alike:
 *
 * - the call-centre and complaint formula (住户来电反映…请尽快处理, 业主投诉…问题严重, 希望物业…), and
 *   when/how often it happens (晚上, 每天, 一直): {@link COMPLAINT_STOP_PHRASES}. Each is replaced by a
 *   break, so the words on either side of it don't join into a bigram that no resident wrote;
 * - addresses, times and amounts (3栋1202室, 12号楼, 二单元, 晚上11点, 200元, 3天): the households of one
 *   issue live at different room numbers — the very case linking exists for — and the building is
 *   compared by the gate, not here; the same room number on two complaints of one household says nothing
 *   about whether they are about the same thing;
 * - particles and degree words (的 了 吗 很 太 都 又 …), treated as breaks: they join every word to its
 *   neighbour (漏水了, 楼上的, 噪音很大) and would add bigrams that only say "the sentence went on"; and
 *   a one-character word left alone by all this when it only grades or points (大, 贵, 我, 给, 到);
 * - 费 ends a word (物业费|涨价), so two different charges don't share the bigram 费涨.
 *
 * The score is the **overlap coefficient** of the two bigram sets, |A ∩ B| / min(|A|, |B|), with the
 * denominator never below {@link MIN_DENOMINATOR} (4). Residents describe one leak in four characters on
 * the phone (楼上漏水) and in three sentences at the counter; Dice or Jaccard divide by the long text's size
 * and would miss exactly those pairs (2 shared bigrams of 3 and 14: Dice 0.24, Jaccard 0.13), while the
 * overlap coefficient asks "how much of the shorter description does the longer one also say" (0.5 with
 * the floor). Its weakness is a very short text, where one shared bigram would be half of it; the floor
 * makes one shared bigram worth at most 1/4: below the default link threshold (0.3), so no pair links on a
 * single shared word (电梯 is not the same issue as 电梯困人), while two shared words of a short text do.
 * The price: a text of fewer than 4 bigrams scores below 1 even against itself (楼上漏水: 0.75).
 */
import { normalizeForSearch } from '../requests/requests.search.ts';

export interface SimilarityThresholds {
  /** At or above: linked automatically as the same issue (spec 02 §2: 0.3 by default). */
  link: number;
  /** At or above (and below `link`): proposed to the supervisor, who links or dismisses it. */
  propose: number;
}

export const DEFAULT_SIMILARITY_THRESHOLDS: Readonly<SimilarityThresholds> = Object.freeze({
  link: 0.3,
  propose: 0.15,
});

export type MatchKind = 'link' | 'propose' | 'none';

/**
 * The smallest denominator of the overlap coefficient: a description with fewer content bigrams is
 * compared as if it had this many (one shared bigram of a two-bigram text scores 1/4, not 1/2).
 */
export const MIN_DENOMINATOR = 4;

/**
 * Phrases every complaint may carry whatever it is about: who is calling and how (住户来电反映), the
 * complaint formula (投诉, 问题, 严重, 要求, 希望, 请尽快处理, 不合理), the parties (物业, 小区, 我们,
 * 他们), when and how often (晚上, 每天, 一直, 现在, 已经, 多次) and degree words (非常, 根本). Only
 * phrases of two characters or more: one character is too often part of a content word. Words that
 * describe the issue stay even when they are common (漏水, 噪音, 停车, 收费, 电梯, 楼上, 休息): they are
 * what linking should see. Words that name one kind of issue (噪音, 漏水) are not filler either, even
 * though every complaint of that category says them: the category is the gate's business, not the text's.
 */
export const COMPLAINT_STOP_PHRASES: readonly string[] = [
  // who calls, and how the desk writes it down
  '住户',
  '业主',
  '业户',
  '租户',
  '居民',
  '客户',
  '先生',
  '女士',
  '小姐',
  '阿姨',
  '师傅',
  '来电',
  '来访',
  '电话',
  '反映',
  '反应',
  '投诉',
  '举报',
  '表示',
  '您好',
  '你好',
  '客服',
  // what every complaint asks for
  '请尽快',
  '尽快',
  '赶快',
  '赶紧',
  '马上',
  '及时',
  '处理',
  '解决',
  '问题',
  '希望',
  '要求',
  '麻烦',
  '谢谢',
  '一下',
  '情况',
  '答复',
  '回复',
  '说法',
  '负责',
  '严重',
  '影响',
  '生活',
  '不合理',
  '不满意',
  '不满',
  '扰民', // X扰民 is how any nuisance is written down (施工扰民, 广场舞扰民, 油烟扰民)
  // the parties
  '物业',
  '物业公司',
  '管理处',
  '公司',
  '小区',
  '我们',
  '他们',
  '你们',
  '我是',
  '我家',
  '家里',
  '自己',
  '别人',
  '有人',
  '这个',
  '一个',
  '那个',
  '这种',
  '这样',
  '什么',
  '怎么',
  '为什么',
  // when and how often: not what happened
  '晚上',
  '夜里',
  '半夜',
  '深夜',
  '凌晨',
  '早上',
  '上午',
  '中午',
  '下午',
  '白天',
  '每天',
  '天天',
  '整天',
  '一整天',
  '每晚',
  '周末',
  '每个月',
  '每月',
  '每周',
  '每年',
  '一个月',
  '几个月',
  '半年',
  '一直',
  '没有',
  '现在',
  '目前',
  '已经',
  '还是',
  '最近',
  '今天',
  '昨天',
  '这几天',
  '几天',
  '多次',
  '好几次',
  '很多次',
  '经常',
  '总是',
  '每次',
  '非常',
  '特别',
  '实在',
  '真的',
  '根本',
  '完全',
  '可以',
  '不能',
  '无法',
  '没法',
  '没办法',
];

/**
 * Compounds that start with a stop phrase but name the issue: kept whole. Matched in the same pass as the
 * stop phrases and preferred because they are longer (物业费 wins over 物业 at the same place).
 */
const KEEP_COMPOUNDS: readonly string[] = ['物业费', '物业管理费', '物业服务费', '客服电话', '电话线'];

/**
 * One-character words that only join sentences or grade them (particles, 很/太/都/也/又/还/就): breaks,
 * like punctuation. 太阳(能) and 还款 are words of their own.
 */
const PARTICLES = ['[的了吗呢啊吧呀哦嘛很挺都也又就]', '太(?!阳)', '还(?!款)'];

/** Units after a number that make it an address, a time, a count or an amount. */
const NUMBER_UNITS = [
  '号楼',
  '栋',
  '幢',
  '座',
  '单元',
  '层',
  '楼(?![上下])', // 12楼 (floor), but keep 楼上/楼下 of 1202楼上
  '室',
  '户',
  '期',
  '区',
  '号',
  '点半',
  '点钟',
  '点',
  '时',
  '分钟',
  '分',
  '小时',
  '月',
  '日',
  '天',
  '周',
  '年',
  '次',
  '元',
  '块钱',
  '块',
  '个月',
  '个小时',
  '个',
  '平米',
  '平方',
];
/** Chinese numerals before an address unit (三栋, 十二号楼, 二单元). */
const CHINESE_NUMERALS = '[一二三四五六七八九十百两〇零]+';
const ADDRESS_UNITS = '(?:号楼|栋|幢|单元|期)';
/** A lettered block or zone (a座, b区). */
const LETTERED_UNITS = '[a-z](?:座|栋|幢|区)';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Digits (with letters stuck to them: b2, 1202a; a range: 10-12) and the unit that follows; Chinese
// numerals before an address unit; a lettered block.
const NUMBERS = new RegExp(
  `[a-z]*\\p{N}[\\p{N}a-z]*(?:[-—~至到][a-z]*\\p{N}[\\p{N}a-z]*)?(?:${NUMBER_UNITS.join('|')})?|${CHINESE_NUMERALS}${ADDRESS_UNITS}|${LETTERED_UNITS}`,
  'gu',
);
const KEEP = new Set(KEEP_COMPOUNDS);
const PHRASES = new RegExp(
  [...KEEP_COMPOUNDS, ...COMPLAINT_STOP_PHRASES]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|'),
  'gu',
);
const BREAKS = new RegExp(PARTICLES.join('|'), 'gu');
/**
 * 费 ends the name of a charge (物业费, 停车费, 水电费, 收费): a break after it, so the charge and what is
 * said about it (物业费|涨价, 停车费|涨价) don't make a bigram (费涨) that two different charges share.
 * 费用 and 费率 are words of their own.
 */
const WORD_ENDS = /费(?![用率])/gu;
/**
 * Words left alone once the filler and the particles are gone: adjectives (噪音很大 → 噪音 · 大, 费用太高
 * → 费用 · 高) grade the issue rather than name it, pronouns (我的车位 → 我 · 车位) name the caller,
 * prepositions and verbs of the formula (给我们一个答复 → 给, 7点到10点 → 到) say nothing at all. As a
 * one-character word they are dropped; inside a word they stay.
 */
const FILLER_SINGLES = new Set(
  Array.from('大小多少高低贵好差长短久慢快我你他她它是有给被把让对向跟和与及或说问找来去到在再'),
);
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * The description with the shared filler taken out (normalised; a space where something was removed).
 * Exported for tests and for showing a supervisor what a proposal was compared on.
 */
export function contentText(text: string): string {
  return normalizeForSearch(text)
    .replace(NUMBERS, ' ')
    .replace(PHRASES, (m) => (KEEP.has(m) ? m : ' '))
    .replace(BREAKS, ' ')
    .replace(WORD_ENDS, '费 ');
}

/** The content bigrams of a description (a one-character word run gives its unigram). */
export function bigramSet(text: string): Set<string> {
  const grams = new Set<string>();
  for (const run of contentText(text).match(WORD_RUN) ?? []) {
    const chars = Array.from(run);
    if (chars.length === 1 && !FILLER_SINGLES.has(chars[0]!)) grams.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  }
  return grams;
}

/**
 * The overlap coefficient of two descriptions' bigram sets with a floor on the denominator, in [0, 1]:
 * 1 when one says everything the other (of at least {@link MIN_DENOMINATOR} bigrams) says, 0 when they
 * share nothing — or when either is only filler, which is no evidence of the same issue.
 */
export function similarity(a: string | ReadonlySet<string>, b: string | ReadonlySet<string>): number {
  const setA = typeof a === 'string' ? bigramSet(a) : a;
  const setB = typeof b === 'string' ? bigramSet(b) : b;
  if (setA.size === 0 || setB.size === 0) return 0;
  const [small, large] = setA.size <= setB.size ? [setA, setB] : [setB, setA];
  let shared = 0;
  for (const gram of small) if (large.has(gram)) shared++;
  return shared / Math.max(small.size, MIN_DENOMINATOR);
}

/**
 * What to do with a pair of this score: link it, propose it to the supervisor, or nothing. A score of 0
 * is never proposed, whatever the thresholds.
 */
export function classifyMatch(
  score: number,
  thresholds: SimilarityThresholds = DEFAULT_SIMILARITY_THRESHOLDS,
): MatchKind {
  const { link, propose } = thresholds;
  if (!(propose > 0 && propose <= link && link <= 1))
    throw new RangeError(`Similarity thresholds need 0 < propose ≤ link ≤ 1 (got ${propose}, ${link})`);
  if (score >= link) return 'link';
  if (score >= propose) return 'propose';
  return 'none';
}
