import { randomBytes } from 'node:crypto';

export interface MultipartPart {
  name: string;
  value: Buffer | string;
  /** Makes the part a file upload. */
  fileName?: string;
  contentType?: string;
}

/**
 * A `multipart/form-data` body as providers send it, byte for byte: values are written as given (a Buffer keeps
 * 8-bit bytes, as a raw Shift_JIS email in a form field has them), files with their name and type.
 */
export function multipartBody(parts: MultipartPart[]) {
  const boundary = `----touchpoint${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.fileName === undefined ? '' : `; filename="${part.fileName}"`}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${part.contentType ? `Content-Type: ${part.contentType}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
