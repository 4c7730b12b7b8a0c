import type { GrantedReward } from '@touchpoint/db';
import type { LandingView, RewardOffer } from '@touchpoint/referrals';

export type PageLocale = 'en' | 'ja' | 'zh';

const COPY: Record<PageLocale, {
  invited: (name: string, shop: string) => string; offer: string; email: string; name: string; claim: string; fine: (days: number) => string; minOrder: string;
  claimed: (offer: string) => string; sentTo: (email: string) => string; yourCode: string; shop: string; already: string; rejected: string; closedTitle: string; closed: string;
  invalidTitle: string; invalid: string; emailError: string; privacy: string; points: (n: number) => string; percent: (n: number) => string; freeItem: string; off: (amount: string) => string;
}> = {
  en: {
    invited: (name, shop) => (name ? `${name} invited you to ${shop}` : `You’re invited to ${shop}`), offer: 'Your welcome gift', email: 'Your email', name: 'Your first name (optional)', claim: 'Claim my gift',
    fine: (days) => `For new customers. Use it on your first order within ${days} days.`, minOrder: 'Minimum order', claimed: (offer) => `Your gift is ready: ${offer}`, sentTo: (email) => `We also sent it to ${email}.`,
    yourCode: 'Your code', shop: 'Start shopping', already: 'This email already claimed this invitation; the gift was sent to it then.',
    rejected: 'This invitation is for people who are new to us, so we can’t give a welcome gift here. Thank you for your interest!',
    closedTitle: 'This invitation has ended', closed: 'The referral program is not running right now.', invalidTitle: 'This link is not valid', invalid: 'Please check the link your friend sent you.',
    emailError: 'Please enter a valid email address.', privacy: 'We use your email to send your gift and to recognise your first order.',
    points: (n) => `${n.toLocaleString('en')} points`, percent: (n) => `${n}% off`, freeItem: 'A free item', off: (amount) => `${amount} off`,
  },
  ja: {
    invited: (name, shop) => (name ? `${name}さんから${shop}への招待が届いています` : `${shop}へのご招待`), offer: 'ウェルカムギフト', email: 'メールアドレス', name: 'お名前（任意）', claim: 'ギフトを受け取る',
    fine: (days) => `初めてのお客様限定。${days}日以内の初回注文でご利用いただけます。`, minOrder: '最低注文金額', claimed: (offer) => `ギフトをご用意しました：${offer}`, sentTo: (email) => `${email} にもお送りしました。`,
    yourCode: 'クーポンコード', shop: 'お買い物を始める', already: 'このメールアドレスではすでに受け取り済みです。ギフトはその際にお送りしています。',
    rejected: 'この招待は初めてご利用のお客様が対象のため、ウェルカムギフトはお渡しできません。ご関心をお寄せいただきありがとうございます。',
    closedTitle: 'この招待は終了しました', closed: '現在、紹介プログラムは実施していません。', invalidTitle: 'このリンクは無効です', invalid: 'お友だちから届いたリンクをご確認ください。',
    emailError: '正しいメールアドレスを入力してください。', privacy: 'メールアドレスはギフトのお届けと初回注文の確認にのみ使用します。',
    points: (n) => `${n.toLocaleString('ja')}ポイント`, percent: (n) => `${n}%オフ`, freeItem: '無料プレゼント', off: (amount) => `${amount}オフ`,
  },
  zh: {
    invited: (name, shop) => (name ? `${name} 邀请您加入 ${shop}` : `诚邀您光临 ${shop}`), offer: '您的见面礼', email: '电子邮箱', name: '名字（选填）', claim: '领取礼物',
    fine: (days) => `仅限新顾客，请在 ${days} 天内用于首笔订单。`, minOrder: '最低消费', claimed: (offer) => `礼物已为您准备好：${offer}`, sentTo: (email) => `我们也已发送到 ${email}。`,
    yourCode: '优惠码', shop: '开始购物', already: '此邮箱已领取过该邀请，礼物当时已发送到此邮箱。',
    rejected: '此邀请仅限新顾客，因此无法在这里发放见面礼。感谢您的关注！',
    closedTitle: '此邀请已结束', closed: '推荐计划目前未开放。', invalidTitle: '此链接无效', invalid: '请确认朋友发给您的链接。',
    emailError: '请输入有效的电子邮箱地址。', privacy: '您的邮箱仅用于发送礼物和识别您的首笔订单。',
    points: (n) => `${n.toLocaleString('zh')} 积分`, percent: (n) => `${n}% 折扣`, freeItem: '免费赠品', off: (amount) => `立减 ${amount}`,
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function formatMoney(locale: PageLocale, minor: number, currency: string | null) {
  if (!currency) return String(minor);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 10 ** digits);
}

export function describeOffer(locale: PageLocale, offer: RewardOffer): string {
  const copy = COPY[locale];
  if (offer.kind === 'points') return copy.points(offer.points);
  if (offer.kind === 'none') return '';
  if (offer.couponKind === 'percent') return copy.percent(offer.value);
  if (offer.couponKind === 'amount') return copy.off(formatMoney(locale, offer.value, offer.currency));
  return copy.freeItem;
}

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP","PingFang SC",sans-serif;background:#f4f1ec;color:#1f2933}
main{max-width:520px;margin:0 auto;padding:20px 16px 40px}.brand{color:#52606d;font-size:.875rem;margin:0 0 12px;font-weight:600}
.card{background:#fff;border-radius:16px;padding:22px 18px;box-shadow:0 1px 3px rgba(0,0,0,.08)}h1{font-size:1.375rem;line-height:1.3;margin:0 0 16px}
.gift{background:#fff4d6;border-radius:12px;padding:16px;margin:0 0 18px;text-align:center}.gift small{display:block;color:#7a5a00;font-weight:600;text-transform:uppercase;letter-spacing:.04em;font-size:.75rem}
.gift strong{display:block;font-size:1.75rem;line-height:1.2;margin-top:4px;color:#1f2933}.note{color:#52606d;font-size:.875rem;margin:8px 0 0}
label{display:block;font-weight:600;margin:14px 0 6px}input{width:100%;min-height:48px;font:inherit;padding:10px 12px;border:1px solid #9aa5b1;border-radius:10px}
input:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #f5b400;outline-offset:2px}
button,.button{display:block;text-align:center;text-decoration:none;margin-top:18px;width:100%;min-height:50px;font:inherit;line-height:50px;font-weight:700;border:0;border-radius:10px;background:#1f4fd1;color:#fff}
.code{font:700 1.5rem/1.2 ui-monospace,Menlo,monospace;letter-spacing:.08em;background:#f4f6fb;border:2px dashed #1f4fd1;border-radius:10px;padding:14px;text-align:center;margin:8px 0;user-select:all}
.error{background:#fde8e8;color:#8a1c1c;border-radius:8px;padding:12px;margin:0 0 12px}.notice{background:#e8f5ec;color:#1d5e34;border-radius:8px;padding:12px;margin:0 0 12px}`;

const PAGE_SECURITY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
export const REFERRAL_PAGE_HEADERS = { 'content-security-policy': PAGE_SECURITY, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

function page(locale: PageLocale, title: string, body: string) {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export interface LandingState { email?: string; name?: string; error?: 'email'; outcome?: { status: 'granted'; reward: GrantedReward | null; email: string } | { status: 'already' } | { status: 'rejected' } }

function grantedBlock(locale: PageLocale, view: LandingView, reward: GrantedReward | null, email: string) {
  const copy = COPY[locale];
  const what = reward?.kind === 'coupon' && reward.code ? `<p>${escapeHtml(copy.yourCode)}</p><p class="code" aria-label="${escapeHtml(copy.yourCode)}">${escapeHtml(reward.code)}</p>` : '';
  return `<p class="notice" role="status"><strong>${escapeHtml(copy.claimed(describeOffer(locale, view.friendOffer)))}</strong></p>${what}<p class="note">${escapeHtml(copy.sentTo(email))}</p><a class="button" href="/portal/${encodeURIComponent(view.handle)}">${escapeHtml(copy.shop)}</a>`;
}

/** The landing page `/r/<code>`: mobile first, no script; the friend's offer and the claim form, or the claim's outcome. */
export function renderReferralLanding(locale: PageLocale, view: LandingView, state: LandingState = {}) {
  const copy = COPY[locale];
  const title = copy.invited(view.referrerFirstName, view.accountName);
  if (!view.live) return renderReferralError(locale, 'closed', view.accountName);
  const offer = describeOffer(locale, view.friendOffer);
  const custom = view.offerText[locale] ?? view.offerText.en ?? '';
  const min = view.minOrderMinor !== null ? `<p class="note">${escapeHtml(copy.minOrder)}: ${escapeHtml(formatMoney(locale, view.minOrderMinor, view.currency))}</p>` : '';
  const gift = offer ? `<div class="gift"><small>${escapeHtml(copy.offer)}</small><strong>${escapeHtml(offer)}</strong></div>` : '';
  let content: string;
  if (state.outcome?.status === 'granted') content = grantedBlock(locale, view, state.outcome.reward, state.outcome.email);
  else if (state.outcome?.status === 'already') content = `<p class="notice" role="status">${escapeHtml(copy.already)}</p><a class="button" href="/portal/${encodeURIComponent(view.handle)}">${escapeHtml(copy.shop)}</a>`;
  else if (state.outcome?.status === 'rejected') content = `<p class="notice" role="status">${escapeHtml(copy.rejected)}</p><a class="button" href="/portal/${encodeURIComponent(view.handle)}">${escapeHtml(copy.shop)}</a>`;
  else {
    content = `${state.error ? `<p class="error" role="alert" id="email-error">${escapeHtml(copy.emailError)}</p>` : ''}<form method="post" novalidate>
<label for="email">${escapeHtml(copy.email)}</label><input id="email" name="email" type="email" autocomplete="email" inputmode="email" required value="${escapeHtml(state.email ?? '')}"${state.error ? ' aria-invalid="true" aria-describedby="email-error"' : ''}>
<label for="name">${escapeHtml(copy.name)}</label><input id="name" name="name" autocomplete="given-name" maxlength="80" value="${escapeHtml(state.name ?? '')}">
<button type="submit">${escapeHtml(copy.claim)}</button><p class="note">${escapeHtml(copy.privacy)}</p></form>`;
  }
  const body = `<p class="brand">${escapeHtml(view.accountName)}</p><div class="card"><h1>${escapeHtml(title)}</h1>${gift}${custom ? `<p>${escapeHtml(custom)}</p>` : ''}<p class="note">${escapeHtml(copy.fine(view.attributionDays))}</p>${min}${content}</div>`;
  return page(locale, title, body);
}

export function renderReferralError(locale: PageLocale, reason: 'invalid' | 'closed', accountName = '') {
  const copy = COPY[locale];
  const title = reason === 'invalid' ? copy.invalidTitle : copy.closedTitle;
  return page(locale, title, `${accountName ? `<p class="brand">${escapeHtml(accountName)}</p>` : ''}<div class="card" role="alert"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(reason === 'invalid' ? copy.invalid : copy.closed)}</p></div>`);
}
