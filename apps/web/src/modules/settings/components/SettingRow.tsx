/**
 * One rule of the clock settings: its name and what it counts from, the value with its unit (and, for a
 * day rule, the 日历日/工作日 switch), the seed's default beside it, and a mark when the estate differs.
 */
import { UndoOutlined } from '@ant-design/icons';
import { Button, Form, InputNumber, Segmented, Tag, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import type { FormValues, NumberField, TimeField } from '../lib/fields';

const UNIT_KEYS: Record<NumberField['unit'], MessageKey> = {
  minutes: 'settings.unit.minutes',
  hours: 'settings.unit.hours',
  days: 'settings.unit.days',
  times: 'settings.unit.times',
  yuan: 'settings.unit.yuan',
  percent: 'settings.unit.percent',
};

/** A time of day kept as "HH:mm" in the form, picked with antd's TimePicker. */
function TimeOfDayInput({
  value,
  onChange,
  disabled,
  testId,
}: {
  value?: string;
  onChange?: (v: string) => void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <TimePicker
      value={value ? dayjs(`2000-01-01T${value}`) : null}
      onChange={(d) => d && onChange?.(d.format('HH:mm'))}
      format="HH:mm"
      minuteStep={5}
      allowClear={false}
      needConfirm={false}
      disabled={disabled}
      className="settings-control-input"
      data-testid={testId}
    />
  );
}

export function useFormatValue() {
  const { t } = useI18n();
  return (field: NumberField | TimeField, value: number | string | null | undefined) => {
    if (value === null || value === undefined) return '';
    if (field.kind === 'time') return String(value);
    if (field.unit === 'percent') return `${value}%`;
    return `${value} ${t(UNIT_KEYS[field.unit])}`;
  };
}

export function SettingRow({
  field,
  values,
  defaults,
  readOnly,
  onRestore,
}: {
  field: NumberField | TimeField;
  values: FormValues;
  defaults: FormValues;
  readOnly: boolean;
  onRestore: (paths: string[]) => void;
}) {
  const { t } = useI18n();
  const format = useFormatValue();
  const counting = field.kind === 'number' ? field.counting : undefined;
  const paths = counting ? [field.path, counting] : [field.path];
  const overridden = paths.some((p) => values[p] !== defaults[p]);
  const testId = `setting-${field.path}`;
  const countingLabel = (v: unknown) =>
    t(v === 'working' ? 'settings.counting.working' : 'settings.counting.calendar');

  let defaultText = format(field, defaults[field.path]);
  if (counting) defaultText += ` · ${countingLabel(defaults[counting])}`;

  return (
    <div className={`settings-row${overridden ? ' settings-row-overridden' : ''}`} data-testid={testId}>
      <div className="settings-row-label">
        <div className="settings-row-title">
          <span>{t(field.label)}</span>
          {overridden ? (
            <Tag color="blue" bordered={false} data-testid={`${testId}-overridden`}>
              {t('settings.overridden')}
            </Tag>
          ) : null}
        </div>
        {field.help ? <div className="settings-row-help">{t(field.help)}</div> : null}
      </div>
      <div className="settings-row-side">
        <div className="settings-row-control">
          <Form.Item
            name={field.path}
            rules={[{ required: true, message: t('settings.invalid') }]}
            style={{ marginBottom: 0 }}
          >
            {field.kind === 'time' ? (
              <TimeOfDayInput disabled={readOnly} testId={`${testId}-input`} />
            ) : (
              <InputNumber
                min={field.min}
                max={field.max}
                step={field.step ?? 1}
                precision={field.precision ?? (field.unit === 'percent' ? undefined : 0)}
                addonAfter={t(UNIT_KEYS[field.unit])}
                disabled={readOnly}
                className="settings-control-input"
                data-testid={`${testId}-input`}
              />
            )}
          </Form.Item>
          {counting ? (
            <Form.Item name={counting} noStyle>
              <Segmented
                disabled={readOnly}
                data-testid={`${testId}-counting`}
                options={[
                  { value: 'calendar', label: t('settings.countingOption.calendar') },
                  { value: 'working', label: t('settings.countingOption.working') },
                ]}
              />
            </Form.Item>
          ) : null}
        </div>
        <div className="settings-row-default">
          <Typography.Text type="secondary" data-testid={`${testId}-default`}>
            {t('settings.default', { value: defaultText })}
          </Typography.Text>
          {overridden && !readOnly ? (
            <Button
              type="link"
              size="small"
              icon={<UndoOutlined />}
              onClick={() => onRestore(paths)}
              data-testid={`${testId}-restore`}
            >
              {t('settings.restoreField')}
            </Button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
