/** How a complaint's grade and class look wherever they are shown: colours, labels, tags. */
import type { ComplaintGrade, ComplaintValidity } from '@wuye/contracts';
import { Tag } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';

export const GRADE_COLORS: Record<ComplaintGrade, string> = {
  major: 'red',
  hot: 'volcano',
  important: 'gold',
  general: 'default',
};
export const VALIDITY_COLORS: Record<ComplaintValidity, string> = {
  effective: 'red',
  assisted: 'blue',
  invalid: 'default',
};

export const gradeKey = (g: ComplaintGrade) => `complaint.grade.${g}` as MessageKey;
export const validityKey = (v: ComplaintValidity) => `complaint.validity.${v}` as MessageKey;

/** 重大/热点/重要/一般投诉. */
export function GradeTag({ grade }: { grade: ComplaintGrade }) {
  const { t } = useI18n();
  return <Tag color={GRADE_COLORS[grade]}>{t(gradeKey(grade))}</Tag>;
}

/** 有效/协助处理/无效投诉, or 待主管判定 when not classed yet (`showNone`). */
export function ValidityTag({
  validity,
  showNone = false,
}: {
  validity: ComplaintValidity | null;
  showNone?: boolean;
}) {
  const { t } = useI18n();
  if (!validity) return showNone ? <Tag>{t('complaint.validity.none')}</Tag> : null;
  return <Tag color={VALIDITY_COLORS[validity]}>{t(validityKey(validity))}</Tag>;
}
