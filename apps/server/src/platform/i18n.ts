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
  'validation.agreementRequired': {
    'zh-CN': '材料费超过 ¥{limit}，需上传业主签字的维修协议',
    en: 'Materials over ¥{limit} need the agreement signed by the resident',
  },
  'validation.feeRequired': { 'zh-CN': '收费项目需要填写费用', en: 'A chargeable job needs its fee' },
  'validation.resultGiven': {
    'zh-CN': '关闭投诉前需填写给业主的处理结果',
    en: 'Closing a complaint needs the result given to the resident',
  },
  'validation.complaintOnly': {
    'zh-CN': '只有投诉可以填写投诉记录',
    en: 'Only complaints have a complaint record',
  },
  'validation.invalidNeedsExplanation': {
    'zh-CN': '判定为无效投诉时需记录向业主所作的解释',
    en: 'An invalid complaint needs the explanation given to the resident',
  },
  'validation.solvingPartyRequired': {
    'zh-CN': '协助处理投诉需填写责任方（如发展商、市政部门）',
    en: 'An assisted complaint needs the party that must solve it',
  },
  'validation.agreedReplyEffectiveOnly': {
    'zh-CN': '只有有效投诉需要约定答复时间',
    en: 'Only an effective complaint has an agreed reply time',
  },
  'validation.agreedReplyPast': {
    'zh-CN': '约定答复时间不能早于现在',
    en: 'The agreed reply time cannot be in the past',
  },
  'validation.gradeReasonRequired': {
    'zh-CN': '手动调整投诉等级需填写原因',
    en: 'Changing the grade by hand needs a reason',
  },
  'validation.nothingToChange': { 'zh-CN': '没有需要保存的修改', en: 'Nothing to change' },
  'validation.linkSelf': { 'zh-CN': '不能与自身关联', en: 'A complaint cannot be linked to itself' },
  'validation.linkUnknown': { 'zh-CN': '要关联的投诉不存在', en: 'No such complaint to link' },
  'validation.linkOtherEstate': {
    'zh-CN': '不能关联其他项目的投诉',
    en: 'Complaints of different estates cannot be linked',
  },
  'validation.rootCauseRequired': {
    'zh-CN': '关闭有效投诉需填写原因分析',
    en: 'Closing an effective complaint needs the root cause',
  },
  'validation.correctiveActionRequired': {
    'zh-CN': '关闭有效投诉需填写纠正预防措施',
    en: 'Closing an effective complaint needs the corrective action',
  },
  'validation.satisfactionRequired': {
    'zh-CN': '联系上业主时需填写满意度',
    en: 'A reached callback needs the satisfaction',
  },
  'validation.appointmentPast': {
    'zh-CN': '预约时间不能早于现在',
    en: 'The appointment cannot be in the past',
  },
  'validation.month': { 'zh-CN': '月份格式应为 YYYY-MM，如 2026-11', en: 'A month is YYYY-MM, e.g. 2026-11' },
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
  'validation.fileUsedFor.unit_document': {
    'zh-CN': '该附件已归档为房屋资料，不能再用于其他记录，请重新上传',
    en: 'This file is filed as a unit document and cannot be used elsewhere; upload it again',
  },
  'validation.fileUsedFor.authorisation': {
    'zh-CN': '该附件已作为业主委托书登记，不能再用于其他记录，请重新上传',
    en: 'This file is an owner’s authorisation letter and cannot be used elsewhere; upload it again',
  },
  'validation.fileUsedFor.visit': {
    'zh-CN': '该签名已用于一次走访记录，不能再用于其他记录',
    en: 'This signature belongs to a visit record and cannot be used elsewhere',
  },
  'validation.integer': { 'zh-CN': '请输入整数', en: 'Must be a whole number' },
  'validation.timeOfDay': {
    'zh-CN': '请按 HH:mm 填写时间，如 18:30',
    en: 'Give a time of day as HH:mm, e.g. 18:30',
  },
  'validation.nightWindowEmpty': {
    'zh-CN': '夜间时段的开始和结束不能相同',
    en: 'The night window cannot start and end at the same time',
  },
  'validation.majorBelowMedium': {
    'zh-CN': '大修时限不能短于中修时限',
    en: 'A major repair cannot have less time than a medium one',
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
  'rule.quoteByLead': {
    'zh-CN': '价目表外的维修项目须由部门主管评估并定价',
    en: 'A repair outside the price list is assessed and priced by the department lead',
  },
  'rule.memoOpen': {
    'zh-CN': '该投诉已有一张待批示的工作传签单，请等上级批示或上报',
    en: 'A memo of this complaint is waiting for its decision',
  },
  'rule.memoNotOpen': { 'zh-CN': '该传签单已批示或已上报', en: 'This memo was decided or sent on already' },
  'rule.memoTop': {
    'zh-CN': '总经理为最高一级，请直接批示',
    en: 'The general manager is the last level: decide it',
  },
  'rule.notComplaint': { 'zh-CN': '该工单不是投诉', en: 'This request is not a complaint' },
  'rule.complaintClosed': {
    'zh-CN': '投诉已关闭，如需继续处理请先重新打开',
    en: 'The complaint is closed; reopen it first',
  },
  // ---- the case library (案例库) ----
  'rule.caseNotClosed': {
    'zh-CN': '投诉关闭后才能转为案例',
    en: 'Only a closed complaint can become a case',
  },
  'conflict.caseExists': {
    'zh-CN': '该投诉已转为案例，请在案例库中查看或修改',
    en: 'This complaint is already a case; view or edit it in the case library',
  },
  'notFound.case': { 'zh-CN': '案例不存在', en: 'Case not found' },
  'validation.casePersonalData': {
    'zh-CN': '案例中不能出现业主姓名、电话或证件号，请删除或替换「{found}」',
    en: 'A case must not contain a resident’s name, phone or ID number: remove or replace “{found}”',
  },
  'rule.vipNotGradeA': {
    'zh-CN': '只有 A 类（VIP 重点客户）才能办理 VIP 卡，该住户为 {grade} 类',
    en: 'Only grade A customers may hold a VIP card; this resident is grade {grade}',
  },
  'rule.vipCardHeld': {
    'zh-CN': '该住户已持有 VIP 卡 {number}',
    en: 'This resident already holds VIP card {number}',
  },
  'rule.vipCardExpiredRenew': {
    'zh-CN': '该住户的 VIP 卡 {number} 已过期，请复核资格后续期',
    en: 'VIP card {number} has expired: renew it after re-checking the grade',
  },
  'rule.vipNumbersExhausted': {
    'zh-CN': '{level}VIP 卡号（001–999）已全部发放，无法再发卡',
    en: 'Every {level} VIP card number (001–999) has been issued',
  },
  'rule.vipApplicationPending': {
    'zh-CN': '该住户已有待审批的 VIP 卡申请',
    en: 'This resident already has a VIP card application waiting for approval',
  },
  'rule.vipApplicationDecided': {
    'zh-CN': '该申请已审批',
    en: 'This application has been decided already',
  },
  'rule.vipCardNotActive': {
    'zh-CN': '该 VIP 卡已{status}，不能再办理',
    en: 'This VIP card is {status}',
  },
  'rule.vipRenewTooEarly': {
    'zh-CN': 'VIP 卡到期前 90 天内才能续期（到期日 {date}）',
    en: 'A VIP card can be renewed from 90 days before it ends ({date})',
  },
  'rule.vipCardExpired': {
    'zh-CN': '该 VIP 卡已过期，请先续期',
    en: 'This VIP card has expired; renew it first',
  },
  'rule.vipNoCard': {
    'zh-CN': '该住户没有有效的 VIP 卡',
    en: 'This resident holds no valid VIP card',
  },
  'validation.vipAssistantEstate': {
    'zh-CN': '客户助理须为本项目员工',
    en: 'The VIP assistant must be staff of this estate',
  },
  'notFound.vipCard': { 'zh-CN': 'VIP 卡不存在', en: 'VIP card not found' },
  'notFound.vipApplication': { 'zh-CN': 'VIP 卡申请不存在', en: 'VIP card application not found' },
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
  'notFound.link': { 'zh-CN': '两单之间没有关联', en: 'These complaints are not linked' },
  'notFound.record': { 'zh-CN': '记录不存在', en: 'Record not found' },
  'notFound.file': { 'zh-CN': '附件不存在', en: 'File not found' },
  'conflict.stale': {
    'zh-CN': '该记录已被他人修改，请刷新后重试',
    en: 'Someone else changed this record; reload and try again',
  },
  'dev.clockDisabled': { 'zh-CN': '测试时钟仅在演示模式可用', en: 'The test clock exists only in demo mode' },
  // ---- department board, repair fees, night hand-over ----
  'notFound.department': { 'zh-CN': '部门不存在', en: 'Department not found' },
  'notFound.payment': { 'zh-CN': '收费记录不存在', en: 'Payment not found' },
  'board.otherDepartment': {
    'zh-CN': '部门主管只能查看本部门的看板和人员',
    en: 'A department lead sees only their own department’s board and people',
  },
  'payment.notCollector': {
    'zh-CN': '上门收费由被派工的技工或其部门主管登记，前台和业主端收费由客服或收款员登记',
    en: 'Fees taken on site are recorded by the assigned technician or their lead; office and portal payments by the desk or the cashier',
  },
  'rule.paymentNotChargeable': {
    'zh-CN': '只有已完工且收费的工单可以登记收费',
    en: 'Only a completed chargeable request takes a payment',
  },
  'rule.paymentExists': {
    'zh-CN': '该工单已登记过收费',
    en: 'A payment is already recorded for this request',
  },
  'rule.paymentConfirmed': {
    'zh-CN': '该笔收费已由收款员确认，不能重复确认',
    en: 'This payment has already been confirmed',
  },
  'validation.paymentNoteRequired': {
    'zh-CN': '金额与完工时登记的费用（¥{fee}）不一致，请填写说明',
    en: 'The amount differs from the fee recorded at completion (¥{fee}): add a note',
  },
  'validation.dateRange': { 'zh-CN': '开始日期不能晚于结束日期', en: 'The start date is after the end date' },
  'validation.handoverPerson': {
    'zh-CN': '交接人必须是本项目的在职员工',
    en: 'Must be active staff of this estate',
  },
  'validation.handoverSamePerson': {
    'zh-CN': '交班人与接班人不能是同一人',
    en: 'The person handing over and the person receiving must differ',
  },
  'validation.handoverRequests': {
    'zh-CN': '只能交接本项目的夜间工单',
    en: 'Only night requests of this estate can be handed over',
  },
  'validation.shiftDateFuture': {
    'zh-CN': '交接日期不能晚于当前班次',
    en: 'The shift date cannot be after the current shift',
  },
  'rule.handoverParty': {
    'zh-CN': '交接记录须由交班人或接班人本人登记',
    en: 'The hand-over is recorded by the person handing over or the person receiving',
  },
  'conflict.handoverExists': {
    'zh-CN': '该项目这一班的夜间交接已经登记',
    en: 'This night’s hand-over is already recorded for the estate',
  },
  // ---- property structure and the unit file (一户一档) ----
  'notFound.building': { 'zh-CN': '楼栋不存在', en: 'Building not found' },
  'notFound.unit': { 'zh-CN': '房屋不存在', en: 'Unit not found' },
  'notFound.location': { 'zh-CN': '公共区域不存在', en: 'Location not found' },
  'validation.timeZone': {
    'zh-CN': '时区无效，请填写如 Asia/Shanghai 的时区名称',
    en: 'Unknown time zone; use a name such as Asia/Shanghai',
  },
  'validation.twoDecimals': { 'zh-CN': '最多保留两位小数', en: 'At most two decimals' },
  'validation.estateNameTaken': {
    'zh-CN': '公司已有同名项目',
    en: 'The company already has an estate of that name',
  },
  'validation.estateCodeTaken': { 'zh-CN': '项目编号已被使用', en: 'That estate code is taken' },
  'validation.buildingNameTaken': {
    'zh-CN': '该项目已有同名楼栋',
    en: 'The estate already has a building of that name',
  },
  'validation.followUpReporter': {
    'zh-CN': '无法确定报事人：请选择住户，或填写姓名和电话',
    en: 'No reporter: choose a resident, or give a name and a phone',
  },
  'validation.planOwnSteward': {
    'zh-CN': '管家只能为自己生成走访计划',
    en: 'A steward plans their own visits only',
  },
  'validation.stewardNotInEstate': {
    'zh-CN': '所选人员不是该项目的物业管家',
    en: 'Not a steward of this estate',
  },
  'validation.buildingNotInEstate': {
    'zh-CN': '楼栋不存在或不属于该项目',
    en: 'Unknown building for this estate',
  },
  'validation.unitNumberTaken': {
    'zh-CN': '{building}已有房号 {number}',
    en: '{building} already has unit {number}',
  },
  'validation.floorAboveBuilding': {
    'zh-CN': '不能高于楼栋的层数（{floors} 层）',
    en: 'Above the building’s {floors} floors',
  },
  'validation.floorsBelowUnits': {
    'zh-CN': '第 {floor} 层已有房屋，层数不能少于 {floor}',
    en: 'A unit is on floor {floor}: at least {floor} floors',
  },
  'validation.bulkBuildingOneOf': {
    'zh-CN': '请选择一个楼栋，或填写楼栋编号范围（二选一）',
    en: 'Choose one building or give a range of building numbers (one of them)',
  },
  'validation.rangeOrder': { 'zh-CN': '结束值不能小于开始值', en: 'The end is before the start' },
  'validation.roomDigits': {
    'zh-CN': '房间号位数太少，放不下结束房间号',
    en: 'Too few digits for the last room number',
  },
  'validation.bulkFloorAbove': {
    'zh-CN': '{building}只有 {floors} 层，不能生成到更高楼层',
    en: '{building} has {floors} floors only',
  },
  'validation.bulkEmpty': { 'zh-CN': '按该规则不会生成任何房屋', en: 'The pattern makes no units' },
  'validation.bulkTooMany': {
    'zh-CN': '将生成 {count} 户，超过单次上限 {cap} 户，请分批生成',
    en: 'The pattern makes {count} units, more than the {cap} of one batch; create them in parts',
  },
  'validation.bulkDuplicates': {
    'zh-CN': '有 {n} 个房号已存在（{examples}），未创建任何房屋',
    en: '{n} of these units exist already ({examples}); nothing was created',
  },
  'validation.locationNameTaken': {
    'zh-CN': '该项目已有同名公共区域',
    en: 'The estate already has a location of that name',
  },
  'validation.residentNotOfUnit': {
    'zh-CN': '该住户不是本房屋的住户',
    en: 'Not a resident of this unit',
  },
  'validation.meterNumberTaken': {
    'zh-CN': '该表号已登记在 {unit}',
    en: 'That meter number is on file for {unit}',
  },
  'validation.notFuture': { 'zh-CN': '不能晚于当前时间', en: 'Cannot be in the future' },
  'validation.returnedBeforeHanded': {
    'zh-CN': '归还时间不能早于交接时间',
    en: 'Returned before it was handed over',
  },
  'validation.removedBeforeInstalled': {
    'zh-CN': '拆除日期不能早于安装日期',
    en: 'Removed before it was installed',
  },
  'validation.fileOnUnit': { 'zh-CN': '该附件已归档到房屋', en: 'This file is already on a unit' },
  // ---- spreadsheet import of units and residents ----
  'validation.importFileRequired': {
    'zh-CN': '请选择要导入的 Excel 文件（.xlsx）',
    en: 'Choose the Excel file (.xlsx) to import',
  },
  'validation.importNotXlsx': {
    'zh-CN': '无法读取该文件：请上传 Excel 2007 及以上版本的 .xlsx 文件（.xls、.csv 请先另存为 .xlsx）',
    en: 'The file cannot be read: upload an .xlsx workbook (save .xls or .csv files as .xlsx first)',
  },
  'validation.importTooLarge': {
    'zh-CN': '文件过大：最大 {size}，请拆分后分批导入',
    en: 'The file is too large: at most {size}; split it and import in parts',
  },
  'validation.importTooManyRows': {
    'zh-CN': '数据行过多：每次最多导入 {n} 行，请拆分后分批导入',
    en: 'Too many rows: at most {n} per import; split the file and import in parts',
  },
  'validation.arrearsAsOfFuture': {
    'zh-CN': '截止日期不能晚于今天（{today}）',
    en: 'The list’s date cannot be after today ({today})',
  },
  'validation.arrearsAsOfBeforeCurrent': {
    'zh-CN': '截止日期早于当前欠费名单的截止日期（{current}）：请导入更新的名单',
    en: 'The date is before the current arrears list’s ({current}): load a newer list',
  },
  'validation.arrearsNoList': {
    'zh-CN': '本项目还没有导入欠费名单',
    en: 'No arrears list has been loaded for this estate',
  },
  'import.conflict': {
    'zh-CN': '导入期间本项目的房屋或住户被他人修改，未写入任何数据，请重新检查后导入',
    en: 'Units or residents of this estate changed during the import; nothing was written — check again and import',
  },
  // ---- residents: the person record, relations, grading, privacy ----
  'validation.phone': {
    'zh-CN': '请输入正确的号码：11 位手机号，或带区号的固定电话（如 0755-88886666）',
    en: 'Give a mainland mobile (11 digits) or a landline with its area code (e.g. 0755-88886666)',
  },
  'validation.repeated': { 'zh-CN': '与前面的重复', en: 'Repeats an earlier entry' },
  'validation.plate': {
    'zh-CN': '车牌号格式不正确，如 粤B12345 或新能源 粤BD12345',
    en: 'Not a plate number (e.g. 粤B12345, new energy 粤BD12345)',
  },
  'validation.idNumberFormat': {
    'zh-CN': '身份证号应为 18 位：17 位数字加 1 位校验码（数字或 X）',
    en: 'An ID number has 18 characters: 17 digits and a check digit or X',
  },
  'validation.idNumberLegacy': {
    'zh-CN': '15 位一代身份证号已停止使用，请填写 18 位身份证号',
    en: 'Old 15-digit ID numbers are no longer valid; give the 18-digit number',
  },
  'validation.idNumberRegion': {
    'zh-CN': '身份证号的前两位不是有效的省级行政区划代码',
    en: 'The first two digits are not a province code',
  },
  'validation.idNumberBirth': {
    'zh-CN': '身份证号中的出生日期（第 7–14 位）无效',
    en: 'The birth date in the ID number (digits 7–14) is not valid',
  },
  'validation.idNumberChecksum': {
    'zh-CN': '身份证号校验码不正确，请逐位核对',
    en: 'The check digit does not match; check the number digit by digit',
  },
  'validation.idNumberTaken': {
    'zh-CN': '该身份证号已登记在本项目住户“{name}”名下',
    en: 'This ID number is already on file for {name} in this estate',
  },
  'validation.birthdayIdMismatch': {
    'zh-CN': '出生日期与身份证号中的日期（{date}）不一致',
    en: 'The birthday differs from the one in the ID number ({date})',
  },
  'validation.genderIdMismatch': {
    'zh-CN': '性别与身份证号不一致（身份证号为{gender}性）',
    en: 'The gender differs from the ID number ({gender})',
  },
  'validation.dateFuture': { 'zh-CN': '日期不能晚于今天', en: 'The date cannot be after today' },
  'validation.dateTooOld': { 'zh-CN': '日期不能早于 {date}', en: 'The date cannot be before {date}' },
  'validation.keptPhone': {
    'zh-CN': '要保留的号码不存在（现有 {n} 个号码）',
    en: 'There is no such phone to keep (the record has {n})',
  },
  'validation.emergencyPhoneRequired': {
    'zh-CN': '请填写紧急联系人电话',
    en: 'Give the emergency contact’s phone',
  },
  'validation.gradeReasonRequiredResident': {
    'zh-CN': '调整客户等级须填写原因',
    en: 'A grade change needs its reason',
  },
  'validation.gradeRole': {
    'zh-CN': '只有客服主管、管理处主任及公司客服中心可以调整客户等级',
    en: 'Only the CS supervisor, the estate manager or the company may change a grade',
  },
  'validation.relationExists': {
    'zh-CN': '该住户已与此房屋登记为“{relation}”，如需变更请先结束原关系',
    en: 'Already on file for this unit as {relation}; end that relation first',
  },
  'validation.authorisationRelation': {
    'zh-CN': '业主委托书用于租户、代理人或装修负责人：该住户与此房屋须有此类关系',
    en: 'An authorisation letter is for a tenant, agent or decoration lead of the unit',
  },
  'validation.authorisationOwner': {
    'zh-CN': '委托人须是该房屋登记在册的业主或共有人',
    en: 'The grantor must be an owner or co-owner of the unit on file',
  },
  'validation.authorisationOwnerName': {
    'zh-CN': '请选择委托的业主，或填写业主姓名',
    en: 'Choose the owner who signed, or give their name',
  },
  'validation.validUntilBeforeFrom': {
    'zh-CN': '有效期截止日不能早于开始日',
    en: 'The end of validity is before its start',
  },
  'validation.fileInUseAuthorisation': {
    'zh-CN': '该附件已用于另一份委托书',
    en: 'This file is already another authorisation letter',
  },
  'validation.revealNothing': {
    'zh-CN': '该住户没有登记这项信息',
    en: 'Nothing of this kind is on file for the resident',
  },
  'validation.revealIndex': { 'zh-CN': '没有第 {n} 个号码', en: 'There is no phone number {n}' },
  'reveal.notAssigned': {
    'zh-CN': '维修人员只能查看派给本人、尚未关闭的工单上的住户电话',
    en: 'A technician sees only the phone of a resident on an open order assigned to them',
  },
  'notFound.relation': {
    'zh-CN': '该住户与此房屋没有登记关系',
    en: 'The resident has no relation to this unit',
  },
  'validation.planEmpty': {
    'zh-CN': '计划中没有需走访的住户，请选择有入住住户的楼栋或房屋',
    en: 'The plan has no households; choose buildings or units with occupants',
  },
  'conflict.visitPlanExists': {
    'zh-CN': '该管家本月的走访计划已存在',
    en: 'This steward already has a plan for the month',
  },
  'validation.visitFuture': { 'zh-CN': '时间不能晚于现在', en: 'Cannot be in the future' },
  'validation.signatureInPerson': {
    'zh-CN': '业户签名仅用于上门走访（电话回访无需签名）',
    en: 'A signature is for a visit in person, not a call',
  },
  'validation.endAfterStart': { 'zh-CN': '结束时间须晚于开始时间', en: 'Must be after the start' },
  'validation.receptionNotice': {
    'zh-CN': '经理接待日须至少提前 {days} 天通知全体业户，最早可安排在 {date}',
    en: 'Residents must be told at least {days} days ahead; the earliest possible day is {date}',
  },
  'validation.receptionWorkday': {
    'zh-CN': '经理接待日应安排在周末或节假日（{date} 是工作日）',
    en: 'Hold the reception day on a weekend or holiday ({date} is a working day)',
  },
  'validation.receptionNoticeStays': {
    'zh-CN': '经理接待日的通知须保持发布状态',
    en: 'A reception day’s notice stays published',
  },
  'validation.receptionNoticeLate': {
    'zh-CN': '经理接待日的通知须在接待日前至少 {days} 天发布',
    en: 'A reception day’s notice is published at least {days} days before the day',
  },
  'rule.receptionNotYet': {
    'zh-CN': '接待日尚未到来，不能登记接待记录',
    en: 'The reception day has not come yet',
  },
  'validation.heldInFuture': {
    'zh-CN': '尚未到的日期只能登记为“计划”',
    en: 'A future date can only be planned',
  },
  'validation.requestNotInEstate': {
    'zh-CN': '工单不存在或不属于该项目',
    en: 'Unknown request for this estate',
  },
  'conflict.greetingDone': { 'zh-CN': '该住户的这次问候已登记', en: 'This greeting is already recorded' },
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
