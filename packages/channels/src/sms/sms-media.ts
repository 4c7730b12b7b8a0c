import type { Database } from '@touchpoint/db';
import { type FileStore, uploadAttachment } from '@touchpoint/conversations';
import type { ChannelInbox } from '../channel-adapter.ts';
import { channelScope } from '../inbound.ts';
import { twilioApiBaseUrl, twilioBasicAuth } from './twilio-api.ts';

/** One file a customer sent by MMS, still at Twilio. */
export interface SmsMedia {
  url: string;
  contentType: string | null;
}

export interface SmsMediaOptions {
  fetch?: typeof fetch;
  /** The largest file kept (the server's attachment limit). */
  maxBytes: number;
  /** Per file; Twilio gives up on a webhook after 15 s, so files are fetched side by side within that. */
  timeoutMs?: number;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic', 'image/bmp': 'bmp',
  'video/mp4': 'mp4', 'video/3gpp': '3gp', 'video/quicktime': 'mov', 'audio/mpeg': 'mp3', 'audio/amr': 'amr', 'audio/ogg': 'ogg', 'audio/mp4': 'm4a',
  'text/vcard': 'vcf', 'text/x-vcard': 'vcf', 'text/plain': 'txt', 'application/pdf': 'pdf',
};

/** Twilio names no file: call it by its media id (`ME…`), with the extension its type usually has. */
function fileNameOf(url: URL, contentType: string, index: number) {
  const last = url.pathname.split('/').pop() ?? '';
  const base = /^ME[0-9a-f]{32}$/i.test(last) ? last : `mms-${index + 1}`;
  const extension = EXTENSIONS[contentType.split(';')[0]!.trim().toLowerCase()];
  return extension ? `${base}.${extension}` : base;
}

/**
 * Fetches one file and stores it. Twilio's media URLs ask for the account's credentials and then redirect to a
 * storage host: redirects are followed by hand so the credentials only ever go to the Twilio API's own origin.
 */
export async function storeSmsMedia(db: Database, files: FileStore, inbox: ChannelInbox, media: SmsMedia, index: number, options: SmsMediaOptions): Promise<{ attachmentId: string } | { error: string }> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const apiOrigin = new URL(twilioApiBaseUrl(inbox)).origin;
  try {
    let url = new URL(media.url);
    let response: Response | null = null;
    for (let hop = 0; hop <= 3; hop++) {
      response = await doFetch(url, { redirect: 'manual', signal, headers: url.origin === apiOrigin ? { authorization: twilioBasicAuth(inbox) } : {} });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) break;
      await response.body?.cancel();
      url = new URL(location, url);
      response = null;
    }
    if (!response) throw new Error('too many redirects');
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > options.maxBytes) {
      await response.body.cancel();
      throw new Error(`a file of ${declared} bytes is over the ${options.maxBytes}-byte limit`);
    }
    const contentType = media.contentType ?? response.headers.get('content-type') ?? 'application/octet-stream';
    const attachment = await uploadAttachment(db, files, channelScope(inbox), { fileName: fileNameOf(new URL(media.url), contentType, index), contentType, content: chunksOf(response.body) }, options.maxBytes);
    return { attachmentId: attachment.id };
  } catch (error) {
    const text = error instanceof Error ? (error.name === 'TimeoutError' ? 'no answer in time' : error.message) : String(error);
    return { error: text.slice(0, 200) };
  }
}

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield Buffer.from(value);
    }
  } finally {
    reader.releaseLock();
  }
}
