import type { Locale } from '@touchpoint/core';
import { normalizeText } from './text-features.ts';

/**
 * What the bot says itself, and what it understands of the customer's replies, in en/ja/zh. The customer's language
 * is the message's script when it says (kana → ja, Chinese characters only → zh), else the contact's, else the
 * account's.
 */

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;

export function detectMessageLocale(text: string, fallback: Locale): Locale {
  if (KANA.test(text)) return 'ja';
  if (HAN.test(text)) return fallback === 'ja' ? 'ja' : 'zh';
  if (/[a-z]{2,}/i.test(text)) return 'en';
  return fallback;
}

/** Asking for a person: whole words in English, phrases in Japanese and Chinese. */
const HANDOVER_WORDS_EN = /\b(agent|human|person|people|representative|operator|someone real|real person|staff|support team|talk to (?:someone|somebody)|speak to (?:someone|somebody))\b/;
const HANDOVER_PHRASES_CJK = ['担当者', 'オペレーター', 'オペレータ', '人間', 'スタッフ', '有人', '人と話', '人工', '真人', '客服人员', '转人工', '找人'];

export function asksForPerson(text: string): boolean {
  const t = normalizeText(text);
  return HANDOVER_WORDS_EN.test(t) || HANDOVER_PHRASES_CJK.some((p) => t.includes(p));
}

const FAILED_EN = /\b(didn[’']?t help|didnt help|does(?:n'?t| not) help|did not help|not helpful|no help|not what i|that'?s not it|wrong answer|useless|not (?:the|my) (?:answer|question)|doesn'?t answer|didn'?t answer)\b|^(no|nope|not really)[.!]?$/;
const FAILED_CJK = ['役に立た', '違います', '違う', '解決しない', '解決しません', 'わかりません', 'いいえ', '没用', '没有帮助', '不对', '不是这个', '没解决', '不行'];
const HELPED_EN = /^(yes|yep|yeah|thanks?|thank you|thx|great|perfect|solved|that helped|it helped|this helped|ok thanks|got it)\b/;
const HELPED_CJK = ['ありがとう', '解決しました', '助かりました', 'わかりました', 'はい', '谢谢', '解决了', '好的', '明白了', '有帮助'];

/** After a bot answer: did the customer say it failed? */
export function saysAnswerFailed(text: string): boolean {
  const t = normalizeText(text);
  return FAILED_EN.test(t) || FAILED_CJK.some((p) => t.includes(p));
}

/** After a bot answer: did the customer say it helped (and nothing more to ask)? */
export function saysAnswerHelped(text: string): boolean {
  const t = normalizeText(text);
  if (t.length > 40 || t.includes('?') || saysAnswerFailed(t)) return false;
  return HELPED_EN.test(t) || HELPED_CJK.some((p) => t.startsWith(p));
}

const GREETING_EN = /^(hi|hello|hey|hiya|good (?:morning|afternoon|evening)|yo)( there)?[!. ]*$/;
const GREETINGS_CJK = ['こんにちは', 'こんばんは', 'おはようございます', 'はじめまして', 'もしもし', '你好', '您好', '嗨', '早上好', '晚上好'];

/** A message that only says hello. */
export function isGreeting(text: string): boolean {
  const t = normalizeText(text).replace(/[!！。.、,，~〜]+$/u, '');
  return GREETING_EN.test(t) || GREETINGS_CJK.includes(t);
}

/** A reply picking choice n of a clarifying question: "2", "２", "#2", "option 2", "2番", "第2个". */
export function pickedChoice(text: string, count: number): number | null {
  const t = normalizeText(text);
  const match = /^(?:#|no\.?\s*|option\s*|第)?([1-9])(?:番|个|個|つ目)?[.)!。]?$/.exec(t);
  if (!match) return null;
  const n = Number(match[1]);
  return n >= 1 && n <= count ? n : null;
}

type Texts = {
  clarify: string;
  replyWithNumber: string;
  handover: string;
  readMore: string;
  followUp: string;
  helped: string;
  greeting: string;
  /** Quick replies under an answer; each is understood as what it says (saysAnswerHelped / saysAnswerFailed). */
  yesHelped: string;
  noFailed: string;
};

export const BOT_TEXTS: Record<Locale, Texts> = {
  en: {
    clarify: 'I found more than one answer. Which one fits your question?',
    replyWithNumber: 'Reply with the number, or ask for a person.',
    handover: 'I’m passing you to a person on our team. They can see this conversation and will reply here.',
    readMore: 'Read more',
    followUp: 'Did that answer your question? If not, say so and a person will take over.',
    helped: 'Glad I could help! Write again any time.',
    greeting: 'Hi! I’m the answer bot. What can I help you with? You can ask for a person at any time.',
    yesHelped: 'Yes, thanks',
    noFailed: 'No, that didn’t help',
  },
  ja: {
    clarify: '該当しそうな回答が複数あります。どちらのご質問ですか？',
    replyWithNumber: '番号でお答えいただくか、担当者をご希望の場合はその旨お書きください。',
    handover: '担当者におつなぎします。これまでの会話は担当者に引き継がれ、こちらで返信いたします。',
    readMore: '詳しくはこちら',
    followUp: 'こちらで解決しましたか？解決しない場合はお知らせください。担当者が対応します。',
    helped: 'お役に立ててうれしいです。またいつでもどうぞ。',
    greeting: 'こんにちは。自動応答ボットです。どのようなご用件でしょうか？担当者をご希望の場合はいつでもお申し付けください。',
    yesHelped: 'はい、解決しました',
    noFailed: 'いいえ、解決しません',
  },
  zh: {
    clarify: '我找到了几个可能的答案。您指的是哪一个？',
    replyWithNumber: '请回复编号，或要求转人工客服。',
    handover: '正在为您转接人工客服。客服可以看到之前的对话，并会在这里回复您。',
    readMore: '查看详情',
    followUp: '这解决您的问题了吗？如果没有，请告诉我，人工客服会接手。',
    helped: '很高兴能帮到您！有问题随时联系我们。',
    greeting: '您好！我是自动回复机器人。请问有什么可以帮您？您随时可以要求转人工客服。',
    yesHelped: '好的，解决了',
    noFailed: '没有，没用',
  },
};
