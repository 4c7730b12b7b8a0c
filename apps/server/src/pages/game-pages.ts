import { createHash } from 'node:crypto';
import type { Campaign, Receipt } from '@touchpoint/games';
import { GAME_PAGE_COPY, type GameLocale } from './game-page-copy.ts';
import { VERIFY_SCRIPT } from './game-verify-script.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Our one script (verify page) and inline styles; nothing else loads. */
export const GAME_PAGE_SECURITY = `default-src 'none'; script-src ${hash(VERIFY_SCRIPT)}; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI","Hiragino Sans","Noto Sans CJK JP","PingFang SC",sans-serif;color:#1d2130;background:#f6f4ef}
a{color:#1d4ed8}a:focus-visible,button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
header{background:#7a1f2b;color:#fff}header .w{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:8px;padding:12px 16px}header strong{font-size:15px}
nav ul{display:flex;gap:4px;list-style:none;margin:0;padding:0}nav a{color:#fff;padding:4px 8px;border-radius:6px;font-size:14px}nav a[aria-current]{background:#fff;color:#7a1f2b}
.w{max-width:720px;margin:0 auto;padding:0 16px}main .w{padding-top:16px;padding-bottom:40px}h1{font-size:24px;line-height:1.3;margin:8px 0 12px}h2{font-size:19px;margin:24px 0 8px}
.card{background:#fff;border-radius:12px;padding:16px;box-shadow:0 1px 3px #0002;margin:12px 0}table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:8px 6px;border-bottom:1px solid #e5e7eb}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#4b5563;font-size:14px}textarea,input{width:100%;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;padding:10px;border:1px solid #6b7280;border-radius:8px}textarea{min-height:180px}
label{display:block;font-weight:600;margin:8px 0 4px}button{margin-top:10px;min-height:44px;padding:0 18px;font:inherit;font-weight:600;border:0;border-radius:8px;background:#7a1f2b;color:#fff;cursor:pointer}
.result{padding:12px;border-radius:8px;margin:12px 0;overflow-wrap:anywhere}.ok{background:#e6f4ea;color:#14532d}.bad{background:#fde8e8;color:#8a1c1c}ol li{margin:4px 0}code{overflow-wrap:anywhere}`;

const LANG_TAG: Record<GameLocale, string> = { en: 'en', ja: 'ja', zh: 'zh-CN' };
const LOCALE_NAMES: Record<GameLocale, string> = { en: 'English', ja: '日本語', zh: '中文' };

function page(locale: GameLocale, accountName: string, title: string, path: string, body: string, script = '') {
  const langs = (Object.keys(LOCALE_NAMES) as GameLocale[]).map((l) => `<li><a href="${escapeHtml(path)}${path.includes('?') ? '&' : '?'}lang=${l}" hreflang="${LANG_TAG[l]}" lang="${LANG_TAG[l]}"${l === locale ? ' aria-current="true"' : ''}>${LOCALE_NAMES[l]}</a></li>`).join('');
  return `<!doctype html><html lang="${LANG_TAG[locale]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="description" content="${escapeHtml(title)}"><title>${escapeHtml(`${title} · ${accountName}`)}</title><style>${STYLE}</style></head>`
    + `<body><header><div class="w"><strong>${escapeHtml(accountName)}</strong><nav aria-label="Language"><ul>${langs}</ul></nav></div></header><main><div class="w">${body}</div></main>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

const formatDate = (locale: GameLocale, iso: string) => new Intl.DateTimeFormat(GAME_PAGE_COPY[locale].dateLocale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';
const formatMoney = (locale: GameLocale, minor: number, currency: string | null) => {
  if (!currency) return String(minor);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat(GAME_PAGE_COPY[locale].dateLocale, { style: 'currency', currency }).format(minor / 10 ** digits);
};
const formatPercent = (locale: GameLocale, odds: number) => new Intl.NumberFormat(GAME_PAGE_COPY[locale].dateLocale, { style: 'percent', maximumFractionDigits: 2 }).format(odds);

export interface RulesView { accountName: string; handle: string; locale: GameLocale; campaign: Campaign; orderCurrency: string | null }

/** The official rules: eligibility, dates, every prize's odds from the configuration, stock left, limits, alternative entry. */
export function renderRulesPage(view: RulesView) {
  const { campaign, locale } = view;
  const copy = GAME_PAGE_COPY[locale];
  const e = campaign.eligibility;
  const eligibility = campaign.kind === 'order_game'
    ? copy.ordersRule(e.ordersRequired, e.uniqueBy, e.windowDays, e.minOrderMinor !== null ? formatMoney(locale, e.minOrderMinor, view.orderCurrency) : null)
    : copy.drawRule;
  const dates = `${campaign.startsAt ? `${copy.from} ${formatDate(locale, campaign.startsAt)}` : ''} ${campaign.endsAt ? `${copy.until} ${formatDate(locale, campaign.endsAt)}` : copy.always}`.trim();
  const rows = campaign.prizes.filter((prize) => prize.weight > 0).map((prize) => `<tr><td>${escapeHtml(prize.label)}</td><td class="n">${formatPercent(locale, prize.odds)}</td><td class="n">${prize.kind === 'try_again' ? '—' : prize.stockLeft === null ? copy.unlimited : prize.stockLeft}</td></tr>`).join('');
  const l = campaign.limits;
  const limits = [l.perCustomer !== null ? copy.perCustomer(l.perCustomer) : '', l.perDevice !== null ? copy.perDevice(l.perDevice) : '', l.perPeriod ? copy.perPeriod(l.perPeriod.plays, l.perPeriod.days) : ''].filter(Boolean);
  const paragraphs = (text: string) => text.split(/\n{2,}/).map((part) => `<p>${escapeHtml(part).replace(/\n/g, '<br>')}</p>`).join('');
  const body = `<p class="muted">${escapeHtml(copy.officialRules)}</p><h1>${escapeHtml(campaign.name)}</h1>
${campaign.status === 'ended' ? `<p class="result bad" role="status">${escapeHtml(copy.ended)}</p>` : ''}
<section class="card"><h2>${escapeHtml(copy.eligibility)}</h2><p>${escapeHtml(eligibility)}</p><h2>${escapeHtml(copy.dates)}</h2><p>${escapeHtml(dates)}</p></section>
<section class="card"><h2 id="odds">${escapeHtml(copy.prizes)}</h2><table aria-labelledby="odds"><thead><tr><th scope="col">${escapeHtml(copy.prize)}</th><th scope="col" class="n">${escapeHtml(copy.odds)}</th><th scope="col" class="n">${escapeHtml(copy.stockLeft)}</th></tr></thead><tbody>${rows}</tbody></table><p class="muted">${escapeHtml(copy.outOfStockNote)}</p></section>
<section class="card"><h2>${escapeHtml(copy.limits)}</h2>${limits.length > 0 ? `<ul>${limits.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : `<p>${escapeHtml(copy.noLimits)}</p>`}</section>
${campaign.alternativeEntry ? `<section class="card"><h2>${escapeHtml(copy.noPurchase)}</h2>${paragraphs(campaign.alternativeEntry)}</section>` : ''}
${campaign.rulesText ? `<section class="card"><h2>${escapeHtml(copy.rules)}</h2>${paragraphs(campaign.rulesText)}</section>` : ''}
<section class="card"><h2>${escapeHtml(copy.fairness)}</h2><p>${escapeHtml(copy.fairnessText)}</p><p><a href="/play/${escapeHtml(view.handle)}/verify?lang=${locale}">${escapeHtml(copy.verifyLink)}</a></p></section>`;
  return page(locale, view.accountName, `${campaign.name} — ${copy.officialRules}`, `/play/${view.handle}/${campaign.slug}/rules`, body);
}

export interface VerifyView {
  accountName: string;
  handle: string;
  locale: GameLocale;
  playId: string;
  /** The server's own check, when a play id was given. */
  server: { receipt: Receipt; valid: boolean } | { receipt: null; valid: false } | null;
}

/** The verify page: a receipt recomputed in the browser (WebCrypto), the algorithm explained, and a server check by play id. */
export function renderVerifyPage(view: VerifyView) {
  const { locale } = view;
  const copy = GAME_PAGE_COPY[locale];
  const receiptJson = view.server?.receipt ? JSON.stringify(view.server.receipt, null, 2) : '';
  const data = Object.entries(copy.script).map(([key, text]) => `data-${key}="${escapeHtml(text)}"`).join(' ');
  const serverResult = view.server === null ? '' : `<p class="result ${view.server.valid ? 'ok' : 'bad'}" role="status" data-testid="server-check">${escapeHtml(view.server.valid ? copy.serverVerified : view.server.receipt ? copy.serverFailed : copy.notFound)}</p>`;
  const body = `<h1>${escapeHtml(copy.verifyTitle)}</h1><p>${escapeHtml(copy.verifyIntro)}</p>
<section class="card"><form id="verify" ${data}><label for="receipt">${escapeHtml(copy.receiptLabel)}</label><textarea id="receipt" name="receipt" spellcheck="false" autocomplete="off">${escapeHtml(receiptJson)}</textarea><button type="submit">${escapeHtml(copy.verifyButton)}</button></form>
<h2 class="muted">${escapeHtml(copy.browserResult)}</h2><p id="verify-result" class="result" role="status" aria-live="polite"><noscript>${escapeHtml(copy.noScript)}</noscript></p></section>
<section class="card"><h2>${escapeHtml(copy.serverCheck)}</h2><form method="get"><input type="hidden" name="lang" value="${locale}"><label for="play">${escapeHtml(copy.playIdLabel)}</label><input id="play" name="play" value="${escapeHtml(view.playId)}" inputmode="text" autocomplete="off"><button type="submit">${escapeHtml(copy.serverCheckButton)}</button></form>${serverResult}</section>
<section class="card"><h2>${escapeHtml(copy.howTitle)}</h2><ol>${copy.howSteps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol></section>`;
  return page(locale, view.accountName, copy.verifyTitle, `/play/${view.handle}/verify${view.playId ? `?play=${view.playId}` : ''}`, body, VERIFY_SCRIPT);
}

export function renderGameNotFoundPage(locale: GameLocale, accountName: string) {
  const copy = GAME_PAGE_COPY[locale];
  return page(locale, accountName, copy.notFoundTitle, '', `<div class="card" role="alert"><h1>${escapeHtml(copy.notFoundTitle)}</h1><p>${escapeHtml(copy.notFound)}</p></div>`);
}
