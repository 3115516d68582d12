/** Fixed lists the demo company is made from: Chinese names, categories and real-looking request texts. */
import type { DepartmentKind, RequestType, Role } from '@wuye/contracts';

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
export const GIVEN_MALE = [
  '伟',
  '强',
  '磊',
  '军',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '刚',
  '平',
  '辉',
  '建国',
  '志强',
  '海波',
  '文博',
  '浩然',
  '子轩',
  '俊杰',
  '宇航',
  '国栋',
  '振华',
  '家豪',
  '晓东',
  '立新',
];
export const GIVEN_FEMALE = [
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '艳',
  '娟',
  '霞',
  '婷',
  '雪',
  '慧',
  '秀英',
  '桂英',
  '丽华',
  '晓燕',
  '雨欣',
  '梓涵',
  '思琪',
  '欣怡',
  '佳怡',
  '美玲',
  '海燕',
  '春梅',
  '玉兰',
  '晓红',
];
export const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
  '199',
];
export const REGION_CODES = [
  '110101',
  '110105',
  '310104',
  '310115',
  '440305',
  '440106',
  '330106',
  '320102',
  '510107',
  '420106',
  '370102',
  '610113',
];

export const COMPANY = { name: '示范物业', code: 'demo' };

export const ESTATES = [
  { key: 'ygh', code: 'P001', name: '阳光花园', type: 'residential', address: '示范市南山区阳光路88号' },
  { key: 'twd', code: 'P002', name: '天物大厦', type: 'office', address: '示范市福田区天物路1号' },
] as const;

export const DEPARTMENTS: { kind: DepartmentKind; name: string }[] = [
  { kind: 'customer_service', name: '客服中心' },
  { kind: 'engineering', name: '工程部' },
  { kind: 'cleaning', name: '保洁部' },
  { kind: 'security', name: '秩序维护部' },
  { kind: 'greening', name: '绿化部' },
  { kind: 'control_room', name: '中控室' },
  { kind: 'external', name: '外部单位（供电/燃气/电梯维保）' },
];

export const LOCATIONS: Record<'ygh' | 'twd', { name: string; kind: string }[]> = {
  ygh: [
    { name: '南门岗', kind: 'gate' },
    { name: '北门岗', kind: 'gate' },
    { name: '中心花园', kind: 'garden' },
    { name: '地下停车场', kind: 'car_park' },
    { name: '1栋大堂', kind: 'lobby' },
    { name: '1栋1号电梯', kind: 'lift' },
    { name: '1栋2号电梯', kind: 'lift' },
    { name: '2栋1号电梯', kind: 'lift' },
    { name: '生活水泵房', kind: 'plant_room' },
    { name: '儿童游乐区', kind: 'garden' },
  ],
  twd: [
    { name: '首层大堂', kind: 'lobby' },
    { name: 'A梯组1号电梯', kind: 'lift' },
    { name: 'A梯组2号电梯', kind: 'lift' },
    { name: '地下车库B1', kind: 'car_park' },
    { name: '空调机房', kind: 'plant_room' },
    { name: '公共卫生间（各层）', kind: 'corridor' },
  ],
};

/** The demo accounts of the contract (password demo1234), plus a few colleagues for realism. */
export interface DemoUser {
  username: string;
  name: string;
  roles: Role[];
  estates: ('ygh' | 'twd')[];
  department?: DepartmentKind;
  listed: boolean;
}
export const USERS: DemoUser[] = [
  { username: 'admin', name: '赵总', roles: ['gm', 'hq_cs'], estates: [], listed: true },
  { username: 'manager', name: '钱主任', roles: ['manager'], estates: ['ygh'], listed: true },
  {
    username: 'supervisor',
    name: '孙主管',
    roles: ['cs_supervisor'],
    estates: ['ygh'],
    department: 'customer_service',
    listed: true,
  },
  {
    username: 'agent',
    name: '李晓燕',
    roles: ['cs_agent'],
    estates: ['ygh'],
    department: 'customer_service',
    listed: true,
  },
  {
    username: 'steward',
    name: '周管家',
    roles: ['steward'],
    estates: ['ygh'],
    department: 'customer_service',
    listed: true,
  },
  {
    username: 'lobby',
    name: '吴大堂',
    roles: ['lobby'],
    estates: ['ygh'],
    department: 'customer_service',
    listed: true,
  },
  {
    username: 'cashier',
    name: '郑会计',
    roles: ['cashier'],
    estates: ['ygh'],
    department: 'customer_service',
    listed: true,
  },
  {
    username: 'tech',
    name: '王师傅',
    roles: ['technician'],
    estates: ['ygh'],
    department: 'engineering',
    listed: true,
  },
  {
    username: 'eng_lead',
    name: '冯工',
    roles: ['dept_lead'],
    estates: ['ygh'],
    department: 'engineering',
    listed: true,
  },
  {
    username: 'cleaner_lead',
    name: '陈班长',
    roles: ['dept_lead'],
    estates: ['ygh'],
    department: 'cleaning',
    listed: true,
  },
  {
    username: 'night',
    name: '褚值班',
    roles: ['control_room'],
    estates: ['ygh'],
    department: 'control_room',
    listed: true,
  },
  { username: 'quality', name: '卫品质', roles: ['quality'], estates: [], listed: true },
  {
    username: 'tech2',
    name: '蒋师傅',
    roles: ['technician'],
    estates: ['ygh'],
    department: 'engineering',
    listed: false,
  },
  {
    username: 'agent2',
    name: '沈佳怡',
    roles: ['cs_agent'],
    estates: ['ygh'],
    department: 'customer_service',
    listed: false,
  },
  { username: 'tw_manager', name: '韩经理', roles: ['manager'], estates: ['twd'], listed: false },
  {
    username: 'tw_agent',
    name: '杨思琪',
    roles: ['cs_agent'],
    estates: ['twd'],
    department: 'customer_service',
    listed: false,
  },
  {
    username: 'tw_tech',
    name: '朱师傅',
    roles: ['technician'],
    estates: ['twd'],
    department: 'engineering',
    listed: false,
  },
];

export const DEMO_PASSWORD = 'demo1234';

interface TreeNode {
  code: string;
  name: string;
  /** Requests of this category are emergencies (first in the queue). */
  emergency?: boolean;
  children?: TreeNode[];
}
type Tree = TreeNode[];
export const CATEGORIES: Record<RequestType, Tree> = {
  repair: [
    {
      code: 'water_electric',
      name: '水电',
      children: [
        { code: 'water_supply', name: '给水' },
        { code: 'drainage', name: '排水' },
        { code: 'circuit', name: '电路' },
        { code: 'socket_switch', name: '开关插座' },
        { code: 'lighting', name: '照明灯具' },
      ],
    },
    {
      code: 'leak',
      name: '漏水',
      children: [
        { code: 'leak_ceiling', name: '天花渗漏' },
        { code: 'leak_pipe', name: '管道漏水' },
        { code: 'leak_wall', name: '外墙渗水' },
      ],
    },
    {
      code: 'pipe',
      name: '管道',
      children: [
        { code: 'pipe_blocked', name: '下水道堵塞' },
        { code: 'pipe_toilet', name: '马桶堵塞' },
      ],
    },
    {
      code: 'door_window',
      name: '门窗',
      children: [
        { code: 'door_lock', name: '门锁' },
        { code: 'window', name: '窗户' },
      ],
    },
    { code: 'lift', name: '电梯' },
    {
      code: 'safety',
      name: '消防安全设施',
      children: [
        { code: 'fire_equipment', name: '消防器材' },
        { code: 'access_control', name: '门禁对讲' },
      ],
    },
    { code: 'gas', name: '燃气', emergency: true },
    { code: 'public_facility', name: '公共设施' },
  ],
  complaint: [
    {
      code: 'noise',
      name: '噪音',
      children: [
        { code: 'noise_decoration', name: '装修噪音' },
        { code: 'noise_neighbour', name: '邻里噪音' },
        { code: 'noise_equipment', name: '设备噪音' },
      ],
    },
    { code: 'leak', name: '漏水' },
    { code: 'hygiene', name: '卫生' },
    { code: 'greening', name: '绿化' },
    { code: 'security', name: '治安' },
    { code: 'parking', name: '停车' },
    { code: 'service_attitude', name: '服务态度' },
    { code: 'charges', name: '收费' },
    { code: 'decoration', name: '违规装修' },
    { code: 'pets', name: '宠物' },
  ],
  enquiry: [
    { code: 'fees', name: '收费标准' },
    { code: 'procedures', name: '办事流程' },
    { code: 'decoration_permit', name: '装修手续' },
    { code: 'parking_card', name: '停车月卡' },
    { code: 'other_enquiry', name: '其他咨询' },
  ],
  help: [
    { code: 'unlock', name: '开锁求助' },
    { code: 'moving', name: '搬运协助' },
    { code: 'medical', name: '紧急就医', emergency: true },
    { code: 'lost_found', name: '失物招领' },
  ],
  suggestion: [
    { code: 'management', name: '管理建议' },
    { code: 'facility', name: '设施建议' },
    { code: 'activity', name: '社区活动' },
  ],
  praise: [
    { code: 'praise_service', name: '服务表扬' },
    { code: 'praise_repair', name: '维修表扬' },
    { code: 'praise_security', name: '秩序维护表扬' },
  ],
  paid_service: [
    { code: 'home_cleaning', name: '家政保洁' },
    { code: 'deep_cleaning', name: '开荒保洁' },
    { code: 'appliance_repair', name: '家电维修' },
    { code: 'pipe_unblock', name: '管道疏通' },
    { code: 'lock_change', name: '换锁' },
  ],
};

/** Real-looking descriptions by category code. */
export const DESCRIPTIONS: Record<string, string[]> = {
  water_supply: ['厨房水龙头关不紧，一直滴水', '家里水压很低，热水器点不着火', '卫生间角阀漏水，需要更换'],
  drainage: ['阳台地漏反水，有异味', '洗衣机排水口溢水'],
  circuit: ['客厅一路电跳闸，合不上', '入户电表箱空开老是跳'],
  socket_switch: ['卧室插座松动，插头插不稳', '厨房开关面板烧黑了'],
  lighting: ['卫生间吸顶灯不亮', '楼道感应灯不亮，晚上很黑'],
  leak_ceiling: ['卫生间天花板漏水，怀疑楼上防水层坏了', '主卧天花板有水渍并在扩大'],
  leak_pipe: ['厨房下水管接口漏水', '暖气片阀门漏水，地板湿了'],
  leak_wall: ['下雨后客厅外墙渗水，墙皮起鼓'],
  pipe_blocked: ['厨房下水道堵塞，水下不去', '阳台下水管堵了'],
  pipe_toilet: ['马桶堵塞，冲不下去'],
  door_lock: ['入户门锁芯坏了，钥匙拧不动', '单元门门禁锁不上'],
  window: ['卧室窗户合页脱落，关不严', '窗户玻璃胶老化漏风'],
  lift: ['电梯按钮失灵，按了没反应', '电梯运行时有异响，晃得厉害', '电梯门关门夹人，感应不灵'],
  fire_equipment: ['楼道灭火器过期了', '消防栓箱门损坏'],
  access_control: ['可视对讲没有画面', '门禁卡刷不开单元门'],
  gas: ['厨房有燃气味，请尽快来人查看'],
  public_facility: ['儿童游乐区滑梯有裂缝，存在安全隐患', '中心花园路灯坏了三盏', '小区健身器材螺丝松动'],
  noise_decoration: [
    '楼上装修噪音太大，中午休息时间还在电钻',
    '隔壁装修周末早上七点就开始敲墙',
    '楼上装修电锤声一直响到晚上八点',
  ],
  noise_neighbour: ['楼上深夜有人拖动家具，噪音很大', '邻居家狗整晚叫，影响休息'],
  noise_equipment: ['水泵房设备运行噪音太大，晚上睡不着', '楼顶空调外机噪音扰民'],
  leak: ['楼上漏水到我家卫生间，多次沟通未解决', '地下车库顶部漏水滴到车上'],
  hygiene: ['楼道垃圾两天没人清理，味道很大', '垃圾桶周边脏乱，苍蝇很多'],
  greening: ['绿化带杂草丛生，很久没修剪', '树枝伸到阳台，遮挡采光'],
  security: ['小区有陌生人发小广告，门岗不查', '电动车在楼道充电，存在安全隐患'],
  parking: ['我的固定车位被别人占用', '地下车库道闸经常抬不起来'],
  service_attitude: ['前台接电话态度冷淡，问题没说清楚就挂断', '维修人员上门迟到一个多小时也没打招呼'],
  charges: ['物业费账单金额与去年不一致，请核实', '停车费收费标准不清楚'],
  decoration: ['楼上装修拆改承重墙，担心安全', '邻居装修占用楼道堆放材料'],
  pets: ['有住户遛狗不牵绳，吓到小孩', '草坪上狗粪没人清理'],
  fees: ['咨询今年物业管理费的收费标准', '想了解水电费的缴费方式'],
  procedures: ['咨询办理入住需要带哪些资料', '房屋出租需要到物业办理什么手续'],
  decoration_permit: ['咨询装修申请需要提交哪些材料', '装修押金什么时候可以退'],
  parking_card: ['想办理地下车库停车月卡', '咨询临时停车收费标准'],
  other_enquiry: ['咨询小区快递柜的位置', '问一下小区游泳池开放时间'],
  unlock: ['钥匙锁在家里了，请帮忙联系开锁'],
  moving: ['周六搬家，需要借用手推车并预留电梯'],
  medical: ['家中老人突发不适，请协助叫救护车并引导'],
  lost_found: ['在中心花园丢失一串钥匙'],
  management: ['建议增加晚间巡逻频次', '建议在单元门口加装雨棚'],
  facility: ['建议在中心花园增加休息座椅', '建议增设电动车充电桩'],
  activity: ['建议组织中秋社区联欢活动'],
  praise_service: ['前台李小姐服务热情，帮忙解决了快递问题，特此表扬'],
  praise_repair: ['王师傅维修及时，技术好，还帮忙清理了现场'],
  praise_security: ['门岗保安帮忙把老人送回家，非常感谢'],
  home_cleaning: ['预约周末上门家政保洁，三室两厅', '需要擦玻璃和厨房油烟机清洗'],
  deep_cleaning: ['新房装修完成，预约开荒保洁'],
  appliance_repair: ['空调不制冷，需要上门检修', '洗衣机脱水时噪音很大'],
  pipe_unblock: ['厨房下水道疏通，有偿服务'],
  lock_change: ['入户门锁更换为指纹锁'],
};
