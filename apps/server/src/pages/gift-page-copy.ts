export type GiftPageLocale = 'en' | 'ja' | 'zh';

export interface GiftPageCopy {
  title: string; sentYou: (sender: string) => string; from: string; accept: string; swapLegend: string; keep: (title: string) => string;
  country: string; pickCountry: string; expires: (date: string) => string; arrives: (date: string) => string; yours: string; code: string;
  reactTitle: (sender: string) => string; video: string; photo: string; text: string; record: string; stop: string; retake: string; send: string;
  chooseVideo: string; choosePhoto: string; textLabel: string; uploading: string; thanks: (sender: string) => string; expired: string; cancelled: string;
  invalidTitle: string; invalid: string; alreadyClaimed: string; failed: string; tooLarge: string; wrongType: string; seconds: (n: number) => string;
  noCamera: string; language: string; card: string; voucher: string; sharedTitle: (sender: string) => string; sharedBy: (business: string) => string;
}

export const GIFT_PAGE_COPY: Record<GiftPageLocale, GiftPageCopy> = {
  en: {
    title: 'A gift for you', sentYou: (sender) => `${sender} sent you a gift`, from: 'Message', accept: 'Accept the gift', swapLegend: 'Or choose something else',
    keep: (title) => `Keep ${title}`, country: 'Which country are you in?', pickCountry: 'Choose your country', expires: (date) => `Claim it before ${date}.`,
    arrives: (date) => `This gift arrives on ${date}. Come back then!`, yours: 'It’s yours!', code: 'Your code',
    reactTitle: (sender) => `Send ${sender} a reaction`, video: 'Video', photo: 'Photo', text: 'Text', record: 'Record', stop: 'Stop', retake: 'Record again', send: 'Send',
    chooseVideo: 'Or choose a video', choosePhoto: 'Take or choose a photo', textLabel: 'Your message', uploading: 'Sending…',
    thanks: (sender) => `Thank you! ${sender} will see your reaction.`, expired: 'This gift has expired.', cancelled: 'This gift was cancelled by its sender.',
    invalidTitle: 'This link is not valid', invalid: 'We could not find this gift. Please use the link exactly as it was sent to you.',
    alreadyClaimed: 'This gift has already been claimed.', failed: 'That did not work. Please try again.', tooLarge: 'That file is too large.',
    wrongType: 'Please send a JPEG, PNG or WebP photo, or a WebM or MP4 video.', seconds: (n) => `${n} s left`, noCamera: 'The camera is not available; choose a file instead.',
    language: 'Language', card: 'A card for you', voucher: 'A voucher', sharedTitle: (sender) => `${sender}’s gift got a reaction`, sharedBy: (business) => `A gift sent with ${business}`,
  },
  ja: {
    title: 'ギフトが届きました', sentYou: (sender) => `${sender}さんからギフトが届きました`, from: 'メッセージ', accept: 'ギフトを受け取る', swapLegend: 'ほかのものに交換する',
    keep: (title) => `${title}のまま受け取る`, country: 'お住まいの国', pickCountry: '国を選んでください', expires: (date) => `${date}までにお受け取りください。`,
    arrives: (date) => `このギフトは${date}に届きます。その日にまたお越しください。`, yours: '受け取りました！', code: 'あなたのコード',
    reactTitle: (sender) => `${sender}さんにリアクションを送る`, video: '動画', photo: '写真', text: 'テキスト', record: '録画', stop: '停止', retake: '撮り直す', send: '送信',
    chooseVideo: '動画ファイルを選ぶ', choosePhoto: '写真を撮る・選ぶ', textLabel: 'メッセージ', uploading: '送信中…',
    thanks: (sender) => `ありがとうございます！${sender}さんにリアクションが届きます。`, expired: 'このギフトは有効期限が切れています。', cancelled: 'このギフトは贈り主によって取り消されました。',
    invalidTitle: 'このリンクは無効です', invalid: 'ギフトが見つかりませんでした。届いたリンクをそのままお使いください。',
    alreadyClaimed: 'このギフトはすでに受け取られています。', failed: 'うまくいきませんでした。もう一度お試しください。', tooLarge: 'ファイルが大きすぎます。',
    wrongType: 'JPEG・PNG・WebP の写真、または WebM・MP4 の動画を送ってください。', seconds: (n) => `残り ${n} 秒`, noCamera: 'カメラを使えません。ファイルを選んでください。',
    language: '言語', card: 'メッセージカード', voucher: 'クーポン', sharedTitle: (sender) => `${sender}さんのギフトにリアクションが届きました`, sharedBy: (business) => `${business}から贈られたギフト`,
  },
  zh: {
    title: '你收到一份礼物', sentYou: (sender) => `${sender} 送了你一份礼物`, from: '留言', accept: '接受礼物', swapLegend: '或者换成别的',
    keep: (title) => `保留：${title}`, country: '你在哪个国家？', pickCountry: '选择你的国家', expires: (date) => `请在 ${date} 前领取。`,
    arrives: (date) => `这份礼物将于 ${date} 送达，到时再来看看吧！`, yours: '礼物已领取！', code: '你的兑换码',
    reactTitle: (sender) => `给 ${sender} 发个回应`, video: '视频', photo: '照片', text: '文字', record: '录制', stop: '停止', retake: '重新录制', send: '发送',
    chooseVideo: '或选择一段视频', choosePhoto: '拍照或选择照片', textLabel: '你的留言', uploading: '正在发送…',
    thanks: (sender) => `谢谢！${sender} 会看到你的回应。`, expired: '这份礼物已过期。', cancelled: '送礼人已取消这份礼物。',
    invalidTitle: '此链接无效', invalid: '找不到这份礼物。请使用发给你的原始链接。',
    alreadyClaimed: '这份礼物已经被领取。', failed: '操作未成功，请重试。', tooLarge: '文件太大。',
    wrongType: '请发送 JPEG、PNG 或 WebP 照片，或 WebM、MP4 视频。', seconds: (n) => `还剩 ${n} 秒`, noCamera: '无法使用相机，请选择文件。',
    language: '语言', card: '一张卡片', voucher: '一张优惠券', sharedTitle: (sender) => `${sender} 的礼物收到了回应`, sharedBy: (business) => `通过 ${business} 送出的礼物`,
  },
};

export const GIFT_PAGE_LOCALES: GiftPageLocale[] = ['en', 'ja', 'zh'];
export const isGiftPageLocale = (value: unknown): value is GiftPageLocale => value === 'en' || value === 'ja' || value === 'zh';
