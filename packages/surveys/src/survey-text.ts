import type { SurveyKind } from '@touchpoint/core';
import type { SurveyLocale, SurveyText } from '@touchpoint/db';

export const SURVEY_LOCALES = ['en', 'ja', 'zh'] as const satisfies readonly SurveyLocale[];

/** Wording a new survey starts with, per kind and language; `{company}` is replaced with the account's name. */
export const DEFAULT_SURVEY_TEXT: Record<SurveyKind, Record<SurveyLocale, SurveyText>> = {
  csat: {
    en: { question: 'How satisfied are you with your experience?', followUp: 'What could we have done better?', thanks: 'Thank you! Your feedback helps us improve.' },
    ja: { question: '今回のご利用にどの程度満足されましたか？', followUp: 'よりよくするために、お気づきの点があればお聞かせください。', thanks: 'ご回答ありがとうございました。今後のサービス向上に役立てます。' },
    zh: { question: '您对本次体验的满意度如何？', followUp: '我们还有哪些地方可以做得更好？', thanks: '感谢您的反馈！我们会据此不断改进。' },
  },
  nps: {
    en: { question: 'How likely are you to recommend {company} to a friend or colleague?', followUp: 'What is the main reason for your score?', thanks: 'Thank you for telling us. We read every answer.' },
    ja: { question: '{company}を友人や同僚にすすめる可能性はどのくらいありますか？', followUp: 'そのように評価された一番の理由を教えてください。', thanks: 'ご回答ありがとうございました。いただいた声はすべて拝見しています。' },
    zh: { question: '您有多大可能向朋友或同事推荐{company}？', followUp: '您给出这个分数的主要原因是什么？', thanks: '感谢您的反馈，我们会认真阅读每一条意见。' },
  },
  ces: {
    en: { question: 'How easy was it to get what you needed today?', followUp: 'What made it easy or hard?', thanks: 'Thank you! We will use this to make things simpler.' },
    ja: { question: '今回、目的を達成するのはどのくらい簡単でしたか？', followUp: '簡単だった点、難しかった点を教えてください。', thanks: 'ご回答ありがとうございました。より簡単にご利用いただけるよう改善します。' },
    zh: { question: '今天办理您需要的事情有多容易？', followUp: '哪些地方让您觉得容易或困难？', thanks: '感谢您的反馈！我们会努力让流程更简单。' },
  },
};

/** Labels at each end of the scale, shown under the score buttons. */
export const SCALE_LABELS: Record<SurveyKind, Record<SurveyLocale, { low: string; high: string }>> = {
  csat: { en: { low: 'Very unsatisfied', high: 'Very satisfied' }, ja: { low: 'とても不満', high: 'とても満足' }, zh: { low: '非常不满意', high: '非常满意' } },
  nps: { en: { low: 'Not at all likely', high: 'Extremely likely' }, ja: { low: 'まったく思わない', high: '非常にそう思う' }, zh: { low: '完全不可能', high: '非常可能' } },
  ces: { en: { low: 'Very difficult', high: 'Very easy' }, ja: { low: 'とても難しい', high: 'とても簡単' }, zh: { low: '非常困难', high: '非常容易' } },
};

/** The survey's text in `locale`, falling back to English, then to the default wording; `{company}` filled in. */
export function resolveSurveyText(kind: SurveyKind, texts: Partial<Record<SurveyLocale, Partial<SurveyText>>>, locale: SurveyLocale, company: string): SurveyText {
  const own = texts[locale] ?? {};
  const fallback = DEFAULT_SURVEY_TEXT[kind][locale];
  const pick = (key: keyof SurveyText) => (own[key]?.trim() ? own[key]! : fallback[key]).replaceAll('{company}', company);
  return { question: pick('question'), followUp: pick('followUp'), thanks: pick('thanks') };
}

/** The best supported language for a contact's locale (`ja-JP` → `ja`), else the account's, else English. */
export function pickSurveyLocale(...candidates: (string | null | undefined)[]): SurveyLocale {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split(/[-_]/)[0];
    if (base === 'en' || base === 'ja' || base === 'zh') return base;
  }
  return 'en';
}
