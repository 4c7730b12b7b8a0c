import type { Attachment } from '../../api/types.ts';
import { FileIcon } from '../../components/icons.tsx';
import { useI18n } from '../../i18n/i18n-context.tsx';

/** Raster images the server shows inline; anything else (SVG included) is a download link. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** A message's files: image thumbnails that open full size, and links to download the rest, with name and size. */
export function MessageAttachments({ attachments }: { attachments: Attachment[] }) {
  const { t, formatBytes } = useI18n();
  if (attachments.length === 0) return null;
  const images = attachments.filter((attachment) => IMAGE_TYPES.has(attachment.contentType));
  const others = attachments.filter((attachment) => !IMAGE_TYPES.has(attachment.contentType));
  return (
    <div className="message-attachments" role="group" aria-label={t('inbox.attachments')}>
      {images.length > 0 ? (
        <ul className="attachment-thumbs">
          {images.map((image) => (
            <li key={image.id}>
              <a href={image.url} target="_blank" rel="noopener noreferrer" aria-label={t('conversation.openImage', { name: image.fileName })}>
                <img className="attachment-thumb" src={image.url} alt={image.fileName} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {others.length > 0 ? (
        <ul className="attachment-files">
          {others.map((file) => (
            <li key={file.id}>
              <a href={`${file.url}?download=true`} download={file.fileName} className="attachment-file">
                <FileIcon /> <span className="attachment-file-name">{file.fileName}</span>
              </a>{' '}
              <span className="muted">{formatBytes(file.byteSize)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
