/**
 * Server-side messages in the user's language (zh-CN first, en second). Errors carry a message key
 * and parameters; the error handler renders them for the caller's locale.
 */
import type { Locale } from '@wuye/contracts';

type Params = Record<string, string | number>;
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
  'validation.unknownEstate': { 'zh-CN': '项目不存在或无权访问', en: 'Unknown estate or no access' },
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

export function t(message: Message, locale: Locale): string {
  const template: string = MESSAGES[message.key][locale];
  const params = message.params ?? {};
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The caller's locale: the Accept-Language header when it names English, else Chinese. */
export function localeFrom(acceptLanguage: string | undefined, fallback: Locale = 'zh-CN'): Locale {
  if (!acceptLanguage) return fallback;
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en';
  if (first.startsWith('zh')) return 'zh-CN';
  return fallback;
}
