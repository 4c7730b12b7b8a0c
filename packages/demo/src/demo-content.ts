/**
 * The demo workspace: Sakura Goods, a small shop of Japanese homeware that sells to customers in English,
 * Japanese and Chinese. Times are minutes before "now", so the demo always looks live.
 */
export const DEMO_PASSWORD = 'touchpoint-demo';

export const DEMO_AGENTS = [
  { key: 'aiko', email: 'aiko@demo.touchpoint.dev', name: 'Aiko Tanaka', role: 'admin', locale: 'ja', inboxes: ['chat', 'email', 'whatsapp', 'instagram', 'messenger', 'sms', 'store'] },
  { key: 'li', email: 'li.wei@demo.touchpoint.dev', name: 'Li Wei', role: 'agent', locale: 'zh', inboxes: ['chat', 'email', 'whatsapp', 'messenger'] },
  { key: 'sam', email: 'sam@demo.touchpoint.dev', name: 'Sam Carter', role: 'agent', locale: 'en', inboxes: ['chat', 'email', 'instagram', 'sms', 'store'] },
] as const;

export type AgentKey = (typeof DEMO_AGENTS)[number]['key'];

export const DEMO_PURPOSE =
  'We make every customer feel like a regular at a neighbourhood shop: answer within the hour, weekends too, ' +
  'in their language, and surprise them when we can. No scripts: do what you would want done for your own family.';

export const DEMO_INBOXES = [
  { key: 'chat', name: 'Website chat', channel: 'web_chat' },
  { key: 'email', name: 'support@sakura-goods.example', channel: 'email' },
  { key: 'whatsapp', name: 'WhatsApp +81 3-1234-5678', channel: 'whatsapp' },
  { key: 'instagram', name: 'Instagram @sakuragoods', channel: 'instagram' },
  { key: 'messenger', name: 'Facebook Messenger', channel: 'messenger' },
  { key: 'sms', name: 'SMS +1 415 555 0134', channel: 'sms' },
  { key: 'store', name: 'Shibuya store (in person)', channel: 'in_store' },
] as const;

export type InboxKey = (typeof DEMO_INBOXES)[number]['key'];

export const DEMO_CONTACTS = [
  { key: 'emma', name: 'Emma Johnson', email: 'emma.johnson@example.com', phone: '+14155550101', locale: 'en', timeZone: 'America/Los_Angeles' },
  { key: 'haruto', name: '佐藤 陽翔', email: 'haruto.sato@example.jp', phone: '+819012345678', locale: 'ja', timeZone: 'Asia/Tokyo' },
  { key: 'mei', name: '王美玲', email: 'meiling.wang@example.cn', phone: '+8613812345678', locale: 'zh', timeZone: 'Asia/Shanghai' },
  { key: 'oliver', name: 'Oliver Smith', email: 'oliver@example.co.uk', phone: '+447700900123', locale: 'en', timeZone: 'Europe/London' },
  { key: 'yui', name: '鈴木 結衣', email: 'yui.suzuki@example.jp', phone: '+818098765432', locale: 'ja', timeZone: 'Asia/Tokyo' },
  { key: 'chen', name: '陈浩', email: 'chen.hao@example.cn', phone: '+8613998765432', locale: 'zh', timeZone: 'Asia/Shanghai' },
  { key: 'sofia', name: 'Sofia Garcia', email: 'sofia.garcia@example.com', phone: '+13125550188', locale: 'en', timeZone: 'America/Chicago' },
  { key: 'kenji', name: '高橋 健二', email: 'kenji.takahashi@example.jp', phone: null, locale: 'ja', timeZone: 'Asia/Tokyo' },
  { key: 'lin', name: '林小雨', email: 'lin.xiaoyu@example.tw', phone: '+886912345678', locale: 'zh', timeZone: 'Asia/Taipei' },
  { key: 'noah', name: 'Noah Williams', email: 'noah.w@example.com', phone: '+16465550142', locale: 'en', timeZone: 'America/New_York' },
  { key: 'aoi', name: '伊藤 葵', email: 'aoi.ito@example.jp', phone: '+817011112222', locale: 'ja', timeZone: 'Asia/Tokyo' },
  { key: 'zhang', name: '张伟', email: 'zhang.wei@example.cn', phone: null, locale: 'zh', timeZone: 'Asia/Shanghai' },
  { key: 'grace', name: 'Grace Lee', email: 'grace.lee@example.com.au', phone: '+61412345678', locale: 'en', timeZone: 'Australia/Sydney' },
  { key: 'ren', name: '山本 蓮', email: 'ren.yamamoto@example.jp', phone: null, locale: 'ja', timeZone: 'Asia/Tokyo' },
  { key: 'xu', name: '徐静', email: 'xu.jing@example.cn', phone: '+8615012345678', locale: 'zh', timeZone: 'Asia/Shanghai' },
  { key: 'liam', name: 'Liam Brown', email: 'liam.brown@example.ca', phone: '+14165550199', locale: 'en', timeZone: 'America/Toronto' },
] as const;

export type ContactKey = (typeof DEMO_CONTACTS)[number]['key'];

type Line = [direction: 'inbound' | 'outbound' | 'note', body: string, minutesAgo: number, author?: AgentKey];

export interface DemoConversation {
  contact: ContactKey;
  inbox: InboxKey;
  subject: string;
  status: 'open' | 'pending' | 'snoozed' | 'resolved' | 'closed';
  priority?: 'low' | 'normal' | 'high' | 'urgent';
  assignee?: AgentKey;
  lines: Line[];
}

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  { contact: 'emma', inbox: 'chat', subject: 'Where is my teapot?', status: 'open', priority: 'high', lines: [
    ['inbound', 'Hi! I ordered the cast-iron teapot (order SG-1042) a week ago and tracking hasn’t moved since Tuesday. It’s a birthday gift for Saturday 😬', 14],
  ] },
  { contact: 'haruto', inbox: 'email', subject: '返品について', status: 'open', assignee: 'aiko', lines: [
    ['inbound', 'お世話になっております。先日購入した湯呑みのセットですが、一つ欠けていました。返品したいのですが、手続きを教えていただけますか？', 95],
    ['note', '写真を依頼して、交換品を優先発送しましょう。', 80, 'aiko'],
    ['outbound', '佐藤様、ご不便をおかけして申し訳ございません。お手数ですが欠けた箇所の写真をお送りいただけますか？確認後すぐに交換品をお送りします。', 78, 'aiko'],
    ['inbound', '写真を添付しました。よろしくお願いします。', 20],
  ] },
  { contact: 'mei', inbox: 'whatsapp', subject: '我想退货', status: 'open', assignee: 'li', lines: [
    ['inbound', '你好，我上周买的漆器便当盒颜色和图片不一样，我想退货，可以吗？', 42],
    ['outbound', '王女士您好！非常抱歉给您带来不便。可以退货的，我马上为您发送退货标签。请问您希望退款还是换一个颜色？', 35, 'li'],
    ['inbound', '换成黑色的吧，谢谢！', 6],
  ] },
  { contact: 'oliver', inbox: 'instagram', subject: 'Comment on our autumn sale post', status: 'open', lines: [
    ['inbound', 'Does the 20% autumn discount also apply to the furoshiki wraps? Asking for my whole family 🍁', 33],
  ] },
  { contact: 'yui', inbox: 'messenger', subject: 'ギフトラッピング', status: 'pending', assignee: 'aiko', lines: [
    ['inbound', 'プレゼント用にラッピングをお願いできますか？のし紙も付けられますか？', 300],
    ['outbound', '鈴木様、もちろん可能です！のし紙の表書きは「御祝」でよろしいでしょうか？', 290, 'aiko'],
  ] },
  { contact: 'chen', inbox: 'chat', subject: '发货到上海要多久？', status: 'open', lines: [
    ['inbound', '请问从日本发货到上海一般要几天？需要交关税吗？', 8],
  ] },
  { contact: 'sofia', inbox: 'sms', subject: 'Order arrived damaged', status: 'open', priority: 'urgent', assignee: 'sam', lines: [
    ['inbound', 'Hi, my ceramic bowl set arrived in pieces. Order SG-1057. Pretty disappointed.', 55],
    ['note', 'Refund approved; sending a replacement and a handwritten card. She has ordered 6 times. @Aiko can we add the matcha sample?', 50, 'sam'],
    ['outbound', 'Sofia, I’m so sorry! A replacement set ships today at no cost, and I’ve refunded your shipping. Photos aren’t needed.', 48, 'sam'],
  ] },
  { contact: 'kenji', inbox: 'store', subject: '店頭：包丁の研ぎ直し', status: 'resolved', assignee: 'sam', lines: [
    ['note', '高橋様が来店。昨年購入した三徳包丁の研ぎ直しを受付。次回来店時に受け取り。', 1500, 'sam'],
  ] },
  { contact: 'lin', inbox: 'email', subject: '發票抬頭更改', status: 'resolved', assignee: 'li', lines: [
    ['inbound', '您好，我需要把订单 SG-1031 的发票抬头改成公司名称，可以吗？', 2900],
    ['outbound', '林小姐您好，已为您更改发票抬头，新的发票已发送到您的邮箱。', 2850, 'li'],
    ['inbound', '收到了，谢谢你们！服务很好 👍', 2800],
  ] },
  { contact: 'noah', inbox: 'chat', subject: 'Can I change my shipping address?', status: 'open', assignee: 'sam', lines: [
    ['inbound', 'I just placed order SG-1061 but I moved last week. Can you ship to my new address in Brooklyn?', 22],
    ['outbound', 'Hi Noah! Yes — it hasn’t been packed yet. What’s the new address?', 18, 'sam'],
    ['inbound', '221 Bedford Ave, Apt 4, Brooklyn NY 11211. Thanks!', 3],
  ] },
  { contact: 'aoi', inbox: 'instagram', subject: 'ストーリーへの返信', status: 'open', lines: [
    ['inbound', '新作の桜の箸置き、すごく可愛いです！再入荷はいつですか？', 70],
  ] },
  { contact: 'zhang', inbox: 'messenger', subject: '批量采购', status: 'pending', assignee: 'li', lines: [
    ['inbound', '我们公司想采购 200 套茶具作为年终礼品，有团购价格吗？', 600],
    ['outbound', '张先生您好，感谢您的关注！200 套可以享受 15% 的企业折扣，我整理一份报价单发给您。', 560, 'li'],
  ] },
  { contact: 'grace', inbox: 'email', subject: 'Thank you!', status: 'closed', assignee: 'sam', lines: [
    ['inbound', 'Just wanted to say the handwritten note in my parcel made my week. Will be back for Christmas gifts!', 4300],
    ['outbound', 'Grace, that made ours! See you at Christmas 🎄', 4200, 'sam'],
  ] },
  { contact: 'ren', inbox: 'chat', subject: 'サイズの確認', status: 'snoozed', assignee: 'aiko', lines: [
    ['inbound', '土鍋の「中」サイズは何人用ですか？', 1300],
    ['outbound', '山本様、「中」は2〜3人用です。直径24cmです。', 1290, 'aiko'],
  ] },
  { contact: 'xu', inbox: 'whatsapp', subject: '优惠券无法使用', status: 'open', priority: 'high', lines: [
    ['inbound', '我的优惠码 SAKURA10 在结账时显示无效，是过期了吗？', 27],
  ] },
  { contact: 'liam', inbox: 'sms', subject: 'Restock alert', status: 'resolved', assignee: 'sam', lines: [
    ['inbound', 'Is the indigo noren curtain back in stock?', 3000],
    ['outbound', 'It is! I’ve put one aside for you for 48 hours, Liam.', 2990, 'sam'],
  ] },
  { contact: 'emma', inbox: 'email', subject: 'Gift receipt', status: 'resolved', assignee: 'sam', lines: [
    ['inbound', 'Could you send a gift receipt for my last order?', 10_000],
    ['outbound', 'Done — it’s in your inbox. Happy gifting!', 9_950, 'sam'],
  ] },
  { contact: 'haruto', inbox: 'chat', subject: '配送日時の指定', status: 'open', lines: [
    ['inbound', '配送日を来週の土曜日午前中に指定できますか？', 4],
  ] },
];

export interface DemoOrder {
  number: string;
  contact: ContactKey;
  currency: 'USD' | 'JPY' | 'CNY' | 'GBP' | 'AUD' | 'CAD';
  status: 'paid' | 'fulfilled' | 'delivered' | 'refunded' | 'cancelled';
  daysAgo: number;
  lines: [title: string, quantity: number, unitPriceMinor: number, product: { sku: string; variant?: string; tags?: string[] }][];
}

export const DEMO_ORDERS: DemoOrder[] = [
  { number: 'SG-1042', contact: 'emma', currency: 'USD', status: 'fulfilled', daysAgo: 7, lines: [['Cast-iron teapot, 0.8 L', 1, 8900, { sku: 'TEA-IRON-08', variant: 'Black', tags: ['teaware'] }], ['Sencha sampler', 1, 1800, { sku: 'TEA-SEN-SMP', tags: ['food', 'final-sale'] }]] },
  { number: 'SG-1018', contact: 'emma', currency: 'USD', status: 'delivered', daysAgo: 70, lines: [['Furoshiki wrap, waves', 2, 2400, { sku: 'TX-FURO-WV', variant: '70 cm' }]] },
  { number: 'SG-1039', contact: 'haruto', currency: 'JPY', status: 'delivered', daysAgo: 9, lines: [['有田焼 湯呑み 5客セット', 1, 12800, { sku: 'CER-ARITA-5', variant: '藍', tags: ['ceramics'] }]] },
  { number: 'SG-1044', contact: 'mei', currency: 'CNY', status: 'delivered', daysAgo: 6, lines: [['漆器便当盒（朱色）', 1, 42000, { sku: 'LAC-BENTO-RD', variant: '朱色' }]] },
  { number: 'SG-1050', contact: 'oliver', currency: 'GBP', status: 'delivered', daysAgo: 20, lines: [['Hinoki bath stool', 1, 6400, { sku: 'WD-HINO-STL' }]] },
  { number: 'SG-1051', contact: 'yui', currency: 'JPY', status: 'paid', daysAgo: 1, lines: [['桜の箸置き 5個セット', 2, 2200, { sku: 'CER-SAKURA-HO', tags: ['ceramics'] }], ['ギフトラッピング', 1, 330, { sku: 'SVC-GIFT', tags: ['final-sale'] }]] },
  { number: 'SG-1052', contact: 'chen', currency: 'CNY', status: 'paid', daysAgo: 0, lines: [['铸铁茶壶', 1, 58000, { sku: 'TEA-IRON-12', variant: '1.2 L' }]] },
  { number: 'SG-1057', contact: 'sofia', currency: 'USD', status: 'refunded', daysAgo: 4, lines: [['Ceramic rice bowls, set of 4', 1, 5600, { sku: 'CER-RICE-4' }]] },
  { number: 'SG-1020', contact: 'sofia', currency: 'USD', status: 'delivered', daysAgo: 45, lines: [['Matcha whisk and bowl', 1, 4200, { sku: 'TEA-MATCHA-SET' }]] },
  { number: 'SG-1008', contact: 'sofia', currency: 'USD', status: 'delivered', daysAgo: 120, lines: [['Indigo noren curtain', 1, 7800, { sku: 'TX-NOREN-IND', variant: '85 × 150 cm' }]] },
  { number: 'SG-1001', contact: 'kenji', currency: 'JPY', status: 'delivered', daysAgo: 330, lines: [['三徳包丁 170mm', 1, 18700, { sku: 'KN-SANTOKU-170' }]] },
  { number: 'SG-1031', contact: 'lin', currency: 'CNY', status: 'delivered', daysAgo: 25, lines: [['茶具套装（六件）', 1, 88000, { sku: 'TEA-SET-6' }]] },
  { number: 'SG-1061', contact: 'noah', currency: 'USD', status: 'paid', daysAgo: 0, lines: [['Donabe clay pot, medium', 1, 9800, { sku: 'CER-DONABE-M' }]] },
  { number: 'SG-1048', contact: 'aoi', currency: 'JPY', status: 'delivered', daysAgo: 12, lines: [['手ぬぐい 3枚セット', 1, 3300, { sku: 'TX-TENUGUI-3', variant: '季節の柄' }]] },
  { number: 'SG-1036', contact: 'grace', currency: 'AUD', status: 'delivered', daysAgo: 33, lines: [['Kokeshi doll, small', 2, 3900, { sku: 'WD-KOKESHI-S' }]] },
  { number: 'SG-1055', contact: 'ren', currency: 'JPY', status: 'paid', daysAgo: 2, lines: [['土鍋 中', 1, 8800, { sku: 'CER-DONABE-M' }]] },
  { number: 'SG-1058', contact: 'xu', currency: 'CNY', status: 'paid', daysAgo: 0, lines: [['樱花筷架', 3, 9000, { sku: 'CER-SAKURA-HO' }]] },
  { number: 'SG-1040', contact: 'liam', currency: 'CAD', status: 'delivered', daysAgo: 15, lines: [['Indigo noren curtain', 1, 10500, { sku: 'TX-NOREN-IND', variant: '85 × 150 cm' }]] },
];

/** Carriers by currency for the demo's shipments; tracking links point at the shop's (fictional) tracking page. */
export const DEMO_CARRIERS: Record<DemoOrder['currency'], string> = { USD: 'UPS', JPY: 'Yamato Transport', CNY: 'SF Express', GBP: 'Royal Mail', AUD: 'Australia Post', CAD: 'Canada Post' };

export const OUTLET_ACCOUNT = {
  name: 'Sakura Goods Outlet',
  purpose: 'Second-chance homeware, first-class care: every outlet customer leaves knowing exactly what they bought and why it is a good deal.',
};
