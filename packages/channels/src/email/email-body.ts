import sanitizeHtml from 'sanitize-html';

/**
 * What a customer wrote this time, apart from the history their mail program quoted below it and their signature.
 * The stored message is `text`; the rest is kept (channelData) so nothing is lost.
 */
export interface FoldedText {
  text: string;
  quoted: string;
  signature: string;
}

/**
 * Lines that start the quoted history, in the forms mail programs write them: Gmail and Apple Mail in English,
 * Japanese and Chinese, Outlook's header block and "Original Message" separators, QQ Mail's.
 */
const QUOTE_HEADERS: RegExp[] = [
  /^On .{4,300}(wrote|writes):\s*$/i,
  /^Le .{4,300}a écrit\s*:\s*$/i,
  /^Am .{4,300}schrieb .{0,200}:\s*$/i,
  /^\d{4}年\d{1,2}月\d{1,2}日.{0,200}[:：]\s*$/,
  /^.{0,200}(のメッセージ|は書きました|wrote)[:：]\s*$/,
  /^.{0,200}于\s*\d{4}年\d{1,2}月\d{1,2}日.{0,100}写道[:：]\s*$/,
  /^在\s.{0,200}写道[:：]\s*$/,
  /^-{2,}\s*(Original Message|元のメッセージ|原始邮件|原始郵件|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}\s*$/i,
  /^[-_]{5,}\s*$/,
  /^-{3,}\s*原始邮件\s*-{3,}/,
];
/** Outlook's block: a From line followed within a few lines by Sent/Date, in English, Japanese and Chinese. */
const OUTLOOK_FROM = /^\*?(From|差出人|发件人|寄件者|Von|De)\s*[:：]/i;
const OUTLOOK_SENT = /^\*?(Sent|Date|送信日時|日付|发送时间|日期|寄件日期|Gesendet|Envoyé)\s*[:：]/i;
/** Sign-offs that mobile mail programs add, which say nothing. */
const DEVICE_SIGNATURE = /^(Sent from my .{1,40}|Get Outlook for .{1,30}|iPhoneから送信|iPadから送信|发自我的.{1,20}|從我的.{1,20}傳送)\s*$/i;

export function foldQuotedText(raw: string): FoldedText {
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  let quoteAt = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const joined = `${line} ${lines[i + 1]?.trim() ?? ''}`.trim();
    const isHeader = QUOTE_HEADERS.some((pattern) => pattern.test(line) || (line.length > 0 && !line.endsWith(':') && pattern === QUOTE_HEADERS[0] && pattern.test(joined)));
    const isOutlook = OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 5).some((next) => OUTLOOK_SENT.test(next.trim()));
    const restQuoted = line.startsWith('>') && lines.slice(i).every((next) => next.trim() === '' || next.trimStart().startsWith('>'));
    if (isHeader || isOutlook || restQuoted) {
      quoteAt = i;
      break;
    }
  }
  let body = lines.slice(0, quoteAt);
  const quoted = lines.slice(quoteAt).join('\n').trim();
  let signatureAt = body.findIndex((line) => line === '-- ' || line === '--');
  if (signatureAt === -1) {
    const last = body.map((line) => line.trim()).findLastIndex((line) => line !== '');
    if (last !== -1 && DEVICE_SIGNATURE.test(body[last]!.trim())) signatureAt = last;
  }
  let signature = '';
  if (signatureAt !== -1) {
    signature = body.slice(signatureAt).join('\n').trim();
    body = body.slice(0, signatureAt);
  }
  const text = body.join('\n').trim();
  // Everything was quote or signature (a bare forward, an empty reply): keep the whole text rather than nothing.
  if (text === '') return { text: raw.trim(), quoted: '', signature: '' };
  return { text, quoted, signature };
}

/**
 * HTML an agent's browser may show: no scripts, styles, forms, frames or event handlers; links open in a new tab
 * without a referrer; images only from the message itself (`cid:` parts, rewritten to their stored attachment by
 * `imageUrlOf`), since remote images are how senders track when a mail is read.
 */
export function sanitizeEmailHtml(html: string, imageUrlOf: (contentId: string) => string | null = () => null): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'span', 'del', 'ins', 'u', 's'],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align', 'valign'],
      table: ['border', 'cellpadding', 'cellspacing'],
      '*': ['dir', 'lang'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
      img: (tagName, attribs) => {
        const src = attribs.src ?? '';
        const cid = /^cid:(.+)$/i.exec(src)?.[1];
        const url = cid ? imageUrlOf(decodeURIComponent(cid).replace(/^<|>$/g, '')) : null;
        const { src: _dropped, ...rest } = attribs;
        return { tagName, attribs: url ? { ...rest, src: url } : rest };
      },
    },
  });
}

/** Plain text as simple HTML for the reply's HTML part: escaped, paragraphs and line breaks kept. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escaped.split(/\n{2,}/).map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br>')}</p>`).join('\n');
}
