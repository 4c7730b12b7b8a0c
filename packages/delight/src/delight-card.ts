import type { Locale } from '@touchpoint/core';

/** The card designs an agent can pick; each is a paper colour, an ink colour and a small motif. */
export const CARD_STYLES = ['thanks', 'sorry', 'sympathy', 'celebrate'] as const;
export type CardStyle = (typeof CARD_STYLES)[number];

const DESIGN: Record<CardStyle, { paper: string; ink: string; accent: string; motif: string }> = {
  thanks: { paper: '#fff8e7', ink: '#2b3a67', accent: '#e0a526', motif: '✿' },
  sorry: { paper: '#f3f7fb', ink: '#1f3b57', accent: '#5a8fbf', motif: '☂' },
  sympathy: { paper: '#f6f3f8', ink: '#3d2f4f', accent: '#8a73a6', motif: '❀' },
  celebrate: { paper: '#fff1f1', ink: '#5b1f2a', accent: '#d9485f', motif: '✦' },
};

/** Handwriting faces most phones and desktops have, then the generic cursive: nothing to download, so the card opens at once. */
export const HANDWRITING_FONTS = `'Segoe Script', 'Bradley Hand', 'Snell Roundhand', 'Apple Chancery', 'Brush Script MT', 'Klee One', 'Yu Kyokasho', 'KaiTi', 'STKaiti', cursive`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const SIGN: Record<Locale, (agent: string, brand: string) => string> = {
  en: (agent, brand) => `— ${agent}, ${brand}`,
  ja: (agent, brand) => `— ${brand} ${agent}`,
  zh: (agent, brand) => `— ${brand} ${agent}`,
};

export interface CardContent {
  message: string;
  style: string;
  agentName: string;
  brandName: string;
  /** What came with the card, one line each (a code, points, a gift link), already in the customer's language. */
  extras: { label: string; value: string; href?: string }[];
  locale: Locale;
}

/**
 * The card itself, as inline-styled HTML: the same markup goes in the email and on the public card page, so it
 * looks the same in a mail client (no stylesheet there) and on a phone.
 */
export function renderCardHtml(card: CardContent) {
  const design = DESIGN[(CARD_STYLES as readonly string[]).includes(card.style) ? (card.style as CardStyle) : 'thanks'];
  const paragraphs = card.message.split(/\n+/).filter(Boolean).map((line) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`).join('');
  const extras = card.extras.map((extra) => `<p style="margin:8px 0 0;font-family:system-ui,sans-serif;font-size:15px;color:${design.ink}"><span style="opacity:.75">${escapeHtml(extra.label)}</span> `
    + (extra.href ? `<a href="${escapeHtml(extra.href)}" style="color:${design.ink};font-weight:600">${escapeHtml(extra.value)}</a>` : `<strong style="font-size:18px;letter-spacing:.06em">${escapeHtml(extra.value)}</strong>`) + '</p>').join('');
  return `<div role="article" style="max-width:480px;margin:0 auto;background:${design.paper};color:${design.ink};border-radius:14px;border-top:8px solid ${design.accent};box-shadow:0 6px 24px rgba(0,0,0,.12);padding:28px 26px 22px">`
    + `<div aria-hidden="true" style="font-size:28px;color:${design.accent};text-align:right">${design.motif}</div>`
    + `<div style="font-family:${HANDWRITING_FONTS};font-size:24px;line-height:1.45">${paragraphs}</div>`
    + `<p style="font-family:${HANDWRITING_FONTS};font-size:20px;margin:18px 0 0;text-align:right">${escapeHtml(SIGN[card.locale](card.agentName, card.brandName))}</p>`
    + extras + '</div>';
}
