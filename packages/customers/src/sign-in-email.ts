import type { Locale } from '@touchpoint/core';

export interface SignInEmailInput {
  locale: Locale;
  accountName: string;
  contactName: string;
  url: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const COPY: Record<Locale, (input: SignInEmailInput) => { subject: string; lines: string[]; button: string; ignore: string }> = {
  en: (i) => ({
    subject: `Your sign-in link for ${i.accountName}`,
    lines: [`Hello ${i.contactName},`, `Use the button below to sign in to your ${i.accountName} account. The link works once and expires in 15 minutes.`],
    button: 'Sign in',
    ignore: 'If you did not ask for this, you can ignore this email: nobody can sign in without the link.',
  }),
  ja: (i) => ({
    subject: `${i.accountName} のサインイン用リンク`,
    lines: [`${i.contactName} 様`, `下のボタンから ${i.accountName} のアカウントにサインインできます。リンクは1回限り、15分間有効です。`],
    button: 'サインイン',
    ignore: 'お心当たりがない場合は、このメールを破棄してください。リンクがなければ誰もサインインできません。',
  }),
  zh: (i) => ({
    subject: `${i.accountName} 的登录链接`,
    lines: [`${i.contactName}，你好：`, `点击下方按钮登录你在 ${i.accountName} 的账户。链接仅可使用一次，15 分钟内有效。`],
    button: '登录',
    ignore: '如果这不是你本人的操作，请忽略此邮件：没有该链接，任何人都无法登录。',
  }),
};

/** The sign-in email in the customer's language, as plain text and as escaped HTML. */
export function renderSignInEmail(input: SignInEmailInput) {
  const copy = COPY[input.locale](input);
  const text = [...copy.lines, '', `${copy.button}: ${input.url}`, '', copy.ignore].join('\n');
  const html =
    `<!doctype html><html lang="${input.locale}"><body style="font-family:system-ui,sans-serif;line-height:1.6;color:#1f2330">` +
    copy.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
    `<p><a href="${escapeHtml(input.url)}" style="display:inline-block;padding:12px 20px;background:#3b3fd8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(copy.button)}</a></p>` +
    `<p style="color:#5b6070;font-size:13px">${escapeHtml(input.url)}</p><p style="color:#5b6070;font-size:13px">${escapeHtml(copy.ignore)}</p></body></html>`;
  return { subject: copy.subject, text, html };
}
