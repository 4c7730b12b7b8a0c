/**
 * A `Content-Disposition` value that keeps any file name: a plain-ASCII `filename` for old clients and, when the
 * name has anything else, an RFC 5987 `filename*` in UTF-8 that current browsers prefer (Japanese names round-trip).
 */
export function buildContentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  if (fallback === fileName) return `${kind}; filename="${fileName}"`;
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
