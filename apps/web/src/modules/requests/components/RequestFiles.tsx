/**
 * The files a request holds — the desk's attachments, the technician's before/after photos, the
 * resident's signature and signed agreement — as thumbnails to open large (images) or links (PDF and
 * office files). Each is served by GET /api/files/:id after the server's check of the caller's estates.
 */
import { FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { RequestDetail } from '@wuye/contracts';
import { Empty, Image, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';

type FileItem = RequestDetail['attachments'][number];

const KIND_KEYS = {
  photo: 'files.kindPhoto',
  signature: 'files.kindSignature',
  document: 'files.kindDocument',
} as const;

export function RequestFiles({ files }: { files: readonly FileItem[] }) {
  const { t } = useI18n();
  if (files.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('files.none')} />;
  const images = files.filter((f) => f.contentType.startsWith('image/'));
  const others = files.filter((f) => !f.contentType.startsWith('image/'));
  return (
    <div className="request-files" data-testid="request-files">
      {images.length ? (
        <Image.PreviewGroup>
          <div className="request-files-grid">
            {images.map((f) => (
              <figure key={f.id} className="request-file" data-testid="request-file">
                <Image
                  src={f.url}
                  alt={f.name ?? t(KIND_KEYS[f.kind])}
                  width={96}
                  height={96}
                  style={{ objectFit: f.kind === 'signature' ? 'contain' : 'cover' }}
                />
                <figcaption>
                  <Tag bordered={false}>{t(KIND_KEYS[f.kind])}</Tag>
                  <Typography.Text
                    type="secondary"
                    ellipsis={{ tooltip: f.name }}
                    className="request-file-name"
                  >
                    {f.name}
                  </Typography.Text>
                </figcaption>
              </figure>
            ))}
          </div>
        </Image.PreviewGroup>
      ) : null}
      {others.length ? (
        <Space direction="vertical" size={4} style={{ marginTop: images.length ? 12 : 0 }}>
          {others.map((f) => (
            <a key={f.id} href={f.url} target="_blank" rel="noopener" data-testid="request-file">
              {f.contentType === 'application/pdf' ? <FilePdfOutlined /> : <FileOutlined />} {f.name ?? f.id}
              <Typography.Text type="secondary"> · {formatSize(f.size)}</Typography.Text>
            </a>
          ))}
        </Space>
      ) : null}
    </div>
  );
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
