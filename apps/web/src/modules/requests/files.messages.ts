/** Strings of a request's photos and files (FileUploads, RequestFiles). */

export const zhCN = {
  'upload.addPhoto': '添加照片',
  'upload.addFile': '添加附件',
  'upload.tooLarge': '{name} 超过 {mb} MB，请压缩后再传',
  'upload.uploading': '照片还在上传，请稍候',
  'desk.attachments': '照片 / 附件',
  'desk.attachmentsHint': '现场照片、业主发来的截图或 PDF，每个不超过 10 MB',
  'complete.photosBefore': '维修前照片',
  'complete.photosAfter': '维修后照片',
  'complete.photosBeforePrefix': '维修前-',
  'complete.photosAfterPrefix': '维修后-',
  'files.title': '照片与附件',
  'files.none': '暂无照片或附件',
  'files.kindPhoto': '照片',
  'files.kindSignature': '签名',
  'files.kindDocument': '文件',
} as const;

export const en: Record<keyof typeof zhCN, string> = {
  'upload.addPhoto': 'Add photo',
  'upload.addFile': 'Add file',
  'upload.tooLarge': '{name} is over {mb} MB: make it smaller and try again',
  'upload.uploading': 'Photos are still uploading, please wait',
  'desk.attachments': 'Photos / files',
  'desk.attachmentsHint': 'Photos of the fault, screenshots or PDFs the resident sent, up to 10 MB each',
  'complete.photosBefore': 'Photos before',
  'complete.photosAfter': 'Photos after',
  'complete.photosBeforePrefix': 'before-',
  'complete.photosAfterPrefix': 'after-',
  'files.title': 'Photos and files',
  'files.none': 'No photos or files',
  'files.kindPhoto': 'Photo',
  'files.kindSignature': 'Signature',
  'files.kindDocument': 'File',
} as const;
