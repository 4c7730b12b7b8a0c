import type { OutreachContent } from '@touchpoint/core';

export interface ReviewAskLinks { platforms: { name: string; url: string }[]; shareText: string; referralUrl: string | null }
type Locale = 'en' | 'ja' | 'zh';

const COPY: Record<Locale, { subject: string; greeting: (name: string) => string; body: string; reviewOn: (name: string) => string; share: string; title: string; cta: string }> = {
  en: {
    subject: 'Thank you — would you tell others?', greeting: (name) => (name ? `Hi ${name},` : 'Hi,'),
    body: 'Thank you for your kind rating. A short public review helps other customers find us, and it means a lot to our team.',
    reviewOn: (name) => `Write a review on ${name}`, share: 'Or share with a friend:', title: 'Glad we could help!', cta: 'Leave a review',
  },
  ja: {
    subject: 'ご評価ありがとうございます。ご感想をお聞かせいただけませんか', greeting: (name) => (name ? `${name} 様` : 'お客様'),
    body: '高い評価をいただきありがとうございます。レビューを投稿していただけると、ほかのお客様の参考になり、スタッフの励みにもなります。',
    reviewOn: (name) => `${name}でレビューを書く`, share: 'お友だちにシェアする：', title: 'お役に立ててうれしいです', cta: 'レビューを書く',
  },
  zh: {
    subject: '感谢您的好评，愿意和更多人分享吗？', greeting: (name) => (name ? `${name}，您好：` : '您好：'),
    body: '感谢您给出的好评。在公开平台写一条简短的评价，能帮助更多顾客了解我们，也是对我们团队最大的鼓励。',
    reviewOn: (name) => `在 ${name} 上写评价`, share: '或者分享给朋友：', title: '很高兴能帮到您！', cta: '去写评价',
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The ask's message in the customer's language: review links (tracked), then the share text with their referral link. */
export function composeReviewAsk(locale: Locale, name: string, links: ReviewAskLinks, channel: 'email' | 'in_app'): OutreachContent {
  const copy = COPY[locale];
  const share = links.shareText ? `${links.shareText}${links.referralUrl ? ` ${links.referralUrl}` : ''}` : (links.referralUrl ?? '');
  if (channel === 'in_app') {
    const first = links.platforms[0];
    return { title: copy.title, text: `${copy.body}${share ? `\n\n${copy.share} ${share}` : ''}`, cta: first ? { label: copy.cta, url: first.url } : null };
  }
  const text = [copy.greeting(name), copy.body, ...links.platforms.map((p) => `${copy.reviewOn(p.name)}: ${p.url}`), ...(share ? [`${copy.share} ${share}`] : [])].join('\n\n');
  const html = [`<p>${escapeHtml(copy.greeting(name))}</p>`, `<p>${escapeHtml(copy.body)}</p>`,
    ...links.platforms.map((p) => `<p><a href="${escapeHtml(p.url)}">${escapeHtml(copy.reviewOn(p.name))}</a></p>`),
    ...(share ? [`<p>${escapeHtml(copy.share)}<br>${escapeHtml(share)}</p>`] : [])].join('');
  return { subject: copy.subject, text, html };
}
