export type GameLocale = 'en' | 'ja' | 'zh';

export interface GamePageCopy {
  dateLocale: string;
  rules: string;
  officialRules: string;
  eligibility: string;
  dates: string;
  from: string;
  until: string;
  always: string;
  ordersRule: (n: number, unique: 'order' | 'day', windowDays: number | null, min: string | null) => string;
  drawRule: string;
  prizes: string;
  prize: string;
  odds: string;
  stockLeft: string;
  unlimited: string;
  outOfStockNote: string;
  limits: string;
  perCustomer: (n: number) => string;
  perDevice: (n: number) => string;
  perPeriod: (plays: number, days: number) => string;
  noLimits: string;
  noPurchase: string;
  fairness: string;
  fairnessText: string;
  verifyLink: string;
  ended: string;
  verifyTitle: string;
  verifyIntro: string;
  receiptLabel: string;
  verifyButton: string;
  serverCheck: string;
  playIdLabel: string;
  serverCheckButton: string;
  serverVerified: string;
  serverFailed: string;
  browserResult: string;
  howTitle: string;
  howSteps: string[];
  notFoundTitle: string;
  notFound: string;
  noScript: string;
  /** Texts the browser script shows, with placeholders #roll, #prize. */
  script: { ok: string; bad: string; mismatch: string; malformed: string; unsupported: string; fallback: string };
}

const DAY_WORDS = { en: (n: number) => `${n} day${n === 1 ? '' : 's'}` };

export const GAME_PAGE_COPY: Record<GameLocale, GamePageCopy> = {
  en: {
    dateLocale: 'en-US', rules: 'Rules', officialRules: 'Official rules', eligibility: 'Who can play', dates: 'Dates', from: 'From', until: 'until', always: 'No end date',
    ordersRule: (n, unique, windowDays, min) => `One play for every ${n} ${unique === 'day' ? 'different days with an order' : 'separate orders'}${windowDays ? ` placed within ${DAY_WORDS.en(windowDays)}` : ''}${min ? `, each of at least ${min}` : ', of any size'}. Cancelled orders do not count. Each order counts towards one play only.`,
    drawRule: 'Any signed-in customer can enter, within the limits below.',
    prizes: 'Prizes and odds', prize: 'Prize', odds: 'Odds per play', stockLeft: 'Left', unlimited: 'Unlimited',
    outOfStockNote: 'Odds come from the prize table as configured. If the prize drawn has run out (or the budget is spent), the play ends as "try again".',
    limits: 'Limits', perCustomer: (n) => `At most ${n} play${n === 1 ? '' : 's'} per customer.`, perDevice: (n) => `At most ${n} play${n === 1 ? '' : 's'} per device.`,
    perPeriod: (plays, days) => `At most ${plays} play${plays === 1 ? '' : 's'} every ${DAY_WORDS.en(days)}.`, noLimits: 'No limits beyond one play per unlock.',
    noPurchase: 'No purchase necessary', fairness: 'How outcomes are decided',
    fairnessText: 'Before you play, we publish a fingerprint (SHA-256 hash) of a secret random seed. Your device adds its own seed. The outcome is computed from both seeds with HMAC-SHA256, and we reveal the secret seed after the play, so anyone can check that nothing was changed.',
    verifyLink: 'Verify a play', ended: 'This campaign has ended.',
    verifyTitle: 'Verify a play', verifyIntro: 'Paste a receipt (from "Verify this play" in your account) or open this page from the receipt link. Your browser recomputes the draw on its own; nothing is sent anywhere.',
    receiptLabel: 'Receipt (JSON)', verifyButton: 'Verify in my browser', serverCheck: 'Ask the server', playIdLabel: 'Play ID', serverCheckButton: 'Check with the server',
    serverVerified: 'The server recomputed this play from its records: the revealed seed matches the published hash, and the roll draws this outcome.',
    serverFailed: 'The server could not confirm this play: its records do not match.', browserResult: 'Result in your browser',
    howTitle: 'The algorithm (hmac-sha256-v1)',
    howSteps: [
      'The server seed is 32 random bytes from a cryptographic generator, written as 64 hex characters. Its SHA-256 hash is shown to you before you play.',
      'Your device picks a client seed. The play has a nonce (1 for your first play in this game, 2 for the next…).',
      'digest = HMAC-SHA256(key: server seed, message: "client seed:nonce").',
      'roll = the first 6 bytes of the digest as a number, divided by 2^48 (a number from 0 up to, but not including, 1).',
      'ticket = floor(roll × total weight). Going down the prize table in order and adding up weights, the prize is the first line whose running total is above the ticket.',
      'If that prize has run out or the budget is spent, the play ends as "try again".',
      'After the play, the server seed is revealed: hash it and compare with the hash you were shown.',
    ],
    notFoundTitle: 'Not found', notFound: 'We could not find this game. Check the link.', noScript: 'Turn on JavaScript to recompute here, or use the server check below.',
    script: { ok: 'Verified: the seed matches its published hash. Roll #roll → #prize.', bad: 'Not verified: the revealed seed does not match the published hash.', malformed: 'This is not a receipt we can read. Paste the whole receipt.', unsupported: 'This browser cannot compute SHA-256 here (it needs a secure connection). Use the server check.', mismatch: 'Not verified: recomputing gives a different roll or prize than the receipt says.', fallback: 'out of stock, so: try again' },
  },
  ja: {
    dateLocale: 'ja-JP', rules: 'ルール', officialRules: '公式ルール', eligibility: '参加資格', dates: '期間', from: '開始', until: '〜', always: '終了日なし',
    ordersRule: (n, unique, windowDays, min) => `${windowDays ? `${windowDays}日以内に` : ''}${unique === 'day' ? `異なる${n}日にご注文` : `${n}回のご注文`}${min ? `（各${min}以上）` : '（金額は問いません）'}ごとに1回プレイできます。キャンセルされた注文は数えません。1件の注文は1回のプレイにのみ数えます。`,
    drawRule: 'ログインしたお客さまはどなたでも、下記の制限の範囲で参加できます。',
    prizes: '賞品と当選確率', prize: '賞品', odds: '1回あたりの確率', stockLeft: '残り', unlimited: '無制限',
    outOfStockNote: '確率は設定された賞品表から計算しています。抽選された賞品の在庫切れ（または予算超過）の場合は「はずれ（もう一度）」になります。',
    limits: '制限', perCustomer: (n) => `お一人さま最大${n}回。`, perDevice: (n) => `1台の端末につき最大${n}回。`, perPeriod: (plays, days) => `${days}日ごとに最大${plays}回。`, noLimits: '1回のアンロックにつき1回のプレイのほか、制限はありません。',
    noPurchase: '購入不要の参加方法', fairness: '結果の決め方',
    fairnessText: 'プレイの前に、秘密のランダムなシードの指紋（SHA-256ハッシュ）を公開します。お客さまの端末も独自のシードを加えます。結果は両方のシードからHMAC-SHA256で計算され、プレイ後に秘密のシードを公開するので、誰でも改ざんがないことを確認できます。',
    verifyLink: 'プレイを検証する', ended: 'このキャンペーンは終了しました。',
    verifyTitle: 'プレイを検証する', verifyIntro: 'レシート（アカウントの「このプレイを検証」から）を貼り付けるか、レシートのリンクからこのページを開いてください。お使いのブラウザが独自に抽選を再計算します。データはどこにも送信されません。',
    receiptLabel: 'レシート（JSON）', verifyButton: 'ブラウザで検証', serverCheck: 'サーバーに確認', playIdLabel: 'プレイID', serverCheckButton: 'サーバーで確認',
    serverVerified: 'サーバーが記録からこのプレイを再計算しました。公開されたシードは事前に示したハッシュと一致し、この結果になります。',
    serverFailed: 'サーバーはこのプレイを確認できませんでした。記録が一致しません。', browserResult: 'ブラウザでの結果',
    howTitle: 'アルゴリズム（hmac-sha256-v1）',
    howSteps: [
      'サーバーシードは暗号論的乱数生成器による32バイトで、16進数64文字で表します。プレイ前にそのSHA-256ハッシュを表示します。',
      'お客さまの端末がクライアントシードを選びます。プレイにはノンス（このゲームでの1回目は1、次は2…）があります。',
      'digest = HMAC-SHA256（キー：サーバーシード、メッセージ：「クライアントシード:ノンス」）。',
      'roll = digestの先頭6バイトを数値にして2^48で割った値（0以上1未満）。',
      'ticket = floor(roll × 重みの合計)。賞品表を順に重みを足していき、合計がticketを超えた最初の行が賞品です。',
      'その賞品の在庫切れまたは予算超過の場合は「はずれ（もう一度）」になります。',
      'プレイ後にサーバーシードを公開します。ハッシュを計算し、事前に示されたハッシュと比べてください。',
    ],
    notFoundTitle: '見つかりません', notFound: 'このゲームが見つかりませんでした。リンクをご確認ください。', noScript: 'ここで再計算するにはJavaScriptを有効にするか、下のサーバー確認をお使いください。',
    script: { ok: '検証済み：シードは公開ハッシュと一致します。roll #roll → #prize。', bad: '検証できません：公開されたシードがハッシュと一致しません。', malformed: '読み取れるレシートではありません。レシート全体を貼り付けてください。', unsupported: 'このブラウザではここでSHA-256を計算できません（安全な接続が必要です）。サーバー確認をお使いください。', mismatch: '検証できません：再計算したrollまたは賞品がレシートと異なります。', fallback: '在庫切れのため「はずれ」' },
  },
  zh: {
    dateLocale: 'zh-CN', rules: '规则', officialRules: '官方规则', eligibility: '参与资格', dates: '活动时间', from: '自', until: '至', always: '无截止日期',
    ordersRule: (n, unique, windowDays, min) => `${windowDays ? `在${windowDays}天内` : ''}每${unique === 'day' ? `在${n}个不同的日子下单` : `完成${n}笔订单`}${min ? `（每笔至少${min}）` : '（金额不限）'}，即可获得一次游戏机会。已取消的订单不计入。每笔订单只计入一次机会。`,
    drawRule: '已登录的顾客均可在以下限制内参与。',
    prizes: '奖品与中奖概率', prize: '奖品', odds: '每次概率', stockLeft: '剩余', unlimited: '不限',
    outOfStockNote: '概率根据所配置的奖品表计算。若抽中的奖品已发完（或预算已用完），本次结果为“再接再厉”。',
    limits: '限制', perCustomer: (n) => `每位顾客最多${n}次。`, perDevice: (n) => `每台设备最多${n}次。`, perPeriod: (plays, days) => `每${days}天最多${plays}次。`, noLimits: '除每次解锁玩一次外，没有其他限制。',
    noPurchase: '无需购买的参与方式', fairness: '结果如何决定',
    fairnessText: '在您游戏之前，我们会公布一个秘密随机种子的指纹（SHA-256 哈希）。您的设备也会加入自己的种子。结果由两个种子通过 HMAC-SHA256 计算得出，游戏结束后我们会公开秘密种子，任何人都可以核对结果没有被更改。',
    verifyLink: '验证一次游戏', ended: '本活动已结束。',
    verifyTitle: '验证一次游戏', verifyIntro: '粘贴凭证（来自您账户中的“验证本次游戏”），或通过凭证链接打开本页。您的浏览器会独立重新计算抽奖结果，不会向任何地方发送数据。',
    receiptLabel: '凭证（JSON）', verifyButton: '在浏览器中验证', serverCheck: '向服务器核对', playIdLabel: '游戏 ID', serverCheckButton: '向服务器核对',
    serverVerified: '服务器已根据记录重新计算本次游戏：公开的种子与事先公布的哈希一致，并得出此结果。',
    serverFailed: '服务器无法确认本次游戏：记录不一致。', browserResult: '浏览器中的结果',
    howTitle: '算法（hmac-sha256-v1）',
    howSteps: [
      '服务器种子是由密码学随机数生成器产生的 32 字节，写作 64 个十六进制字符。游戏前向您展示它的 SHA-256 哈希。',
      '您的设备选择一个客户端种子。每次游戏有一个序号 nonce（本游戏第一次为 1，下一次为 2……）。',
      'digest = HMAC-SHA256（密钥：服务器种子，消息：“客户端种子:nonce”）。',
      'roll = digest 前 6 个字节作为数字除以 2^48（大于等于 0、小于 1 的数）。',
      'ticket = floor(roll × 权重总和)。按顺序累加奖品表中的权重，累计值第一次超过 ticket 的那一行即为奖品。',
      '若该奖品已发完或预算已用完，本次结果为“再接再厉”。',
      '游戏结束后公开服务器种子：计算其哈希，并与事先展示的哈希比对。',
    ],
    notFoundTitle: '未找到', notFound: '找不到此游戏，请检查链接。', noScript: '请启用 JavaScript 在此重新计算，或使用下方的服务器核对。',
    script: { ok: '验证通过：种子与公布的哈希一致。roll #roll → #prize。', bad: '验证失败：公开的种子与公布的哈希不一致。', malformed: '无法读取此凭证，请粘贴完整的凭证。', unsupported: '此浏览器无法在此计算 SHA-256（需要安全连接）。请使用服务器核对。', mismatch: '验证失败：重新计算得到的 roll 或奖品与凭证不符。', fallback: '已发完，因此为“再接再厉”' },
  },
};

export function pickGameLocale(query: string | undefined, acceptLanguage: string | undefined, fallback: GameLocale): GameLocale {
  if (query === 'en' || query === 'ja' || query === 'zh') return query;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'en' || tag === 'ja' || tag === 'zh') return tag;
  }
  return fallback;
}
