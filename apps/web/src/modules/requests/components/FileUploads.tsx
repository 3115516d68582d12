/**
 * Photos and documents for a request, as a form field: picked (on a phone the camera or the gallery),
 * uploaded at once with POST /api/files — the server checks type, content and size and answers in the
 * user's language — and kept as file ids. The form sends the ids with the request or the completion,
 * and the server links them to it. `value` / `onChange` make it a controlled antd Form field.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Upload, type UploadFile } from 'antd';
import { type MutableRefObject, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { type UploadKind, uploadFile } from '../requests.api';
import './FileUploads.css';

/** What POST /api/files accepts for each kind (files.types.ts on the server). */
const ACCEPT: Record<Exclude<UploadKind, 'signature'>, string> = {
  photo: 'image/jpeg,image/png,image/webp,image/gif',
  document: 'image/jpeg,image/png,image/webp,image/gif,application/pdf',
};
/** The server's limit (DEFAULT_MAX_BYTES); checked here too so a large photo fails before it is sent. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A Form.Item rule that fails while `busy` (a FileUploads' busyRef) says an upload is not finished. */
export function stillUploading(busy: MutableRefObject<boolean>, text: string) {
  return {
    validator: () => (busy.current ? Promise.reject(new Error(text)) : Promise.resolve()),
  };
}

export function FileUploads({
  estateId,
  kind,
  value,
  onChange,
  max = 9,
  namePrefix = '',
  testId,
  busyRef,
}: {
  estateId: string;
  kind: 'photo' | 'document';
  value?: string[];
  onChange?: (ids: string[]) => void;
  max?: number;
  /** Put before each file's name (e.g. 维修前-), so the request's files say what each one shows. */
  namePrefix?: string;
  testId?: string;
  /** True while a file is still on its way: the form's rule (`stillUploading`) refuses to submit then. */
  busyRef?: MutableRefObject<boolean>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [files, setFiles] = useState<UploadFile<{ id: string }>[]>([]);

  const publish = (list: UploadFile<{ id: string }>[]) => {
    setFiles(list);
    if (busyRef) busyRef.current = list.some((f) => f.status === 'uploading');
    const ids = list.flatMap((f) => (f.status === 'done' && f.response?.id ? [f.response.id] : []));
    if (ids.join() !== (value ?? []).join()) onChange?.(ids);
  };

  return (
    <div data-testid={testId}>
      <Upload<{ id: string }>
        listType="picture-card"
        accept={ACCEPT[kind]}
        multiple
        maxCount={max}
        fileList={files}
        beforeUpload={(file) => {
          if (file.size > MAX_UPLOAD_BYTES) {
            message.error(t('upload.tooLarge', { name: file.name, mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={async ({ file, onSuccess, onError }) => {
          const f = file as File;
          try {
            const id = await uploadFile(client, f, { estateId, kind, name: `${namePrefix}${f.name}` });
            onSuccess?.({ id });
          } catch (e) {
            const text = isApiError(e) && e.message ? e.message : t('common.networkError');
            message.error(`${f.name}：${text}`);
            onError?.(new Error(text));
          }
        }}
        onChange={({ fileList }) => publish(fileList.filter((f) => f.status !== 'error'))}
        showUploadList={{ showPreviewIcon: false }}
      >
        {files.length >= max ? null : (
          <button type="button" className="file-uploads-add">
            <PlusOutlined />
            <span>{kind === 'photo' ? t('upload.addPhoto') : t('upload.addFile')}</span>
          </button>
        )}
      </Upload>
    </div>
  );
}
