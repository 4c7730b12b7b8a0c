import type { SurveyKind } from '@touchpoint/core';

type Locale = 'en' | 'ja' | 'zh';

export interface SurveyPageView {
  accountName: string;
  kind: SurveyKind;
  locale: Locale;
  text: { question: string; followUp: string; thanks: string };
  scale: { min: number; max: number; low: string; high: string };
  score: number | null;
  comment: string;
}

const COPY: Record<Locale, { comment: string; send: string; saved: string; recorded: string; invalidTitle: string; invalid: string; closedTitle: string; closed: string; pick: string }> = {
  en: { comment: 'Your comment (optional)', send: 'Send', saved: 'Your comment has been saved.', recorded: 'You answered', invalidTitle: 'This link is not valid', invalid: 'We could not find this survey. Please use the link from your message as it was sent.', closedTitle: 'This survey has closed', closed: 'Thank you all the same: this survey no longer takes answers.', pick: 'Please choose a score.' },
  ja: { comment: 'コメント（任意）', send: '送信', saved: 'コメントを受け付けました。', recorded: 'あなたの回答', invalidTitle: 'このリンクは無効です', invalid: 'アンケートが見つかりませんでした。お送りしたメッセージのリンクをそのままお使いください。', closedTitle: 'このアンケートは終了しました', closed: 'ご協力ありがとうございました。このアンケートの受付は終了しています。', pick: '点数を選んでください。' },
  zh: { comment: '您的意见（选填）', send: '提交', saved: '您的意见已保存。', recorded: '您的评分', invalidTitle: '此链接无效', invalid: '找不到此调查。请使用我们发送给您的原始链接。', closedTitle: '本次调查已结束', closed: '仍然感谢您的支持：本次调查已停止收集回答。', pick: '请选择一个分数。' },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP","PingFang SC",sans-serif;background:#f6f7f9;color:#1f2933}
main{max-width:560px;margin:0 auto;padding:24px 16px}.card{background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.25rem;margin:0 0 16px}.brand{color:#52606d;font-size:.875rem;margin:0 0 8px}
fieldset{border:0;padding:0;margin:0 0 8px}legend{font-weight:600;margin-bottom:12px}
.scale{display:grid;gap:6px;grid-template-columns:repeat(var(--n),1fr)}.scale label{position:relative}.scale-csat{--n:5}.scale-ces{--n:7}.scale-nps{--n:6}@media (min-width:480px){.scale-nps{--n:11}}
.scale input{position:absolute;opacity:0;inset:0}
.scale span{display:block;min-height:44px;line-height:44px;text-align:center;border:1px solid #9aa5b1;border-radius:8px;font-weight:600;background:#fff}
.scale input:checked+span{background:#1f4fd1;border-color:#1f4fd1;color:#fff}.scale input:focus-visible+span{outline:3px solid #f5b400;outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.8125rem;color:#52606d;margin-top:6px}
label.block{display:block;font-weight:600;margin:16px 0 6px}textarea{width:100%;min-height:96px;font:inherit;padding:10px;border:1px solid #9aa5b1;border-radius:8px}
button{margin-top:12px;width:100%;min-height:48px;font:inherit;font-weight:600;border:0;border-radius:8px;background:#1f4fd1;color:#fff}
.notice{background:#e8f5ec;color:#1d5e34;border-radius:8px;padding:12px;margin:0 0 16px}.error{background:#fde8e8;color:#8a1c1c;border-radius:8px;padding:12px;margin:0 0 16px}`;

function page(locale: Locale, title: string, body: string) {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/**
 * The public survey page (`/s/<token>`): mobile first, no JavaScript, every control labelled. Before an answer it
 * asks for the score (and the comment on the same form); after it, it thanks and asks for the comment.
 */
export function renderSurveyPage(view: SurveyPageView, state: { answered?: boolean; commented?: boolean; error?: boolean } = {}) {
  const copy = COPY[view.locale];
  const scores = Array.from({ length: view.scale.max - view.scale.min + 1 }, (_, index) => view.scale.min + index);
  const scoreBlock = view.score === null
    ? `<fieldset><legend id="q"><h1>${escapeHtml(view.text.question)}</h1></legend><div class="scale scale-${view.kind}" role="radiogroup" aria-labelledby="q">${scores.map((score) => `<label><input type="radio" name="score" value="${score}" required aria-label="${score}"><span aria-hidden="true">${score}</span></label>`).join('')}</div><div class="ends" aria-hidden="true"><span>${escapeHtml(view.scale.low)}</span><span>${escapeHtml(view.scale.high)}</span></div></fieldset>`
    : `<p class="notice" role="status">${escapeHtml(view.text.thanks)}</p><p><strong>${escapeHtml(copy.recorded)}: ${view.score}</strong> / ${view.scale.max}</p>`;
  const body = `<p class="brand">${escapeHtml(view.accountName)}</p><div class="card">
${state.error ? `<p class="error" role="alert">${escapeHtml(copy.pick)}</p>` : ''}${state.commented ? `<p class="notice" role="status">${escapeHtml(copy.saved)}</p>` : ''}
${view.score === null ? '' : `<h1>${escapeHtml(view.text.followUp)}</h1>`}
<form method="post">${scoreBlock}
<label class="block" for="comment">${escapeHtml(view.score === null ? `${view.text.followUp} — ${copy.comment}` : copy.comment)}</label>
<textarea id="comment" name="comment" maxlength="2000">${escapeHtml(view.comment)}</textarea>
<button type="submit">${escapeHtml(copy.send)}</button></form></div>`;
  return page(view.locale, view.text.question, body);
}

/** The page for a link that is forged, altered or closed: says which, in the visitor's language. */
export function renderSurveyErrorPage(locale: Locale, reason: 'invalid' | 'closed') {
  const copy = COPY[locale];
  const title = reason === 'invalid' ? copy.invalidTitle : copy.closedTitle;
  return page(locale, title, `<div class="card" role="alert"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(reason === 'invalid' ? copy.invalid : copy.closed)}</p></div>`);
}
