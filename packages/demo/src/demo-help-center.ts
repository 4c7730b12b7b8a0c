import type { AccountScope } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { createHelpArticle, createHelpCategory, type HelpTranslationInput, recordHelpfulVote, recordHelpSearch, updateHelpArticle } from '@touchpoint/help-center';

type Localized = { en: string; ja: string; zh: string };
type Article = { key: string; category: string; related?: string[]; en: HelpTranslationInput; ja: HelpTranslationInput; zh: HelpTranslationInput };

/** Sakura Goods' help center: what a small Japanese goods shop's customers ask most, in English, Japanese and Chinese. */
export const DEMO_HELP_CATEGORIES: { slug: string; names: Localized; descriptions: Localized }[] = [
  {
    slug: 'shipping-delivery',
    names: { en: 'Shipping & delivery', ja: '配送・お届け', zh: '配送与收货' },
    descriptions: { en: 'Delivery times, costs and tracking your parcel.', ja: 'お届け日数・送料・荷物の追跡について。', zh: '配送时间、运费以及包裹追踪。' },
  },
  {
    slug: 'returns-refunds',
    names: { en: 'Returns & refunds', ja: '返品・返金', zh: '退货与退款' },
    descriptions: { en: 'Sending something back, exchanges and when your money arrives.', ja: '返品・交換の方法と返金の時期について。', zh: '退货、换货以及退款到账时间。' },
  },
  {
    slug: 'payment',
    names: { en: 'Payment & receipts', ja: 'お支払い・領収書', zh: '付款与发票' },
    descriptions: { en: 'Ways to pay, receipts and invoices.', ja: 'お支払い方法と領収書・請求書について。', zh: '付款方式、收据和发票。' },
  },
  {
    slug: 'products-account',
    names: { en: 'Product care & your account', ja: '商品のお手入れ・アカウント', zh: '商品保养与账户' },
    descriptions: { en: 'Looking after what you bought, and managing your account.', ja: 'お買い上げ商品のお手入れとアカウントの管理。', zh: '商品保养方法与账户管理。' },
  },
];

const published = (title: string, description: string, body: string, slug?: string): HelpTranslationInput => ({ title, description, body, status: 'published', ...(slug ? { slug } : {}) });

export const DEMO_HELP_ARTICLES: Article[] = [
  {
    key: 'shipping-times',
    category: 'shipping-delivery',
    related: ['international', 'tracking'],
    en: published('Delivery times and shipping costs', 'How long delivery takes in Japan and what it costs.', `Orders placed before **2 pm (Japan time)** on a working day leave our Kyoto workshop the same day.

| Where | Delivery | Cost |
|---|---|---|
| Within Japan | 1–3 days | ¥600, free from ¥8,000 |
| Okinawa and remote islands | 3–5 days | ¥1,200 |

We pack ceramics and glass by hand in recycled paper, so a few fragile orders may leave a day later. You get an email with a tracking link as soon as your parcel is on its way.

Choosing a delivery time slot? Add it at checkout; the carrier will try to deliver within that window.`, 'delivery-times-and-costs'),
    ja: published('お届け日数と送料', '国内配送の日数と送料のご案内です。', `営業日の**14時（日本時間）まで**のご注文は、当日に京都の工房から発送します。

| お届け先 | お届け日数 | 送料 |
|---|---|---|
| 日本国内 | 1〜3日 | 600円（8,000円以上で無料） |
| 沖縄・離島 | 3〜5日 | 1,200円 |

陶器やガラス製品は再生紙で一つずつ手作業で梱包するため、割れ物のご注文は発送が1日遅れる場合があります。発送後、追跡リンク付きのメールをお送りします。

配達時間帯のご指定は、ご注文手続きの際に選択してください。`),
    zh: published('配送时间与运费', '日本国内配送所需时间和运费说明。', `工作日**日本时间下午2点前**下单，当天从京都工坊发货。

| 配送地区 | 所需时间 | 运费 |
|---|---|---|
| 日本国内 | 1–3天 | 600日元，满8,000日元免运费 |
| 冲绳及离岛 | 3–5天 | 1,200日元 |

陶瓷和玻璃制品由我们用再生纸逐件手工包装，易碎品订单可能会晚一天发货。包裹发出后，您会收到附有物流追踪链接的邮件。

如需指定配送时段，请在结账时选择。`),
  },
  {
    key: 'international',
    category: 'shipping-delivery',
    en: published('Shipping outside Japan', 'Countries we ship to, costs and customs duties.', `We ship to most of Asia, North America, Europe and Oceania with Japan Post EMS.

- **Asia**: 3–6 days, from ¥2,400
- **North America, Europe, Oceania**: 5–10 days, from ¥3,800

Prices include careful packing and insurance. **Customs duties and import taxes** are charged by your country when the parcel arrives and are paid by the recipient; we cannot mark orders as gifts or lower their declared value.

Knives cannot be shipped to the United Kingdom, Australia or Singapore because of local rules.`, 'international-shipping'),
    ja: published('海外への発送', '発送可能な国・送料・関税について。', `アジア・北米・ヨーロッパ・オセアニアの多くの国へ、日本郵便のEMSでお届けします。

- **アジア**：3〜6日、2,400円から
- **北米・ヨーロッパ・オセアニア**：5〜10日、3,800円から

送料には丁寧な梱包と保険が含まれます。**関税・輸入税**は到着時にお届け先の国で課され、受取人様のご負担となります。ギフト扱いや申告額の変更はお受けできません。

包丁は現地の規制により、イギリス・オーストラリア・シンガポールへは発送できません。`),
    zh: published('海外配送', '可配送的国家和地区、运费及关税。', `我们通过日本邮政EMS配送至亚洲、北美、欧洲和大洋洲的大部分国家和地区。

- **亚洲**：3–6天，2,400日元起
- **北美、欧洲、大洋洲**：5–10天，3,800日元起

运费已包含精心包装和保险。**关税和进口税**由目的地国家在包裹到达时征收，由收件人支付；我们无法将订单标记为礼物或降低申报价值。

由于当地法规，刀具无法寄往英国、澳大利亚和新加坡。`),
  },
  {
    key: 'tracking',
    category: 'shipping-delivery',
    related: ['shipping-times'],
    en: published('Track your order', 'Where to find your tracking link and what each status means.', `When your order leaves our workshop we email you a **tracking link**. You can also find it in your order confirmation page.

1. Open the shipping email titled “Your Sakura Goods order is on its way”.
2. Click the tracking number; the carrier's page opens.
3. Tracking can take up to 24 hours to show the first scan.

If the tracking has not moved for 5 days, or says “delivered” but you have nothing, chat with us with your order number (for example **SG-1042**) and we will ask the carrier for you.`, 'track-your-order'),
    ja: published('ご注文の追跡', '追跡リンクの確認方法と配送状況の見方。', `ご注文の商品が工房を出発すると、**追跡リンク**をメールでお送りします。ご注文確認ページからも確認できます。

1. 「Sakura Goodsのご注文を発送しました」という件名のメールを開きます。
2. 追跡番号をクリックすると、配送業者のページが開きます。
3. 最初の記録が表示されるまで最大24時間かかることがあります。

追跡状況が5日間更新されない場合や、「配達完了」なのにお手元に届いていない場合は、注文番号（例：**SG-1042**）を添えてチャットでご連絡ください。配送業者に確認いたします。`),
    zh: published('追踪订单', '在哪里找到物流追踪链接以及各状态的含义。', `订单从工坊发出后，我们会通过邮件向您发送**物流追踪链接**，您也可以在订单确认页面找到它。

1. 打开标题为“您的Sakura Goods订单已发货”的邮件。
2. 点击追踪单号，将打开承运商的页面。
3. 首次扫描记录最多可能需要24小时才会显示。

如果物流信息5天没有更新，或显示“已签收”但您没有收到，请附上订单号（例如**SG-1042**）通过在线客服联系我们，我们会替您向承运商查询。`),
  },
  {
    key: 'return',
    category: 'returns-refunds',
    related: ['refund', 'exchange'],
    en: published('How to return an item', 'Return unused items within 30 days of delivery.', `You can return unused items in their original packaging **within 30 days** of delivery.

1. Sign in to the customer portal and open **My orders**.
2. Choose the order, tick the items to send back and tell us why.
3. Print the return slip and put it in the parcel.
4. Drop the parcel at any post office or convenience store.

Return shipping is free when an item arrived damaged or was not what you ordered; otherwise it is ¥800 within Japan.

**Not returnable**: food and tea once opened, personalised or engraved items, and sharpened knives.`, 'return-an-item'),
    ja: published('返品の方法', '商品到着後30日以内の未使用品は返品できます。', `商品到着後**30日以内**で、未使用かつ元の梱包のままの商品は返品できます。

1. カスタマーポータルにログインし、**ご注文履歴**を開きます。
2. ご注文を選び、返品する商品と理由を選択します。
3. 返品伝票を印刷し、荷物に同封してください。
4. 郵便局またはコンビニエンスストアから発送してください。

破損品や誤配送の場合、返送料は無料です。それ以外の場合、国内からの返送料は800円です。

**返品できないもの**：開封済みの食品・お茶、名入れ・刻印商品、研ぎ直し済みの包丁。`),
    zh: published('如何退货', '收货后30天内未使用的商品可以退货。', `收货后**30天内**，未使用且保留原包装的商品可以退货。

1. 登录客户门户，打开**我的订单**。
2. 选择订单，勾选要退回的商品并说明原因。
3. 打印退货单并放入包裹中。
4. 在任意邮局或便利店寄出包裹。

如果商品到货时已损坏或与订购商品不符，退货运费免费；其他情况下，日本国内退货运费为800日元。

**不可退货**：已开封的食品和茶叶、定制或刻字商品、已磨过的刀具。`),
  },
  {
    key: 'refund',
    category: 'returns-refunds',
    related: ['return'],
    en: published('When will I get my refund?', 'Refunds are made to your original payment method within 10 days.', `We check every return within **2 working days** of receiving it. Once approved, we refund the original payment method:

- **Credit or debit card**: 5–10 days, depending on your bank
- **PayPay and Rakuten Pay**: usually within 3 days
- **Convenience store payment**: by bank transfer; we email you to ask for your account

You get an email when the refund is made. Shipping costs are refunded only when the item was faulty or wrong.`, 'refund-timing'),
    ja: published('返金はいつ受け取れますか？', '返金は10日以内に元のお支払い方法で行います。', `返品商品の到着後**2営業日以内**に確認します。承認後、元のお支払い方法に返金します。

- **クレジットカード・デビットカード**：5〜10日（カード会社により異なります）
- **PayPay・楽天ペイ**：通常3日以内
- **コンビニ払い**：銀行振込でご返金します。口座情報をメールでお伺いします。

返金が完了するとメールでお知らせします。送料の返金は、不良品・誤配送の場合のみとなります。`),
    zh: published('退款什么时候到账？', '退款将在10天内退回原支付方式。', `我们会在收到退货后**2个工作日内**完成检查。审核通过后，退款将退回原支付方式：

- **信用卡或借记卡**：5–10天，视发卡银行而定
- **PayPay和乐天支付**：通常3天内
- **便利店付款**：通过银行转账退款，我们会发邮件询问您的账户信息

退款完成后您会收到邮件通知。仅在商品有瑕疵或发错货时退还运费。`),
  },
  {
    key: 'exchange',
    category: 'returns-refunds',
    related: ['return'],
    en: published('Exchange an item for another size or colour', 'Swap an item instead of returning it.', `Prefer a different size or glaze? Start a return as usual and choose **Exchange** instead of **Refund**, then pick the item you would like.

We reserve the new item as soon as you send the request and ship it the day your return reaches us. If the new item costs more, we send you a payment link for the difference; if it costs less, we refund the difference.

Handmade pieces vary: each bowl is a little different from the photo, and that is not a fault.`, 'exchange-an-item'),
    ja: published('サイズ・色の交換', '返品ではなく、別の商品と交換する方法。', `サイズや釉薬の色を変えたい場合は、通常どおり返品手続きを始め、**返金**ではなく**交換**を選んで、ご希望の商品をお選びください。

お申し込みの時点で交換品を確保し、返品商品が届いた日に発送します。交換品の方が高い場合は差額のお支払いリンクをお送りし、安い場合は差額を返金します。

手作りの器は一つひとつ表情が異なり、写真と多少違うことがありますが、不良ではありません。`),
    zh: published('换货（尺寸或颜色）', '不退货，直接换成其他商品。', `想换成其他尺寸或釉色？请照常发起退货，选择**换货**而不是**退款**，然后选择您想要的商品。

提交申请后我们会立即为您保留新商品，并在收到退货当天发出。如果新商品价格更高，我们会发送补差价的付款链接；如果更便宜，则退还差额。

手工器物各有不同，每只碗都会与照片略有差异，这不属于质量问题。`),
  },
  {
    key: 'payment-methods',
    category: 'payment',
    related: ['receipts'],
    en: published('Ways to pay', 'Cards, PayPay, Rakuten Pay and convenience store payment.', `We accept:

- **Visa, Mastercard, JCB, American Express** — charged when your order ships
- **PayPay** and **Rakuten Pay**
- **Convenience store payment** (7-Eleven, Lawson, FamilyMart) — pay within 3 days; we ship once payment is confirmed

All prices include Japanese consumption tax. Orders shipped abroad are charged in yen; your card company converts the amount.

Your card details are handled by our payment provider and never stored by Sakura Goods.`, 'ways-to-pay'),
    ja: published('お支払い方法', 'クレジットカード・PayPay・楽天ペイ・コンビニ払い。', `ご利用いただけるお支払い方法：

- **Visa・Mastercard・JCB・American Express**（発送時に決済）
- **PayPay**・**楽天ペイ**
- **コンビニ払い**（セブン-イレブン・ローソン・ファミリーマート）：3日以内にお支払いください。入金確認後に発送します。

表示価格はすべて消費税込みです。海外発送のご注文は円建てで決済され、カード会社が換算します。

カード情報は決済代行会社が管理し、Sakura Goodsが保存することはありません。`),
    zh: published('付款方式', '信用卡、PayPay、乐天支付和便利店付款。', `我们接受以下付款方式：

- **Visa、Mastercard、JCB、American Express**——订单发货时扣款
- **PayPay**和**乐天支付**
- **便利店付款**（7-Eleven、罗森、全家）——请在3天内付款，确认到账后发货

所有价格均含日本消费税。寄往海外的订单以日元结算，由您的发卡机构换算。

您的银行卡信息由支付服务商处理，Sakura Goods不会保存。`),
  },
  {
    key: 'receipts',
    category: 'payment',
    related: ['payment-methods'],
    en: published('Receipts and invoices', 'Download a receipt or change the name on an invoice.', `A receipt (領収書) for every order is in the customer portal under **My orders → Receipt**, as a PDF you can print.

Need a company name or a different addressee on it? Ask us in chat **before the order ships** and we will issue the invoice with that name. For orders already shipped we can reissue it once.

Business customers can ask for a qualified invoice (適格請求書) with our registration number.`, 'receipts-and-invoices'),
    ja: published('領収書・請求書', '領収書のダウンロードと宛名の変更。', `すべてのご注文の領収書は、カスタマーポータルの**ご注文履歴 → 領収書**からPDFで印刷できます。

会社名など宛名の変更が必要な場合は、**発送前に**チャットでお知らせください。その宛名で発行します。発送済みのご注文は1回に限り再発行できます。

法人のお客様には、登録番号を記載した適格請求書も発行できます。`),
    zh: published('收据与发票', '下载收据或修改发票抬头。', `每笔订单的收据都可以在客户门户的**我的订单 → 收据**中以PDF格式下载打印。

需要填写公司名称或修改发票抬头？请在**订单发货前**通过在线客服告诉我们，我们会按该抬头开具。已发货的订单可重新开具一次。

企业客户可申请附有登记号码的合格请求书（適格請求書）。`),
  },
  {
    key: 'ceramics',
    category: 'products-account',
    related: ['knives'],
    en: published('Caring for ceramics and lacquerware', 'Keep your bowls and lacquer trays looking their best.', `**Ceramics**

- Before first use, soak unglazed pottery in water for 30 minutes: it keeps stains out.
- Most glazed pieces are dishwasher safe; pieces with gold or silver lines are not.
- Do not use them in the microwave or oven unless the product page says so.

**Lacquerware (urushi)**

- Wash by hand with lukewarm water and a soft sponge, then dry at once with a cloth.
- Keep away from direct sunlight and never put it in the dishwasher.

Small crazing in the glaze of handmade pottery is part of its character.`, 'caring-for-ceramics'),
    ja: published('陶器・漆器のお手入れ', '器や漆のお盆を長く美しく使うために。', `**陶器**

- 素焼きの器は、初めて使う前に30分ほど水に浸してください。シミを防ぎます。
- 釉薬のかかった器の多くは食洗機に対応しています。金彩・銀彩のものは不可です。
- 商品ページに記載がない限り、電子レンジやオーブンでは使用しないでください。

**漆器**

- ぬるま湯と柔らかいスポンジで手洗いし、すぐに布で拭いてください。
- 直射日光を避け、食洗機は使用しないでください。

手作りの器の釉薬に見られる細かな貫入は、風合いの一部です。`),
    zh: published('陶瓷与漆器的保养', '让您的碗盘和漆器托盘保持美观。', `**陶瓷**

- 无釉陶器首次使用前请在水中浸泡30分钟，可防止染色。
- 大多数施釉器物可用洗碗机清洗；带金线或银线的器物不可以。
- 除非商品页面另有说明，请勿放入微波炉或烤箱。

**漆器**

- 请用温水和软海绵手洗，洗后立即用布擦干。
- 避免阳光直射，切勿放入洗碗机。

手工陶器釉面上的细小开片是其独特韵味的一部分。`),
  },
  {
    key: 'knives',
    category: 'products-account',
    related: ['ceramics'],
    en: published('Looking after your Japanese knife', 'Washing, storing and sharpening a carbon or stainless knife.', `- Wash by hand right after use and dry completely; carbon steel rusts if left wet.
- Cut on wood or soft plastic boards, never on glass or stone.
- Store it in a knife block, on a magnetic strip or in its sleeve.

**Sharpening**: hone on a whetstone (#1000, then #3000) every few weeks. Our Kyoto shop sharpens knives bought from us for ¥1,100 — book it in chat, bring it in or send it by post.

A grey patina on carbon steel is normal and protects the blade.`, 'knife-care'),
    ja: published('和包丁のお手入れ', '炭素鋼・ステンレス包丁の洗い方、保管、研ぎ方。', `- 使用後はすぐに手洗いし、水気を完全に拭き取ってください。炭素鋼は濡れたままにすると錆びます。
- 木製や柔らかい樹脂のまな板を使い、ガラスや石の上では切らないでください。
- 包丁立て、マグネットラック、または付属のケースに保管してください。

**研ぎ**：数週間ごとに砥石（#1000、次に#3000）で研いでください。当店でお買い上げの包丁は、京都の店舗で1,100円で研ぎ直しを承ります。チャットでご予約のうえ、ご来店または郵送でお送りください。

炭素鋼に出る灰色の黒錆（パティナ）は正常で、刃を守る役割があります。`),
    zh: published('日式刀具的保养', '碳钢刀和不锈钢刀的清洗、存放与磨刀。', `- 使用后立即手洗并彻底擦干；碳钢刀具沾水放置会生锈。
- 请在木质或软塑料砧板上切，切勿在玻璃或石板上使用。
- 存放在刀座、磁性刀架或附带的刀套中。

**磨刀**：每隔几周用磨刀石（先#1000，再#3000）打磨一次。在本店购买的刀具可到京都门店以1,100日元重新开刃——请通过在线客服预约，到店或邮寄均可。

碳钢刀身上出现的灰色氧化膜属于正常现象，能保护刀刃。`),
  },
  {
    key: 'account',
    category: 'products-account',
    en: published('Signing in and managing your account', 'Sign in without a password, change your details or delete your account.', `We do not use passwords: enter your email in the customer portal and we send you a **sign-in link**, valid for 15 minutes and for one use.

In **My profile** you can change your name, address, preferred language (English, 日本語, 中文) and which messages you want to get by email, SMS or LINE.

To delete your account and personal data, chat with us; we confirm by email and finish within 30 days. Order records we must keep for tax purposes are kept for 7 years.`, 'your-account'),
    ja: published('ログインとアカウント管理', 'パスワード不要のログイン、登録情報の変更、退会について。', `パスワードは使いません。カスタマーポータルでメールアドレスを入力すると、**ログイン用リンク**をお送りします。リンクの有効期限は15分で、1回のみ使用できます。

**プロフィール**では、お名前・ご住所・表示言語（English・日本語・中文）や、メール・SMS・LINEで受け取るお知らせを変更できます。

退会と個人情報の削除をご希望の場合は、チャットでご連絡ください。メールで確認のうえ、30日以内に完了します。税務上保存が必要な注文記録は7年間保管します。`),
    zh: published('登录与账户管理', '免密码登录、修改资料或注销账户。', `我们不使用密码：在客户门户输入您的邮箱，我们会发送一个**登录链接**，有效期15分钟，仅可使用一次。

在**我的资料**中，您可以修改姓名、地址、首选语言（English、日本語、中文），以及选择通过邮件、短信或LINE接收哪些消息。

如需注销账户并删除个人数据，请通过在线客服联系我们；我们会通过邮件确认，并在30天内完成。出于税务需要必须保留的订单记录将保存7年。`),
  },
];

/** Loads the categories and published articles, written by `authorScope`'s user; related picks are set once all exist. */
export async function loadDemoHelpCenter(db: Database, authorScope: AccountScope): Promise<void> {
  const categories = new Map<string, string>();
  for (const [position, category] of DEMO_HELP_CATEGORIES.entries()) {
    const row = await createHelpCategory(db, authorScope, { ...category, position });
    categories.set(category.slug, row.id);
  }
  const articles = new Map<string, string>();
  for (const [position, article] of DEMO_HELP_ARTICLES.entries()) {
    const row = await createHelpArticle(db, authorScope, { categoryId: categories.get(article.category)!, position, translations: { en: article.en, ja: article.ja, zh: article.zh } });
    articles.set(article.key, row.id);
  }
  for (const article of DEMO_HELP_ARTICLES) {
    if (article.related) await updateHelpArticle(db, authorScope, articles.get(article.key)!, { relatedArticleIds: article.related.map((key) => articles.get(key)!) });
  }
  // A little feedback for the reports: votes from a few visitors, and searches that found nothing.
  for (const [key, locale, yes, no] of DEMO_VOTES) {
    for (let i = 0; i < yes + no; i++) await recordHelpfulVote(db, authorScope, { articleId: articles.get(key)!, locale, visitorId: `demo-${key}-${locale}-${i}`, helpful: i < yes });
  }
  for (const [query, locale, times] of DEMO_MISSED_SEARCHES) {
    for (let i = 0; i < times; i++) await recordHelpSearch(db, authorScope, { query, locale, resultCount: 0 });
  }
}

const DEMO_VOTES: [key: string, locale: 'en' | 'ja' | 'zh', helpful: number, notHelpful: number][] = [
  ['return', 'ja', 9, 2],
  ['return', 'en', 5, 1],
  ['tracking', 'en', 6, 3],
  ['refund', 'zh', 4, 4],
  ['international', 'en', 2, 5],
  ['knives', 'ja', 7, 0],
];

const DEMO_MISSED_SEARCHES: [query: string, locale: 'en' | 'ja' | 'zh', times: number][] = [
  ['gift wrapping', 'en', 4],
  ['ギフト包装', 'ja', 3],
  ['engraving', 'en', 2],
  ['优惠券', 'zh', 2],
];
