/**
 * Server-side messages in the user's language (zh-CN first, en second). Errors carry a message key
 * and parameters; the error handler renders them for the caller's locale.
 */
import type { Locale } from '@wuye/contracts';

type Localized = { 'zh-CN': string; en: string };
type Params = Record<string, string | number | Localized>;
export interface Message {
  key: MessageKey;
  params?: Params;
}

const MESSAGES = {
  'validation.failed': { 'zh-CN': '提交的内容有误，请检查标注的字段', en: 'Some fields are invalid' },
  'validation.required': { 'zh-CN': '必填', en: 'Required' },
  'validation.type': { 'zh-CN': '类型不正确（应为{expected}）', en: 'Wrong type (expected {expected})' },
  'validation.tooShort': { 'zh-CN': '不能少于 {n} 个字符', en: 'Must be at least {n} characters' },
  'validation.tooLong': { 'zh-CN': '不能超过 {n} 个字符', en: 'Must be at most {n} characters' },
  'validation.tooSmall': { 'zh-CN': '不能小于 {n}', en: 'Must be at least {n}' },
  'validation.tooBig': { 'zh-CN': '不能大于 {n}', en: 'Must be at most {n}' },
  'validation.tooFewItems': { 'zh-CN': '至少需要 {n} 项', en: 'Needs at least {n} items' },
  'validation.tooManyItems': { 'zh-CN': '最多 {n} 项', en: 'At most {n} items' },
  'validation.format': { 'zh-CN': '格式不正确', en: 'Invalid format' },
  'validation.enum': { 'zh-CN': '取值无效，可选：{values}', en: 'Invalid value; allowed: {values}' },
  'validation.unknownField': { 'zh-CN': '不允许的字段', en: 'Unknown field' },
  'validation.invalid': { 'zh-CN': '取值无效', en: 'Invalid value' },
  'validation.json': { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  'validation.bodyTooLarge': { 'zh-CN': '请求内容过大', en: 'The request body is too large' },
  'validation.contentType': {
    'zh-CN': '不支持的内容类型，请使用 application/json',
    en: 'Unsupported content type; use application/json',
  },
  'validation.lookupOneOf': {
    'zh-CN': '请输入电话号码或选择房号（二选一）',
    en: 'Give a phone number or a unit (one of them)',
  },
  'validation.unknownEstate': { 'zh-CN': '项目不存在或无权访问', en: 'Unknown estate or no access' },
  'validation.unitOrLocation': { 'zh-CN': '请选择房号或公共位置', en: 'Choose a unit or a public location' },
  'validation.unitNotInEstate': { 'zh-CN': '房屋不存在或不属于该项目', en: 'Unknown unit for this estate' },
  'validation.locationNotInEstate': {
    'zh-CN': '公共位置不存在或不属于该项目',
    en: 'Unknown location for this estate',
  },
  'validation.residentNotInEstate': {
    'zh-CN': '住户不存在或不属于该项目',
    en: 'Unknown resident for this estate',
  },
  'validation.unknownCategory': { 'zh-CN': '类别不存在', en: 'Unknown category' },
  'validation.categoryType': {
    'zh-CN': '类别与工单类型不符',
    en: 'The category belongs to another request type',
  },
  'validation.subtypeOnlyRepair': { 'zh-CN': '只有报修可以选择报修类型', en: 'Only repairs have a subtype' },
  'validation.sizeOnlyPublic': {
    'zh-CN': '只有公共设施报修可以选择工程规模',
    en: 'Only public-facility repairs have a size',
  },
  'validation.reporterRequired': {
    'zh-CN': '请选择住户，或填写报事人姓名和电话',
    en: 'Choose a resident or give the reporter’s name and phone',
  },
  'validation.department': { 'zh-CN': '部门不存在或不属于该项目', en: 'Unknown department for this estate' },
  'validation.assignee': {
    'zh-CN': '处理人不是该部门的在职员工',
    en: 'The assignee is not active staff of that department',
  },
  'validation.owner': {
    'zh-CN': '新责任人必须是本项目的在职员工',
    en: 'The new owner must be active staff of this estate',
  },
  'validation.signatureRequired': {
    'zh-CN': '签名确认需要上传业主签名',
    en: 'A signature confirmation needs the signature image',
  },
  'validation.feeRequired': { 'zh-CN': '收费项目需要填写费用', en: 'A chargeable job needs its fee' },
  'validation.resultGiven': {
    'zh-CN': '关闭投诉前需填写给业主的处理结果',
    en: 'Closing a complaint needs the result given to the resident',
  },
  'validation.satisfactionRequired': {
    'zh-CN': '联系上业主时需填写满意度',
    en: 'A reached callback needs the satisfaction',
  },
  'validation.appointmentPast': {
    'zh-CN': '预约时间不能早于现在',
    en: 'The appointment cannot be in the past',
  },
  'validation.fileRequired': { 'zh-CN': '请选择要上传的文件', en: 'Choose a file to upload' },
  'validation.fileType': {
    'zh-CN': '不支持的文件类型，仅限图片（JPG、PNG、WebP、GIF）、PDF 和 Office 文档',
    en: 'Unsupported file type; images (JPG, PNG, WebP, GIF), PDF and Office documents only',
  },
  'validation.fileTypeForKind': { 'zh-CN': '{kind}只能是 {types} 格式', en: 'A {kind} must be {types}' },
  'validation.fileMismatch': {
    'zh-CN': '文件内容与声明的类型（{type}）不符',
    en: 'The file content does not match its declared type ({type})',
  },
  'validation.fileTooLarge': { 'zh-CN': '文件不能超过 {size}', en: 'The file must be at most {size}' },
  'validation.fileName': { 'zh-CN': '文件名编码不正确', en: 'The file name is not correctly encoded' },
  'validation.unknownFile': {
    'zh-CN': '附件不存在或不属于该项目',
    en: 'Unknown attachment for this estate',
  },
  'validation.fileKind': {
    'zh-CN': '附件类型不符（应为{kind}）',
    en: 'Wrong kind of attachment (expected a {kind})',
  },
  'validation.fileInUse': {
    'zh-CN': '附件已属于另一张工单',
    en: 'The attachment belongs to another request',
  },
  'transition.invalid': {
    'zh-CN': '工单当前状态为“{state}”，不能执行“{action}”',
    en: 'A request in state “{state}” cannot be “{action}”',
  },
  'transition.notAssigned': {
    'zh-CN': '只有被派工的处理人或其部门主管可以执行此操作',
    en: 'Only the assigned person or their department lead may do this',
  },
  'rule.quoteApproval': {
    'zh-CN': '材料费超过 ¥{limit}，需管理处主任批准报价并经业主签字同意后才能完工',
    en: 'Materials over ¥{limit} need the estate manager’s approval of the quote before completion',
  },
  'rule.noQuoteToApprove': { 'zh-CN': '没有待批准的报价', en: 'There is no quote awaiting approval' },
  'rule.callbackRequired': {
    'zh-CN': '报修和有偿服务需回访后才能关闭（联系不上须满 {tries} 次回访）',
    en: 'Repairs and paid services close after a callback (or {tries} unreached tries)',
  },
  'rule.callbackState': {
    'zh-CN': '工单完工后才能回访',
    en: 'A request is called back after it is done',
  },
  'conflict.idempotency': {
    'zh-CN': '该幂等键已用于另一份不同的提交',
    en: 'This Idempotency-Key was used for a different submission',
  },
  'auth.required': { 'zh-CN': '请先登录', en: 'Please sign in' },
  'auth.badCredentials': { 'zh-CN': '用户名或密码错误', en: 'Wrong user name or password' },
  'auth.locked': {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; try again in {minutes} minutes',
  },
  'auth.csrf': {
    'zh-CN': '安全校验失败，请刷新页面后重试',
    en: 'Security check failed; reload the page and try again',
  },
  'auth.forbidden': { 'zh-CN': '您的角色无权执行此操作', en: 'Your role may not do this' },
  'notFound.route': { 'zh-CN': '接口不存在', en: 'No such endpoint' },
  'notFound.estate': { 'zh-CN': '项目不存在', en: 'Estate not found' },
  'notFound.resident': { 'zh-CN': '住户不存在', en: 'Resident not found' },
  'notFound.request': { 'zh-CN': '工单不存在', en: 'Request not found' },
  'notFound.record': { 'zh-CN': '记录不存在', en: 'Record not found' },
  'notFound.file': { 'zh-CN': '附件不存在', en: 'File not found' },
  'conflict.stale': {
    'zh-CN': '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  'dev.clockDisabled': { 'zh-CN': '测试时钟仅在演示模式可用', en: 'The test clock exists only in demo mode' },
  'internal.error': {
    'zh-CN': '服务器内部错误，请稍后再试',
    en: 'Internal server error; please try again later',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES, key);
}

export function t(message: Message, locale: Locale): string {
  const template: string = MESSAGES[message.key][locale];
  const params = message.params ?? {};
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) return `{${name}}`;
    return typeof v === 'object' ? v[locale] : String(v);
  });
}

/** The caller's locale: the Accept-Language header when it names English, else Chinese. */
export function localeFrom(acceptLanguage: string | undefined, fallback: Locale = 'zh-CN'): Locale {
  if (!acceptLanguage) return fallback;
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('zh')) return 'zh-CN';
  return fallback;
}
