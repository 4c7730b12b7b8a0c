export type LiveLocale = 'en' | 'ja' | 'zh';

/** The words on the public live pages, per feed locale. */
export const LIVE_COPY: Record<LiveLocale, Record<string, string>> = {
  en: {
    join: 'Join the conversation', name: 'Display name', email: 'Email (optional)', emailHint: 'Only if you would like to hear from us.', signIn: 'Join',
    post: 'Your message', send: 'Send', photo: 'Add a photo', emoji: 'Quick reactions', removePhoto: 'Remove photo', as: 'Posting as',
    pending: 'Sent! A moderator will check it before it appears.', approved: 'Posted!', feed: 'Live posts', empty: 'No posts yet — be the first!',
    poll: 'Poll', vote: 'Vote', voted: 'Thanks for voting!', votes: 'votes', scheduled: 'The show has not started yet. Posting opens when it goes live.',
    ended: 'The show has ended. Thanks for taking part!', live: 'Live', offline: 'Reconnecting…', pinned: 'Pinned', missing: 'This live feed does not exist.',
    error: 'Something went wrong. Please try again.', photoTooBig: 'This photo is too large (2 MB at most).',
    slow: 'You are posting quickly — please wait a moment before the next post.', notPhoto: 'Only JPEG, PNG, GIF or WebP photos can be posted.',
    banned: 'A moderator has stopped you from posting in this feed.', signInAgain: 'Please join again with your display name.',
    alreadyVoted: 'You have already voted in this poll.', notLive: 'Posting is closed right now.', invalid: 'Please check your post and try again.',
  },
  ja: {
    join: '会話に参加する', name: '表示名', email: 'メールアドレス（任意）', emailHint: 'お知らせを受け取りたい場合のみ入力してください。', signIn: '参加する',
    post: 'メッセージ', send: '送信', photo: '写真を追加', emoji: 'リアクション', removePhoto: '写真を外す', as: '投稿者名',
    pending: '送信しました。モデレーターの確認後に表示されます。', approved: '投稿しました！', feed: 'ライブ投稿', empty: 'まだ投稿はありません。最初の投稿をどうぞ！',
    poll: '投票', vote: '投票する', voted: '投票ありがとうございます！', votes: '票', scheduled: '番組はまだ始まっていません。放送開始とともに投稿できるようになります。',
    ended: '番組は終了しました。ご参加ありがとうございました！', live: 'ライブ', offline: '再接続しています…', pinned: 'ピン留め', missing: 'このライブフィードは存在しません。',
    error: 'エラーが発生しました。もう一度お試しください。', photoTooBig: '写真のサイズが大きすぎます（2 MB まで）。',
    slow: '投稿のペースが速すぎます。少し待ってから投稿してください。', notPhoto: '投稿できる写真は JPEG・PNG・GIF・WebP のみです。',
    banned: 'モデレーターにより、このフィードへの投稿が制限されています。', signInAgain: 'もう一度表示名を入力して参加してください。',
    alreadyVoted: 'この投票にはすでに投票済みです。', notLive: '現在は投稿を受け付けていません。', invalid: '投稿内容を確認して、もう一度お試しください。',
  },
  zh: {
    join: '加入互动', name: '显示名称', email: '电子邮箱（选填）', emailHint: '仅在您希望收到我们的消息时填写。', signIn: '加入',
    post: '您的留言', send: '发送', photo: '添加照片', emoji: '快捷表情', removePhoto: '移除照片', as: '发布身份',
    pending: '已发送！审核通过后即会显示。', approved: '已发布！', feed: '实时留言', empty: '还没有留言，快来抢沙发！',
    poll: '投票', vote: '投票', voted: '感谢您的投票！', votes: '票', scheduled: '节目尚未开始，直播开始后即可发言。',
    ended: '节目已结束，感谢您的参与！', live: '直播中', offline: '正在重新连接…', pinned: '置顶', missing: '该实时留言墙不存在。',
    error: '出错了，请重试。', photoTooBig: '照片太大（最大 2 MB）。',
    slow: '发言太快了，请稍等片刻再发。', notPhoto: '只能发布 JPEG、PNG、GIF 或 WebP 格式的照片。',
    banned: '审核员已禁止您在此留言墙发言。', signInAgain: '请重新填写昵称加入。',
    alreadyVoted: '您已经投过票了。', notLive: '目前暂停发言。', invalid: '请检查留言内容后重试。',
  },
};

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** JSON for a `<script type="application/json">` block: `<` escaped so no text can close the block. */
export const jsonForScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export interface LivePageView {
  accountName: string;
  feedName: string;
  locale: LiveLocale;
  apiBase: string;
  photoBase: string;
}
