/**
 * The frame every record section of the unit file shares: a card with its add button, a compact table,
 * and per row "edit" and "remove" (remove is for entries made by mistake, asked once, at the version
 * read). The form of each kind is a modal its section brings.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { UnitRecordKind } from '@wuye/contracts';
import { Button, Card, Empty, type FormInstance, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../../../../app/i18n/I18nProvider';
import { useSave } from '../../lib/useSave';
import { refreshUnitFile, removeRecord } from '../../units.api';

export type RecordRow = { id: string; version: number };

export function RecordCard<T extends RecordRow>({
  title,
  kind,
  unitId,
  rows,
  columns,
  empty,
  canEdit,
  addLabel,
  onAdd,
  onEdit,
  extraActions,
  extra,
  testId,
  wrap,
}: {
  title: string;
  kind: UnitRecordKind;
  unitId: string;
  rows: T[];
  columns: ColumnsType<T>;
  empty: string;
  canEdit: boolean;
  addLabel: string;
  onAdd: () => void;
  onEdit: (row: T) => void;
  /** More row actions before edit (e.g. "record return" on keys still out). */
  extraActions?: (row: T) => ReactNode;
  extra?: ReactNode;
  testId: string;
  /** Let the cells wrap to the card's width instead of scrolling sideways. */
  wrap?: boolean;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const save = useSave();

  const actions: ColumnsType<T> = canEdit
    ? [
        {
          title: t('structure.actions'),
          key: 'actions',
          width: 1,
          render: (_: unknown, row) => (
            <Space size={0} className="record-actions">
              {extraActions?.(row)}
              <Button type="link" size="small" onClick={() => onEdit(row)}>
                {t('structure.edit')}
              </Button>
              <Popconfirm
                title={t('unitFile.removeConfirm')}
                okText={t('structure.remove')}
                cancelText={t('structure.cancel')}
                okButtonProps={{ danger: true }}
                onConfirm={async () => {
                  await save(() => removeRecord(unitId, kind, row.id, row.version), {
                    onConflict: () => refreshUnitFile(client, unitId),
                  });
                  refreshUnitFile(client, unitId);
                }}
              >
                <Button type="link" size="small" danger>
                  {t('structure.remove')}
                </Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]
    : [];

  return (
    <Card
      title={title}
      size="small"
      className="unit-file-card"
      data-testid={testId}
      extra={
        <Space size={8}>
          {extra}
          {canEdit ? (
            <Button size="small" icon={<PlusOutlined />} onClick={onAdd} data-testid={`${testId}-add`}>
              {addLabel}
            </Button>
          ) : null}
        </Space>
      }
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} className="unit-file-empty" />
      ) : (
        <Table<T>
          rowKey="id"
          size="small"
          pagination={false}
          columns={[...columns, ...actions]}
          dataSource={rows}
          scroll={wrap ? undefined : { x: 'max-content' }}
        />
      )}
    </Card>
  );
}

/**
 * The save of a record dialog: checks the form, sends the call (field errors back on the form, a stale
 * version told and re-read), and on success or conflict re-reads the unit file and closes the dialog.
 */
export function useRecordForm<V>(
  form: FormInstance<V>,
  unitId: string,
  onClose: () => void,
  aliases?: Record<string, string>,
) {
  const { t } = useI18n();
  const client = useQueryClient();
  const save = useSave();
  const [saving, setSaving] = useState(false);
  const finish = () => {
    refreshUnitFile(client, unitId);
    onClose();
  };
  const submitWith = async (call: (values: V) => Promise<unknown>) => {
    let v: V;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const done = await save(() => call(v), {
      form,
      aliases,
      success: t('structure.saved'),
      onConflict: finish,
    });
    setSaving(false);
    if (done) finish();
  };
  return { saving, submitWith };
}
