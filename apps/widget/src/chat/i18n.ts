import type { Locale } from '../contract.ts';

const en = {
  greeting: 'Hi! How can we help?',
  close: 'Close chat',
  account: 'My account',
  online: 'We’re online',
  away: 'We’re away right now',
  backAt: 'Back {time}',
  replyFew: 'We typically reply in a few minutes',
  replyMinutes: 'We typically reply within {n} minutes',
  replyHour: 'We typically reply within an hour',
  replyHours: 'We typically reply within {n} hours',
  replyDay: 'We typically reply within a day',
  prechatTitle: 'Before we start',
  prechatOffline: 'Nobody is online right now. Leave your email and we’ll answer there.',
  name: 'Your name',
  email: 'Email',
  emailOptional: 'Email (optional)',
  start: 'Start chat',
  messages: 'Messages',
  you: 'You',
  agent: 'Support',
  placeholder: 'Write a message…',
  messageLabel: 'Message',
  send: 'Send',
  attach: 'Attach a file',
  emoji: 'Insert emoji',
  emojiList: 'Emoji',
  remove: 'Remove {name}',
  tooLarge: '{name} is larger than {size}.',
  uploadFailed: '{name} could not be uploaded.',
  download: 'Download {name}',
  typing: '{name} is typing…',
  seen: 'Seen',
  sending: 'Sending…',
  failed: 'Not sent.',
  retry: 'Retry',
  resolved: 'This conversation is resolved. Write again if you need anything else.',
  csatQuestion: 'How would you rate our help?',
  csatStars: '{n} of 5',
  csatComment: 'Anything to add? (optional)',
  csatSubmit: 'Send rating',
  csatThanks: 'Thanks for your rating!',
  refused: 'We could not verify who you are, so the chat is not available.',
  failedLoad: 'The chat could not load. Please try again later.',
  emailRequired: 'Please enter your email so we can reply.',
  emailInvalid: 'Please enter a valid email address.',
};

type Messages = typeof en;

const ja: Messages = {
  greeting: 'こんにちは！どのようなご用件でしょうか？',
  close: 'チャットを閉じる',
  account: 'マイアカウント',
  online: 'オンライン対応中',
  away: 'ただいま不在です',
  backAt: '{time}に再開します',
  replyFew: '通常数分以内に返信します',
  replyMinutes: '通常{n}分以内に返信します',
  replyHour: '通常1時間以内に返信します',
  replyHours: '通常{n}時間以内に返信します',
  replyDay: '通常1日以内に返信します',
  prechatTitle: 'チャットを始める前に',
  prechatOffline: 'ただいま対応できる担当者がいません。メールアドレスを残していただければ、メールで返信します。',
  name: 'お名前',
  email: 'メールアドレス',
  emailOptional: 'メールアドレス（任意）',
  start: 'チャットを開始',
  messages: 'メッセージ',
  you: 'あなた',
  agent: 'サポート',
  placeholder: 'メッセージを入力…',
  messageLabel: 'メッセージ',
  send: '送信',
  attach: 'ファイルを添付',
  emoji: '絵文字を挿入',
  emojiList: '絵文字',
  remove: '{name} を削除',
  tooLarge: '{name} は {size} を超えています。',
  uploadFailed: '{name} をアップロードできませんでした。',
  download: '{name} をダウンロード',
  typing: '{name} さんが入力中…',
  seen: '既読',
  sending: '送信中…',
  failed: '送信できませんでした。',
  retry: '再送信',
  resolved: 'この会話は解決済みです。ほかにご用件があれば、もう一度メッセージをお送りください。',
  csatQuestion: '今回の対応はいかがでしたか？',
  csatStars: '5段階中{n}',
  csatComment: 'ご意見があればお聞かせください（任意）',
  csatSubmit: '評価を送信',
  csatThanks: '評価をありがとうございました！',
  refused: 'ご本人確認ができなかったため、チャットをご利用いただけません。',
  failedLoad: 'チャットを読み込めませんでした。しばらくしてからもう一度お試しください。',
  emailRequired: '返信のため、メールアドレスを入力してください。',
  emailInvalid: '正しいメールアドレスを入力してください。',
};

const zh: Messages = {
  greeting: '您好！有什么可以帮您？',
  close: '关闭聊天',
  account: '我的账户',
  online: '我们在线',
  away: '我们暂时不在',
  backAt: '{time}恢复服务',
  replyFew: '通常几分钟内回复',
  replyMinutes: '通常{n}分钟内回复',
  replyHour: '通常一小时内回复',
  replyHours: '通常{n}小时内回复',
  replyDay: '通常一天内回复',
  prechatTitle: '开始之前',
  prechatOffline: '目前没有客服在线。请留下您的邮箱，我们会通过邮件回复您。',
  name: '您的姓名',
  email: '邮箱',
  emailOptional: '邮箱（可选）',
  start: '开始聊天',
  messages: '消息',
  you: '您',
  agent: '客服',
  placeholder: '输入消息…',
  messageLabel: '消息',
  send: '发送',
  attach: '添加附件',
  emoji: '插入表情',
  emojiList: '表情',
  remove: '移除 {name}',
  tooLarge: '{name} 超过了 {size}。',
  uploadFailed: '{name} 上传失败。',
  download: '下载 {name}',
  typing: '{name} 正在输入…',
  seen: '已读',
  sending: '发送中…',
  failed: '发送失败。',
  retry: '重试',
  resolved: '此对话已解决。如有其他问题，请再次发送消息。',
  csatQuestion: '您对我们的服务满意吗？',
  csatStars: '{n}分（满分5分）',
  csatComment: '还有什么想说的吗？（可选）',
  csatSubmit: '提交评分',
  csatThanks: '感谢您的评分！',
  refused: '无法验证您的身份，因此聊天不可用。',
  failedLoad: '聊天加载失败，请稍后再试。',
  emailRequired: '请输入您的邮箱，以便我们回复。',
  emailInvalid: '请输入有效的邮箱地址。',
};

export type MessageKey = keyof Messages;
const ALL: Record<Locale, Messages> = { en, ja, zh };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function createTranslate(locale: Locale): Translate {
  const messages = ALL[locale];
  return (key, values = {}) => messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** "We typically reply…" for a typical first response in minutes. */
export function replyTimeText(t: Translate, minutes: number | null): string | null {
  if (minutes === null) return null;
  if (minutes <= 5) return t('replyFew');
  const step = [10, 15, 20, 30, 45].find((limit) => minutes <= limit);
  if (step) return t('replyMinutes', { n: step });
  if (minutes <= 60) return t('replyHour');
  if (minutes <= 24 * 60) return t('replyHours', { n: Math.ceil(minutes / 60) });
  return t('replyDay');
}
