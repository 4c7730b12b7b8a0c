import type { Locale } from '@touchpoint/core';

export interface InvitationEmailInput {
  locale: Locale;
  accountName: string;
  inviterName: string;
  url: string;
  expiresAt: Date;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const COPY: Record<Locale, (input: InvitationEmailInput, expires: string) => { subject: string; lines: string[]; button: string }> = {
  en: (i, expires) => ({
    subject: `${i.inviterName} invited you to ${i.accountName} on Touchpoint`,
    lines: [`${i.inviterName} invited you to join ${i.accountName} on Touchpoint, where the team answers customers and designs their experience.`, `The invitation is valid until ${expires}.`],
    button: 'Accept the invitation',
  }),
  ja: (i, expires) => ({
    subject: `${i.inviterName}さんから Touchpoint の「${i.accountName}」への招待が届きました`,
    lines: [`${i.inviterName}さんが、Touchpoint の「${i.accountName}」にあなたを招待しました。お客様対応と顧客体験づくりをチームで行う場所です。`, `招待の有効期限：${expires}`],
    button: '招待を受ける',
  }),
  zh: (i, expires) => ({
    subject: `${i.inviterName} 邀请你加入 Touchpoint 上的「${i.accountName}」`,
    lines: [`${i.inviterName} 邀请你加入 Touchpoint 上的「${i.accountName}」，团队在这里回复客户、设计客户体验。`, `邀请有效期至：${expires}`],
    button: '接受邀请',
  }),
};

/** The invitation email in the account's language, as plain text and as escaped HTML. */
export function renderInvitationEmail(input: InvitationEmailInput) {
  const expires = new Intl.DateTimeFormat(input.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(input.expiresAt) + ' UTC';
  const copy = COPY[input.locale](input, expires);
  const text = [...copy.lines, '', `${copy.button}: ${input.url}`].join('\n');
  const html =
    `<!doctype html><html lang="${input.locale}"><body style="font-family:system-ui,sans-serif;line-height:1.6;color:#1f2330">` +
    copy.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
    `<p><a href="${escapeHtml(input.url)}" style="display:inline-block;padding:10px 18px;background:#3b3fd8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(copy.button)}</a></p>` +
    `<p style="color:#5b6070;font-size:13px">${escapeHtml(input.url)}</p></body></html>`;
  return { subject: copy.subject, text, html };
}
