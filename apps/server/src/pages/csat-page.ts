import type { Locale } from '@touchpoint/core';

interface SurveyView {
  accountName: string;
  number: number;
  subject: string;
  rating: number | null;
  comment: string;
  expired: boolean;
}

const COPY: Record<Locale, { title: string; question: string; scale: string[]; comment: string; send: string; thanks: string; change: string; closed: string; invalid: string }> = {
  en: {
    title: 'How did we do?',
    question: 'How satisfied are you with the help you got?',
    scale: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    comment: 'Anything you would like to tell us? (optional)',
    send: 'Send',
    thanks: 'Thank you! Your answer has been recorded.',
    change: 'You can change your answer below.',
    closed: 'This survey has closed. Thank you all the same.',
    invalid: 'Please choose a rating from 1 to 5.',
  },
  ja: {
    title: 'ご対応はいかがでしたか？',
    question: '今回のサポートにどのくらい満足されましたか？',
    scale: ['とても不満', '不満', 'ふつう', '満足', 'とても満足'],
    comment: 'ご意見があればお聞かせください（任意）',
    send: '送信',
    thanks: 'ありがとうございました。回答を受け付けました。',
    change: '下から回答を変更できます。',
    closed: 'このアンケートは終了しました。ご協力ありがとうございました。',
    invalid: '1〜5 の評価を選んでください。',
  },
  zh: {
    title: '我们的服务怎么样？',
    question: '您对本次获得的帮助满意吗？',
    scale: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
    comment: '还有什么想告诉我们的吗？（选填）',
    send: '提交',
    thanks: '谢谢！您的评价已记录。',
    change: '您可以在下方修改评价。',
    closed: '本次调查已结束，仍然感谢您的支持。',
    invalid: '请选择 1 到 5 的评分。',
  },
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** Picks en, ja or zh from Accept-Language, falling back to the survey's own language. */
export function pickLocale(acceptLanguage: string | undefined, fallback: string): Locale {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'en' || tag === 'ja' || tag === 'zh') return tag;
  }
  return fallback === 'ja' || fallback === 'zh' ? fallback : 'en';
}

/** The customer's survey page: mobile first, works without JavaScript, every control labelled. */
export function renderCsatPage(view: SurveyView, locale: Locale, state: { submitted?: boolean; error?: boolean } = {}) {
  const t = COPY[locale];
  const faces = ['😞', '🙁', '😐', '🙂', '😄'];
  const options = t.scale
    .map((label, index) => {
      const value = index + 1;
      return `<label class="option"><input type="radio" name="rating" value="${value}"${view.rating === value ? ' checked' : ''} required>
        <span class="face" aria-hidden="true">${faces[index]}</span><span class="text">${value} – ${escapeHtml(label)}</span></label>`;
    })
    .join('');
  const notice = state.error ? `<p class="notice error" role="alert">${t.invalid}</p>` : state.submitted ? `<p class="notice" role="status">${t.thanks}</p><p>${t.change}</p>` : '';
  const body = view.expired
    ? `<p class="notice">${t.closed}</p>`
    : `${notice}<form method="post"><fieldset><legend>${t.question}</legend>${options}</fieldset>
      <label for="comment" class="comment-label">${t.comment}</label>
      <textarea id="comment" name="comment" rows="4" maxlength="2000">${escapeHtml(view.comment)}</textarea>
      <button type="submit">${t.send}</button></form>`;
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} – ${escapeHtml(view.accountName)}</title>
<style>
  body{margin:0;font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans CJK JP","Noto Sans CJK SC",sans-serif;background:#f5f6fa;color:#1f2330;line-height:1.6}
  main{max-width:32rem;margin:0 auto;padding:1.5rem 1rem}
  h1{font-size:1.4rem;margin:.5rem 0}
  .meta{color:#4b5060;margin:0 0 1rem}
  fieldset{border:0;padding:0;margin:0 0 1rem}
  legend{font-weight:600;margin-bottom:.5rem}
  .option{display:flex;align-items:center;gap:.75rem;background:#fff;border:2px solid #d6d9e3;border-radius:.75rem;padding:.6rem .8rem;margin:.4rem 0;cursor:pointer;min-height:2.75rem}
  .option:has(input:checked){border-color:#3b3fd8;background:#eef0ff}
  .option input{width:1.25rem;height:1.25rem;accent-color:#3b3fd8}
  .face{font-size:1.6rem}
  .comment-label{display:block;font-weight:600;margin:.5rem 0 .25rem}
  textarea{width:100%;box-sizing:border-box;border:2px solid #d6d9e3;border-radius:.75rem;padding:.6rem;font:inherit}
  button{margin-top:1rem;width:100%;padding:.8rem;border:0;border-radius:.75rem;background:#3b3fd8;color:#fff;font:inherit;font-weight:600;cursor:pointer}
  :focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}
  .notice{background:#e7f6ec;border-radius:.75rem;padding:.75rem 1rem;color:#14532d}
  .notice.error{background:#fde8e8;color:#7f1d1d}
</style></head>
<body><main><p class="meta">${escapeHtml(view.accountName)} · #${view.number}${view.subject ? ` · ${escapeHtml(view.subject)}` : ''}</p>
<h1>${t.title}</h1>${body}</main></body></html>`;
}
