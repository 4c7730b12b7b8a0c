import type { GiftItem } from '@touchpoint/db';
import { GIFT_PAGE_COPY, GIFT_PAGE_LOCALES, type GiftPageLocale } from './gift-page-copy.ts';
import { GIFT_PAGE_SCRIPT } from './gift-page-script.ts';

export interface GiftPageView {
  token: string;
  businessName: string;
  senderName: string;
  message: string;
  status: string;
  item: GiftItem;
  itemTitle: string;
  claimedItem: GiftItem | null;
  swapOptions: { index: number; title: string }[];
  requireCountry: boolean;
  couponCode: string | null;
  deliverAt: string;
  expiresAt: string;
  reaction: { kind: string; text: string } | null;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const GIFT_ICON = '<svg class="ribbon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><rect x="6" y="18" width="36" height="10" rx="2" fill="#c2410c"/><rect x="9" y="28" width="30" height="16" rx="2" fill="#ea580c"/><rect x="21" y="18" width="6" height="26" fill="#fed7aa"/><path d="M24 18c-4-8-14-9-13-3 1 4 9 3 13 3zm0 0c4-8 14-9 13-3-1 4-9 3-13 3z" fill="none" stroke="#c2410c" stroke-width="3" stroke-linejoin="round"/></svg>';
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'XA', 'XB', 'QO', 'ZZ', 'AA']);

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP","PingFang SC",sans-serif;background:#fff7ed;color:#1f2933}
main{max-width:520px;margin:0 auto;padding:16px}header{display:flex;justify-content:space-between;align-items:center;gap:8px;margin-bottom:12px}
.brand{color:#52606d;font-size:.875rem;margin:0}nav a{color:#9a3412;margin-left:10px;font-size:.875rem}nav a[aria-current]{font-weight:700;text-decoration:none}
.card{background:#fff;border-radius:16px;padding:20px;box-shadow:0 2px 10px rgba(154,52,18,.12);margin-bottom:16px}
.ribbon{display:block;margin:0 0 8px}h1{font-size:1.375rem;margin:0 0 12px}h2{font-size:1.125rem;margin:0 0 12px}
blockquote{margin:0 0 16px;padding:12px 16px;background:#fff7ed;border-left:4px solid #ea580c;border-radius:8px;white-space:pre-wrap}
.item{font-size:1.125rem;font-weight:700;margin:0 0 4px}.muted{color:#52606d;font-size:.875rem}
button,.button{display:block;width:100%;min-height:48px;font:inherit;font-weight:700;border:0;border-radius:12px;background:#c2410c;color:#fff;margin-top:12px;cursor:pointer}
button.secondary{background:#fff;color:#9a3412;border:2px solid #c2410c}fieldset{border:0;padding:0;margin:12px 0}legend{font-weight:600;margin-bottom:6px}
.choice{display:flex;gap:8px;align-items:center;min-height:44px}label.block{display:block;font-weight:600;margin:12px 0 6px}
select,textarea,input[type=file]{width:100%;font:inherit;padding:10px;border:1px solid #9aa5b1;border-radius:8px;background:#fff}textarea{min-height:96px}
.code{font:700 1.5rem/1.2 ui-monospace,monospace;letter-spacing:.08em;background:#fff7ed;padding:12px;border-radius:8px;text-align:center;margin:8px 0 0}
[role=tablist]{display:grid;grid-template-columns:repeat(3,1fr);gap:6px;margin-bottom:12px}[role=tab]{margin:0;min-height:44px;background:#fff;color:#9a3412;border:2px solid #fed7aa}
[role=tab][aria-selected=true]{background:#c2410c;color:#fff;border-color:#c2410c}video{width:100%;border-radius:12px;background:#000;margin-top:8px}
progress{width:100%;height:12px;margin-top:12px}.notice{background:#e8f5ec;color:#1d5e34;border-radius:8px;padding:12px;margin:12px 0 0}
.error{background:#fde8e8;color:#8a1c1c;border-radius:8px;padding:12px;margin:12px 0 0}:focus-visible{outline:3px solid #f5b400;outline-offset:2px}
img.photo{width:100%;border-radius:12px}`;

function page(locale: GiftPageLocale, title: string, body: string, nonce: string | null, switcher: string, head = '') {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">${head}`
    + `<meta name="description" content="${escapeHtml(title)}"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${switcher}${body}</main>`
    + (nonce ? `<script nonce="${nonce}">${GIFT_PAGE_SCRIPT}</script>` : '') + '</body></html>';
}

function languageSwitcher(locale: GiftPageLocale, businessName: string, path: string) {
  const names: Record<GiftPageLocale, string> = { en: 'English', ja: '日本語', zh: '中文' };
  const links = GIFT_PAGE_LOCALES.map((code) => `<a href="${path}?lang=${code}" lang="${code}"${code === locale ? ' aria-current="true"' : ''}>${names[code]}</a>`).join('');
  return `<header><p class="brand">${escapeHtml(businessName)}</p><nav aria-label="${escapeHtml(GIFT_PAGE_COPY[locale].language)}">${links}</nav></header>`;
}

function countryOptions(locale: GiftPageLocale) {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  const options: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = names.of(code);
      if (name && name !== code) options.push({ code, name });
    }
  }
  return options.sort((x, y) => x.name.localeCompare(y.name, locale)).map((o) => `<option value="${o.code}">${escapeHtml(o.name)}</option>`).join('');
}

const itemLabel = (item: GiftItem, copy: { card: string; voucher: string }) => (item.kind === 'product' ? item.title : item.kind === 'voucher' ? (item.title ?? copy.voucher) : copy.card);

const formatDate = (iso: string, locale: GiftPageLocale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));

function acceptForm(view: GiftPageView, locale: GiftPageLocale) {
  const copy = GIFT_PAGE_COPY[locale];
  const swaps = view.swapOptions.length
    ? `<fieldset><legend>${escapeHtml(copy.swapLegend)}</legend><label class="choice"><input type="radio" name="swapIndex" value="" checked> ${escapeHtml(copy.keep(itemLabel(view.item, copy)))}</label>`
      + view.swapOptions.map((o) => `<label class="choice"><input type="radio" name="swapIndex" value="${o.index}"> ${escapeHtml(o.title)}</label>`).join('') + '</fieldset>'
    : '';
  const country = view.requireCountry
    ? `<label class="block" for="country">${escapeHtml(copy.country)}</label><select id="country" name="country" required><option value="">${escapeHtml(copy.pickCountry)}</option>${countryOptions(locale)}</select>`
    : '';
  return `<form method="post"><input type="hidden" name="action" value="accept">${swaps}${country}<button type="submit">${escapeHtml(copy.accept)}</button></form>`
    + `<p class="muted">${escapeHtml(copy.expires(formatDate(view.expiresAt, locale)))}</p>`;
}

function reactionForms(view: GiftPageView, locale: GiftPageLocale) {
  const copy = GIFT_PAGE_COPY[locale];
  const tab = (id: string, label: string, selected: boolean) => `<button type="button" role="tab" id="tab-${id}" data-tab aria-controls="panel-${id}" aria-selected="${selected}">${escapeHtml(label)}</button>`;
  return `<section class="card" aria-labelledby="react-title"><h2 id="react-title">${escapeHtml(copy.reactTitle(view.senderName))}</h2>
<div role="tablist" hidden>${tab('video', copy.video, true)}${tab('photo', copy.photo, false)}${tab('text', copy.text, false)}</div>
<div id="panel-video" role="tabpanel" aria-labelledby="tab-video"><button type="button" id="record">${escapeHtml(copy.record)}</button><p id="seconds-left" class="muted" aria-live="polite"></p>
<video id="preview" playsinline hidden></video><label class="block" for="video-file">${escapeHtml(copy.chooseVideo)}</label><input id="video-file" type="file" accept="video/webm,video/mp4" capture="user"></div>
<div id="panel-photo" role="tabpanel" aria-labelledby="tab-photo"><label class="block" for="photo-file">${escapeHtml(copy.choosePhoto)}</label><input id="photo-file" type="file" accept="image/jpeg,image/png,image/webp" capture="user"></div>
<div id="panel-text" role="tabpanel" aria-labelledby="tab-text"><form method="post"><input type="hidden" name="action" value="react"><label class="block" for="reaction-text">${escapeHtml(copy.textLabel)}</label>
<textarea id="reaction-text" name="text" maxlength="500" required></textarea><button type="submit">${escapeHtml(copy.send)}</button></form></div>
<progress id="react-progress" max="100" value="0" hidden aria-label="${escapeHtml(copy.uploading)}"></progress><p id="react-status" role="status" hidden></p></section>`;
}

/**
 * The public claim page `/gift/<token>`: mobile first, one small inline script (video recording and uploads), every
 * control labelled. What it shows follows the gift's status; `notice` is a refusal to show (already claimed…).
 */
export function renderGiftPage(view: GiftPageView, locale: GiftPageLocale, nonce: string, notice: string | null = null) {
  const copy = GIFT_PAGE_COPY[locale];
  const item = view.claimedItem ?? view.item;
  const image = item.kind === 'product' && item.imageUrl ? `<img class="photo" src="${escapeHtml(item.imageUrl)}" alt="" width="480" height="320" decoding="async">` : '';
  const title = itemLabel(item, copy);
  let body = `<section class="card">${GIFT_ICON}<h1>${escapeHtml(copy.sentYou(view.senderName))}</h1>`
    + (view.message ? `<blockquote aria-label="${escapeHtml(copy.from)}">${escapeHtml(view.message)}</blockquote>` : '')
    + `${image}<p class="item">${escapeHtml(title)}</p>`;
  if (notice) body += `<p class="error" role="alert">${escapeHtml(notice)}</p>`;
  if (view.status === 'scheduled') body += `<p class="notice">${escapeHtml(copy.arrives(formatDate(view.deliverAt, locale)))}</p>`;
  else if (view.status === 'delivered' || view.status === 'opened') body += acceptForm(view, locale);
  else if (view.status === 'expired') body += `<p class="error">${escapeHtml(copy.expired)}</p>`;
  else if (view.status === 'cancelled') body += `<p class="error">${escapeHtml(copy.cancelled)}</p>`;
  else body += `<p class="notice" role="status">${escapeHtml(copy.yours)}</p>` + (view.couponCode ? `<p class="muted">${escapeHtml(copy.code)}</p><p class="code">${escapeHtml(view.couponCode)}</p>` : '');
  body += '</section>';
  const reacting = view.status === 'claimed' || view.status === 'swapped';
  if (reacting) body += reactionForms(view, locale);
  if (view.status === 'reacted') body += `<section class="card"><p class="notice" role="status">${escapeHtml(copy.thanks(view.senderName))}</p></section>`;
  const config = JSON.stringify({ token: view.token, maxSeconds: 15, copy: { uploading: copy.uploading, failed: copy.failed, tooLarge: copy.tooLarge, wrongType: copy.wrongType, stop: copy.stop, retake: copy.retake, noCamera: copy.noCamera, secondsLeft: copy.seconds(0).replace('0', '{n}') } }).replace(/</g, '\\u003c');
  const script = reacting ? `<script type="application/json" id="gift-config">${config}</script>` : '';
  return page(locale, copy.title, body + script, reacting ? nonce : null, languageSwitcher(locale, view.businessName, `/gift/${view.token}`));
}

export function renderGiftErrorPage(locale: GiftPageLocale) {
  const copy = GIFT_PAGE_COPY[locale];
  return page(locale, copy.invalidTitle, `<section class="card"><h1>${escapeHtml(copy.invalidTitle)}</h1><p>${escapeHtml(copy.invalid)}</p></section>`, null, '');
}

/** The public page of a reaction its giver chose to share (`/gift/reaction/<slug>`). */
export function renderSharedReactionPage(view: { slug: string; senderName: string; businessName: string; locale: GiftPageLocale; reaction: { kind: string; text: string }; baseUrl: string }) {
  const copy = GIFT_PAGE_COPY[view.locale];
  const media = view.reaction.kind === 'photo' ? `<img class="photo" src="/gift/reaction/${view.slug}/media" alt="">`
    : view.reaction.kind === 'video' ? `<video src="/gift/reaction/${view.slug}/media" controls playsinline preload="metadata"></video>` : '';
  const text = view.reaction.text ? `<blockquote>${escapeHtml(view.reaction.text)}</blockquote>` : '';
  const body = `<section class="card">${GIFT_ICON}<h1>${escapeHtml(copy.sharedTitle(view.senderName))}</h1>${media}${text}<p class="muted">${escapeHtml(copy.sharedBy(view.businessName))}</p></section>`;
  // Link previews (messaging apps, social networks) show the title, the text and the photo.
  const mediaUrl = `${view.baseUrl.replace(/\/$/, '')}/gift/reaction/${view.slug}/media`;
  const head = `<meta property="og:type" content="website"><meta property="og:title" content="${escapeHtml(copy.sharedTitle(view.senderName))}">`
    + (view.reaction.text ? `<meta property="og:description" content="${escapeHtml(view.reaction.text)}">` : '')
    + (view.reaction.kind === 'photo' ? `<meta property="og:image" content="${escapeHtml(mediaUrl)}">` : view.reaction.kind === 'video' ? `<meta property="og:video" content="${escapeHtml(mediaUrl)}">` : '');
  return page(view.locale, copy.sharedTitle(view.senderName), body, null, '', head);
}
