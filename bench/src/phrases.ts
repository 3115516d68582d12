/**
 * Phrase tables for the generated requests' descriptions: what a caller says, put together from a
 * few parts (when, what, what is wrong with it, what they ask), so the descriptions are varied and
 * the Chinese search finds real words in them at realistic frequencies (漏水 is common, 物业费 rare).
 *
 * Keyed by the demo seed's category codes (demo.data.ts CATEGORIES), leaf categories only.
 * SEARCH_TERMS are words of 2–4 characters that occur in these tables; `checkSearchTerms` proves it.
 */
import type { Rng } from './prng.ts';

interface Phrases {
  /** Where or what: 厨房水龙头, 电梯 … */
  what: string[];
  /** What is wrong with it: 关不紧，一直滴水 … */
  fault: string[];
}

const WHEN = ['', '', '', '今天早上', '昨晚开始', '这两天', '从上周起', '刚才', '下午', '一直以来'];
const ASK = [
  '',
  '',
  '，请尽快安排师傅上门',
  '，麻烦尽快处理',
  '，家里有老人小孩，比较着急',
  '，之前报过一次还没解决',
  '，下午家里有人',
  '，请物业跟进',
  '，希望今天能处理',
];

/** Problems reported (repairs and complaints): these get a "when" and an ask. */
const REPORTS = new Set(
  'water_supply drainage circuit socket_switch lighting leak_ceiling leak_pipe leak_wall pipe_blocked pipe_toilet door_lock window lift fire_equipment access_control gas public_facility noise_decoration noise_neighbour noise_equipment leak hygiene greening security parking appliance_repair'.split(
    ' ',
  ),
);

export const PHRASES: Record<string, Phrases> = {
  // repair
  water_supply: {
    what: ['厨房水龙头', '卫生间水龙头', '洗手盆角阀', '热水器进水管', '水表前阀门', '淋浴花洒'],
    fault: ['关不紧，一直滴水', '漏水', '出水很小，水压很低', '完全没有水', '有锈水流出来'],
  },
  drainage: {
    what: ['阳台地漏', '卫生间地漏', '洗衣机排水口', '厨房水槽'],
    fault: ['反水，有异味', '溢水', '排水很慢', '往外冒臭味'],
  },
  circuit: {
    what: ['客厅一路电', '入户电表箱空开', '厨房电路', '卧室线路'],
    fault: ['跳闸，合不上', '老是跳闸', '突然断电', '有烧焦味'],
  },
  socket_switch: {
    what: ['卧室插座', '厨房开关面板', '卫生间插座', '客厅开关'],
    fault: ['松动，插头插不稳', '烧黑了', '按下去没反应', '有火花'],
  },
  lighting: {
    what: ['卫生间吸顶灯', '楼道感应灯', '客厅灯', '单元门口的灯'],
    fault: ['不亮', '一闪一闪的', '灯不亮，晚上很黑', '开关后很久才亮'],
  },
  leak_ceiling: {
    what: ['卫生间天花板', '主卧天花板', '厨房吊顶', '客厅天花板'],
    fault: ['漏水，怀疑楼上防水层坏了', '有水渍并在扩大', '滴水', '发霉起皮'],
  },
  leak_pipe: {
    what: ['厨房下水管接口', '暖气片阀门', '洗衣机进水管', '卫生间立管'],
    fault: ['漏水', '漏水，地板湿了', '渗水', '接头处一直滴水'],
  },
  leak_wall: {
    what: ['客厅外墙', '阳台墙面', '卧室窗边墙角'],
    fault: ['下雨后渗水，墙皮起鼓', '渗水发霉', '墙面潮湿有水印'],
  },
  pipe_blocked: {
    what: ['厨房下水道', '阳台下水管', '卫生间下水道'],
    fault: ['堵塞，水下不去', '堵了，往上返水', '排水不畅'],
  },
  pipe_toilet: {
    what: ['马桶', '蹲便器'],
    fault: ['堵塞，冲不下去', '冲水后水位上涨', '水箱一直流水'],
  },
  door_lock: {
    what: ['入户门锁芯', '单元门门禁锁', '防盗门把手', '卧室门锁'],
    fault: ['坏了，钥匙拧不动', '锁不上', '松动', '反锁后打不开'],
  },
  window: {
    what: ['卧室窗户合页', '窗户玻璃胶', '阳台推拉窗', '厨房窗户把手'],
    fault: ['脱落，关不严', '老化漏风', '卡住推不动', '断了'],
  },
  lift: {
    what: ['电梯按钮', '电梯', '电梯门', '货梯'],
    fault: ['失灵，按了没反应', '运行时有异响，晃得厉害', '关门夹人，感应不灵', '停在两层之间', '经常停运'],
  },
  fire_equipment: {
    what: ['楼道灭火器', '消防栓箱门', '烟感报警器', '应急照明灯'],
    fault: ['过期了', '损坏', '误报，一直响', '不亮'],
  },
  access_control: {
    what: ['可视对讲', '门禁卡', '单元门禁', '人脸识别门禁'],
    fault: ['没有画面', '刷不开单元门', '识别不了', '开门后关不上'],
  },
  gas: {
    what: ['厨房', '燃气表', '燃气管道'],
    fault: ['有燃气味，请尽快来人查看', '接口处有异味', '读数异常'],
  },
  public_facility: {
    what: ['儿童游乐区滑梯', '中心花园路灯', '小区健身器材', '单元门口台阶', '地下车库道闸'],
    fault: ['有裂缝，存在安全隐患', '坏了三盏', '螺丝松动', '破损', '抬不起来'],
  },
  // complaint
  noise_decoration: {
    what: ['楼上装修', '隔壁装修', '楼下装修'],
    fault: ['噪音太大，中午休息时间还在电钻', '周末早上七点就开始敲墙', '电锤声一直响到晚上八点'],
  },
  noise_neighbour: {
    what: ['楼上住户', '邻居家狗', '隔壁'],
    fault: ['深夜拖动家具，噪音很大', '整晚叫，影响休息', '经常半夜唱歌'],
  },
  noise_equipment: {
    what: ['水泵房设备', '楼顶空调外机', '变压器', '地下车库风机'],
    fault: ['运行噪音太大，晚上睡不着', '噪音扰民', '嗡嗡响一整夜'],
  },
  leak: {
    what: ['楼上', '地下车库顶部', '楼顶水箱'],
    fault: ['漏水到我家卫生间，多次沟通未解决', '漏水滴到车上', '漏水到楼道'],
  },
  hygiene: {
    what: ['楼道垃圾', '垃圾桶周边', '电梯轿厢', '地下车库'],
    fault: ['两天没人清理，味道很大', '脏乱，苍蝇很多', '有异味', '积水很多没人打扫'],
  },
  greening: {
    what: ['绿化带', '树枝', '草坪'],
    fault: ['杂草丛生，很久没修剪', '伸到阳台，遮挡采光', '被踩坏了没人补种'],
  },
  security: {
    what: ['小区门岗', '电动车', '陌生人'],
    fault: ['不查外来人员', '在楼道充电，存在安全隐患', '在小区发小广告'],
  },
  parking: {
    what: ['我的固定车位', '消防通道', '地下车库'],
    fault: ['被别人占用', '被乱停车堵住', '停车位划线不清'],
  },
  service_attitude: {
    what: ['前台', '维修人员', '保安'],
    fault: ['接电话态度冷淡，问题没说清楚就挂断', '上门迟到一个多小时也没打招呼', '说话很不客气'],
  },
  charges: {
    what: ['物业费账单', '停车费', '水电公摊费'],
    fault: ['金额与去年不一致，请核实', '收费标准不清楚', '多收了一个月'],
  },
  decoration: {
    what: ['楼上装修', '邻居装修', '隔壁业主'],
    fault: ['拆改承重墙，担心安全', '占用楼道堆放材料', '装修垃圾乱堆'],
  },
  pets: {
    what: ['有住户遛狗', '草坪上狗粪', '楼道里的猫'],
    fault: ['不牵绳，吓到小孩', '没人清理', '到处乱窜'],
  },
  // enquiry
  fees: {
    what: ['今年物业管理费', '水电费', '物业费'],
    fault: ['的收费标准', '的缴费方式', '能不能线上缴纳'],
  },
  procedures: {
    what: ['办理入住', '房屋出租', '业主变更'],
    fault: ['需要带哪些资料', '需要到物业办理什么手续', '的流程是什么'],
  },
  decoration_permit: {
    what: ['装修申请', '装修押金', '装修施工时间'],
    fault: ['需要提交哪些材料', '什么时候可以退', '有什么规定'],
  },
  parking_card: {
    what: ['地下车库停车月卡', '临时停车', '访客车辆'],
    fault: ['怎么办理', '的收费标准', '怎么登记'],
  },
  other_enquiry: {
    what: ['小区快递柜', '小区游泳池', '社区活动室'],
    fault: ['在什么位置', '开放时间', '怎么预约'],
  },
  // help
  unlock: { what: ['钥匙锁在家里了', '门卡丢了'], fault: ['，请帮忙联系开锁', '，进不了单元门'] },
  moving: { what: ['周六搬家', '下周搬大件家具'], fault: ['，需要借用手推车并预留电梯', '，请安排电梯保护'] },
  medical: {
    what: ['家中老人突发不适', '孩子发高烧'],
    fault: ['，请协助叫救护车并引导', '，请帮忙联系车辆'],
  },
  lost_found: { what: ['在中心花园', '在地下车库'], fault: ['丢失一串钥匙', '捡到一个钱包'] },
  // suggestion
  management: { what: ['建议增加晚间巡逻频次', '建议在单元门口加装雨棚'], fault: ['', '，方便大家'] },
  facility: { what: ['建议在中心花园增加休息座椅', '建议增设电动车充电桩'], fault: ['', '，方便业主'] },
  activity: { what: ['建议组织中秋社区联欢活动', '建议周末办亲子活动'], fault: ['', '，增进邻里关系'] },
  // praise
  praise_service: { what: ['前台服务热情'], fault: ['，帮忙解决了快递问题，特此表扬', '，特此表扬'] },
  praise_repair: { what: ['维修师傅来得及时', '师傅技术好'], fault: ['，还帮忙清理了现场', '，特此表扬'] },
  praise_security: {
    what: ['门岗保安帮忙把老人送回家', '保安帮忙搬东西'],
    fault: ['，非常感谢', '，特此表扬'],
  },
  // paid service
  home_cleaning: { what: ['预约周末上门家政保洁', '需要擦玻璃和厨房油烟机清洗'], fault: ['，三室两厅', ''] },
  deep_cleaning: { what: ['新房装修完成', '旧房翻新后'], fault: ['，预约开荒保洁', '，需要深度保洁'] },
  appliance_repair: {
    what: ['空调', '洗衣机', '热水器', '油烟机'],
    fault: ['不制冷，需要上门检修', '脱水时噪音很大', '点不着火', '吸力很小'],
  },
  pipe_unblock: { what: ['厨房下水道疏通', '卫生间下水道疏通'], fault: ['，有偿服务', ''] },
  lock_change: { what: ['入户门锁更换为指纹锁', '更换防盗门锁芯'], fault: ['', '，请报价'] },
};

/** A description for a category code (Chinese, 8–40 characters). */
export function describe(rng: Rng, code: string): string {
  const p = PHRASES[code];
  if (!p) return '住户反映的问题，已记录';
  const report = REPORTS.has(code);
  const when = report ? rng.pick(WHEN) : '';
  const what = rng.pick(p.what);
  const fault = rng.pick(p.fault);
  // Enquiries, suggestions, praise and help read as one sentence already; "when" and the ask fit reports.
  const ask = report && !fault.includes('，') ? rng.pick(ASK) : '';
  return `${when}${what}${fault}${ask}`;
}

/** Words the search scenario looks for: 2–4 Chinese characters, each occurring in the tables above. */
export const SEARCH_TERMS = [
  '漏水',
  '电梯',
  '噪音',
  '水龙头',
  '下水道',
  '跳闸',
  '门禁',
  '车位',
  '装修',
  '物业费',
  '垃圾',
  '异味',
  '天花板',
  '热水器',
  '插座',
  '灯不亮',
  '堵塞',
  '保洁',
  '停车',
  '空调',
  '安全隐患',
  '师傅',
];

/** Throws unless every search term occurs in some phrase (so a search never looks for nothing). */
export function checkSearchTerms(): void {
  const all = [...WHEN, ...ASK, ...Object.values(PHRASES).flatMap((p) => [...p.what, ...p.fault])].join('|');
  const missing = SEARCH_TERMS.filter((t) => !all.includes(t));
  if (missing.length) throw new Error(`search terms not in the phrase tables: ${missing.join(', ')}`);
}
