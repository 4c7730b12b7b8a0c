import type { SurveyRow } from './survey-definitions.ts';
import { SURVEY_SCALES } from './survey-scoring.ts';
import { pickSurveyLocale, resolveSurveyText, SCALE_LABELS } from './survey-text.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const SUBJECTS = { en: 'A quick question from {company}', ja: '{company}から簡単なアンケートのお願い', zh: '{company}想请您回答一个小问题' };
const FOOTERS = { en: 'One click records your answer; you can add a comment on the next page.', ja: 'クリックするだけで回答が記録されます。次のページでコメントも追加できます。', zh: '点击一次即可记录您的回答，下一页还可以补充意见。' };

/**
 * The invitation email: the question and one button per score, each a link to the public page with that score (one
 * click records it, the page then asks for the comment). Plain tables and inline styles, so mail clients show it.
 */
export function composeSurveyEmail(input: { survey: SurveyRow; accountName: string; locale: string | null; url: (score?: number) => string }) {
  const locale = pickSurveyLocale(input.locale);
  const text = resolveSurveyText(input.survey.kind, input.survey.texts, locale, input.accountName);
  const scale = SURVEY_SCALES[input.survey.kind];
  const labels = SCALE_LABELS[input.survey.kind][locale];
  const scores = Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index);
  const button = (score: number) => `<td style="padding:2px"><a href="${escapeHtml(input.url(score))}" style="display:inline-block;min-width:28px;padding:10px 6px;border:1px solid #c7cbd1;border-radius:6px;color:#1f2933;text-decoration:none;text-align:center;font:600 16px system-ui,sans-serif">${score}</a></td>`;
  const html = `<!doctype html><html lang="${locale}"><body style="margin:0;padding:24px;background:#f6f7f9;font:16px/1.5 system-ui,sans-serif;color:#1f2933">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:600;font-size:18px">${escapeHtml(text.question)}</p>
<table role="presentation" cellspacing="0" cellpadding="0"><tr>${scores.map(button).join('')}</tr></table>
<table role="presentation" width="100%" style="font-size:13px;color:#52606d;margin-top:4px"><tr><td>${escapeHtml(labels.low)}</td><td style="text-align:right">${escapeHtml(labels.high)}</td></tr></table>
<p style="font-size:13px;color:#52606d;margin-top:20px">${escapeHtml(FOOTERS[locale])}</p>
</div></body></html>`;
  const plain = [text.question, '', ...scores.map((score) => `${score}: ${input.url(score)}`), '', `${labels.low} (${scale.min}) – ${labels.high} (${scale.max})`, FOOTERS[locale]].join('\n');
  return { subject: SUBJECTS[locale].replaceAll('{company}', input.accountName), text: plain, html };
}
