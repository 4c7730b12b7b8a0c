import type { GiftLocale } from './gift-model.ts';

/** The words of the messages that carry a gift (delivery and reminder), per gift locale. */
export const GIFT_MESSAGE_COPY: Record<GiftLocale, {
  subject: (sender: string) => string; intro: (sender: string, business: string) => string; open: string;
  reminderSubject: (sender: string) => string; reminder: (sender: string, date: string) => string;
}> = {
  en: {
    subject: (sender) => `${sender} sent you a gift`,
    intro: (sender, business) => `${sender} sent you a gift through ${business}.`,
    open: 'Open your gift',
    reminderSubject: (sender) => `Your gift from ${sender} is waiting`,
    reminder: (sender, date) => `${sender}'s gift to you is still waiting. Claim it before ${date}.`,
  },
  ja: {
    subject: (sender) => `${sender}さんからギフトが届いています`,
    intro: (sender, business) => `${sender}さんが${business}からギフトを贈りました。`,
    open: 'ギフトを開く',
    reminderSubject: (sender) => `${sender}さんからのギフトをお受け取りください`,
    reminder: (sender, date) => `${sender}さんからのギフトがまだ受け取られていません。${date}までにお受け取りください。`,
  },
  zh: {
    subject: (sender) => `${sender} 送了你一份礼物`,
    intro: (sender, business) => `${sender} 通过 ${business} 送了你一份礼物。`,
    open: '打开礼物',
    reminderSubject: (sender) => `${sender} 送你的礼物还在等你`,
    reminder: (sender, date) => `${sender} 送你的礼物还没有领取，请在 ${date} 前领取。`,
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The delivery message: the giver's words, then the link. SMS and WhatsApp get the text only. */
export function composeGiftMessage(input: { locale: string; senderName: string; businessName: string; message: string; url: string }) {
  const copy = GIFT_MESSAGE_COPY[(input.locale as GiftLocale) in GIFT_MESSAGE_COPY ? (input.locale as GiftLocale) : 'en'];
  const lines = [copy.intro(input.senderName, input.businessName), input.message ? `“${input.message}”` : '', `${copy.open}: ${input.url}`].filter(Boolean);
  const html = `<p>${escapeHtml(copy.intro(input.senderName, input.businessName))}</p>${input.message ? `<blockquote>${escapeHtml(input.message)}</blockquote>` : ''}`
    + `<p><a href="${escapeHtml(input.url)}">${escapeHtml(copy.open)}</a></p>`;
  return { subject: copy.subject(input.senderName), text: lines.join('\n\n'), html };
}

export function composeGiftReminder(input: { locale: string; senderName: string; expiresAt: Date; url: string | null }) {
  const locale = (input.locale as GiftLocale) in GIFT_MESSAGE_COPY ? (input.locale as GiftLocale) : 'en';
  const copy = GIFT_MESSAGE_COPY[locale];
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(input.expiresAt);
  const text = [copy.reminder(input.senderName, date), input.url ? `${copy.open}: ${input.url}` : ''].filter(Boolean).join('\n\n');
  return { subject: copy.reminderSubject(input.senderName), text, html: `<p>${escapeHtml(copy.reminder(input.senderName, date))}</p>${input.url ? `<p><a href="${escapeHtml(input.url)}">${escapeHtml(copy.open)}</a></p>` : ''}` };
}
