/**
 * 附件资料: documents the unit keeps (房产证复印件, 入住资料, 装修图纸 …). A file is uploaded to the
 * unit's estate (POST /api/files, checked there) and then filed under the unit; opening it goes through
 * the same check of the caller's estates.
 */
import { FileOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, List, Popconfirm, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../../shared/format';
import { MAX_UPLOAD_BYTES } from '../../../requests/components/FileUploads';
import { uploadFile } from '../../../requests/requests.api';
import { useSave } from '../../lib/useSave';
import { attachDocument, detachDocument, refreshUnitFile, type UnitFile } from '../../units.api';

const ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp,image/gif';

function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export function DocumentsCard({ file, canEdit }: { file: UnitFile; canEdit: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const save = useSave();
  const [uploading, setUploading] = useState(false);
  const unitId = file.unit.id;

  const upload = async (blob: File) => {
    if (blob.size > MAX_UPLOAD_BYTES) {
      message.error(t('unitFile.uploadHint'));
      return;
    }
    setUploading(true);
    const done = await save(
      async () => {
        const fileId = await uploadFile(client, blob, {
          estateId: file.unit.estateId,
          kind: 'document',
          name: blob.name,
        });
        return attachDocument(unitId, { fileId, title: blob.name.replace(/\.[^.]+$/, '').slice(0, 60) });
      },
      { success: t('unitFile.attached') },
    );
    setUploading(false);
    if (done) refreshUnitFile(client, unitId);
  };

  return (
    <Card
      title={t('unitFile.documents')}
      size="small"
      className="unit-file-card"
      data-testid="unit-documents"
      extra={
        canEdit ? (
          <Upload
            accept={ACCEPT}
            showUploadList={false}
            beforeUpload={(f) => {
              void upload(f);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading}>
              {t('unitFile.upload')}
            </Button>
          </Upload>
        ) : null
      }
    >
      {file.documents.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('unitFile.noDocuments')}
          className="unit-file-empty"
        />
      ) : (
        <List
          size="small"
          dataSource={file.documents}
          renderItem={(d) => (
            <List.Item
              actions={
                canEdit
                  ? [
                      <Popconfirm
                        key="detach"
                        title={t('unitFile.detachConfirm')}
                        okText={t('unitFile.detach')}
                        cancelText={t('structure.cancel')}
                        onConfirm={async () => {
                          await save(() => detachDocument(unitId, d.fileId));
                          refreshUnitFile(client, unitId);
                        }}
                      >
                        <Button type="link" size="small" danger>
                          {t('unitFile.detach')}
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                avatar={<FileOutlined className="unit-file-doc-icon" />}
                title={
                  <a href={d.url} target="_blank" rel="noreferrer">
                    {d.title || d.name}
                  </a>
                }
                description={
                  <Typography.Text type="secondary" className="small">
                    {d.name} · {sizeOf(d.size)} ·{' '}
                    {t('unitFile.attachedBy', {
                      name: d.attachedByName,
                      time: formatDateTime(d.attachedAt, file.timeZone),
                    })}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      )}
      {canEdit ? (
        <Typography.Text type="secondary" className="small">
          {t('unitFile.uploadHint')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}
