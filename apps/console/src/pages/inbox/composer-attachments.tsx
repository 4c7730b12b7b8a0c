import { useCallback, useEffect, useRef, useState } from 'react';
import { deleteAttachment, getAttachmentLimits, uploadAttachment } from '../../api/inbox-endpoints.ts';
import type { Attachment } from '../../api/types.ts';
import { describeError } from '../../components/error-notice.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

export interface PendingFile {
  key: string;
  name: string;
  size: number;
  /** 0 to 1 while uploading. */
  progress: number;
  attachment: Attachment | null;
  /** Said in the reader's language; the file is not sent. */
  error: string | null;
}

let nextKey = 0;

/**
 * Files picked, dropped or pasted into the composer. Each uploads at once (so sending is quick); files over the
 * server's limit are refused before a byte is sent. Removing one cancels its upload or deletes it on the server.
 */
export function useComposerAttachments(accountId: string) {
  const { t, formatBytes } = useI18n();
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [maxBytes, setMaxBytes] = useState<number | null>(null);
  const uploads = useRef(new Map<string, AbortController>());

  useEffect(() => {
    const controller = new AbortController();
    getAttachmentLimits(accountId, controller.signal)
      .then((limits) => setMaxBytes(limits.maxBytes))
      .catch(() => undefined);
    return () => controller.abort();
  }, [accountId]);

  useEffect(() => {
    const pending = uploads.current;
    return () => pending.forEach((controller) => controller.abort());
  }, []);

  const update = (key: string, change: Partial<PendingFile>) => setFiles((previous) => previous.map((file) => (file.key === key ? { ...file, ...change } : file)));

  const add = useCallback(
    (picked: Iterable<File>) => {
      for (const file of picked) {
        const key = `file-${(nextKey += 1)}`;
        const tooLarge = maxBytes !== null && file.size > maxBytes;
        const error = tooLarge
          ? t('inbox.fileTooLarge', { name: file.name, size: formatBytes(maxBytes) })
          : file.size === 0
            ? t('inbox.fileEmpty', { name: file.name })
            : null;
        setFiles((previous) => [...previous, { key, name: file.name, size: file.size, progress: 0, attachment: null, error }]);
        if (error) continue;
        const controller = new AbortController();
        uploads.current.set(key, controller);
        uploadAttachment(accountId, file, { signal: controller.signal, onProgress: (progress) => update(key, { progress }) })
          .then((attachment) => update(key, { attachment, progress: 1 }))
          .catch((reason: unknown) => {
            if (reason instanceof DOMException && reason.name === 'AbortError') return;
            update(key, { error: t('inbox.uploadFailed', { name: file.name, reason: describeError(reason, t) }) });
          })
          .finally(() => uploads.current.delete(key));
      }
    },
    [accountId, maxBytes, t, formatBytes],
  );

  const remove = (key: string) => {
    const file = files.find((item) => item.key === key);
    uploads.current.get(key)?.abort();
    if (file?.attachment) void deleteAttachment(accountId, file.attachment.id).catch(() => undefined);
    setFiles((previous) => previous.filter((item) => item.key !== key));
  };

  const uploaded = files.flatMap((file) => (file.attachment ? [file.attachment] : []));
  return {
    files,
    add,
    remove,
    /** After a send: the files now belong to the message. */
    clear: () => setFiles([]),
    uploading: files.some((file) => !file.attachment && !file.error),
    attachmentIds: uploaded.map((attachment) => attachment.id),
  };
}

export function AttachmentChips({ files, onRemove }: { files: PendingFile[]; onRemove(key: string): void }) {
  const { t, formatBytes } = useI18n();
  if (files.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label={t('inbox.attachments')}>
      {files.map((file) => (
        <li key={file.key} className={`attachment-chip${file.error ? ' attachment-chip-error' : ''}`}>
          <span className="attachment-chip-name">{file.name}</span>
          <span className="muted">{formatBytes(file.size)}</span>
          {!file.attachment && !file.error ? (
            <progress className="attachment-chip-progress" max={1} value={file.progress} aria-label={t('inbox.uploading', { name: file.name })} />
          ) : null}
          <button type="button" className="button button-ghost button-small attachment-chip-remove" aria-label={t('inbox.removeAttachment', { name: file.name })} onClick={() => onRemove(file.key)}>
            <span aria-hidden="true">×</span>
          </button>
          {file.error ? <span className="attachment-chip-message" role="alert">{file.error}</span> : null}
        </li>
      ))}
    </ul>
  );
}
