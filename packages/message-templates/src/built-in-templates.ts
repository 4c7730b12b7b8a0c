import type { TemplateVariant, TemplateVariants } from '@touchpoint/db';

/**
 * Built-in templates every account can send as they are or personalize (copy into the account and edit). Written
 * once per language (not machine-translated), as email: a subject, paragraphs and an optional button, from which the
 * HTML and text bodies are made. Ids are `builtin.<key>`.
 */
export interface BuiltInTemplate {
  key: string;
  id: string;
  name: string;
  description: string;
  channel: 'email';
  variants: TemplateVariants;
}

interface Letter {
  subject: string;
  paragraphs: string[];
  button?: { label: string; url: string };
}

const HI = { en: 'Hi {{ customer.first_name | default: "there" }},', ja: '{{ customer.name | default: "お客様" }} 様', zh: '{{ customer.name | default: "您好" }}，' };
const SIGN = { en: '— The {{ account.name }} team', ja: '{{ account.name }} サポートチーム', zh: '—— {{ account.name }} 团队' };

function writeLetter(language: 'en' | 'ja' | 'zh', letter: Letter): TemplateVariant {
  const paragraphs = [HI[language], ...letter.paragraphs, SIGN[language]];
  const button = letter.button
    ? `<p><a href="${letter.button.url}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#1d4ed8;color:#ffffff;text-decoration:none">${letter.button.label}</a></p>\n`
    : '';
  const html = paragraphs.slice(0, -1).map((paragraph) => `<p>${paragraph}</p>\n`).join('') + button + `<p>${paragraphs.at(-1)}</p>\n`;
  const text = [...paragraphs.slice(0, -1), ...(letter.button ? [`${letter.button.label}: ${letter.button.url}`] : []), paragraphs.at(-1)].join('\n\n');
  return { subject: letter.subject, html, text };
}

function defineBuiltIn(key: string, name: string, description: string, letters: Record<'en' | 'ja' | 'zh', Letter>): BuiltInTemplate {
  return {
    key,
    id: `builtin.${key}`,
    name,
    description,
    channel: 'email',
    variants: { en: writeLetter('en', letters.en), ja: writeLetter('ja', letters.ja), zh: writeLetter('zh', letters.zh) },
  };
}

const PORTAL = '{{ account.portal_url }}';

export const BUILT_IN_TEMPLATES: BuiltInTemplate[] = [
  defineBuiltIn('onboarding-welcome', 'Onboarding 1: welcome', 'Sent when a customer signs up: a warm hello and where to find help.', {
    en: {
      subject: 'Welcome to {{ account.name }}, {{ customer.first_name | default: "friend" }}',
      paragraphs: [
        'Thanks for joining us. We are glad you are here.',
        'Your account page is where you can follow your orders, start a return and talk to us whenever you need a hand. Just reply to this email if anything is unclear — a real person reads every message.',
      ],
      button: { label: 'Open your account', url: PORTAL },
    },
    ja: {
      subject: '{{ account.name }} へようこそ',
      paragraphs: [
        'このたびはご登録いただき、誠にありがとうございます。',
        'マイページでは、ご注文状況の確認や返品のお申し込み、お問い合わせがいつでも可能です。ご不明な点がございましたら、このメールにそのままご返信ください。担当者が一通ずつ拝見しております。',
      ],
      button: { label: 'マイページを開く', url: PORTAL },
    },
    zh: {
      subject: '欢迎加入 {{ account.name }}',
      paragraphs: [
        '感谢您的注册，很高兴认识您！',
        '在您的账户页面，可以随时查看订单、申请退货，或者直接联系我们。如有任何疑问，直接回复这封邮件即可——每一封邮件都由真人阅读。',
      ],
      button: { label: '打开我的账户', url: PORTAL },
    },
  }),
  defineBuiltIn('onboarding-tips', 'Onboarding 2: tips (day 2)', 'Two days after sign-up: three things customers find useful early on.', {
    en: {
      subject: 'Three things worth knowing, {{ customer.first_name | default: "there" }}',
      paragraphs: [
        'Now that you have had a day or two with us, here are three things our customers tell us they wish they had known sooner:',
        '1. You can track every order from your account page, with the carrier’s latest update. 2. Returns start online in under a minute, no forms to print. 3. Our help center answers most questions instantly, any time of day.',
      ],
      button: { label: 'See your account', url: PORTAL },
    },
    ja: {
      subject: '知っておくと便利な3つのこと',
      paragraphs: [
        'ご登録から数日が経ちました。多くのお客様から「もっと早く知りたかった」との声をいただいている3つのポイントをご紹介します。',
        '1. マイページから、すべてのご注文の配送状況を確認できます。2. 返品はオンラインで1分ほどでお申し込みいただけます。3. ヘルプセンターでは、よくあるご質問に24時間いつでもお答えしています。',
      ],
      button: { label: 'マイページを見る', url: PORTAL },
    },
    zh: {
      subject: '三个实用小贴士',
      paragraphs: [
        '注册已经一两天了，这里有三件很多顾客希望早点知道的事：',
        '1. 在账户页面可以追踪每一笔订单的最新物流状态。2. 退货可以在线申请，一分钟就能完成，无需打印任何表格。3. 帮助中心全天候为您解答常见问题。',
      ],
      button: { label: '查看我的账户', url: PORTAL },
    },
  }),
  defineBuiltIn('onboarding-checkin', 'Onboarding 3: check-in (day 7)', 'A week after sign-up: asks how it is going and invites a reply.', {
    en: {
      subject: 'How is it going so far?',
      paragraphs: [
        'It has been a week since you joined {{ account.name }}, and we would love to know how it is going.',
        'Is there anything we could make easier? Hit reply and tell us — even one line helps us get better, and we answer every message.',
      ],
    },
    ja: {
      subject: 'ご利用状況はいかがでしょうか',
      paragraphs: [
        '{{ account.name }} にご登録いただいてから1週間が経ちました。その後、いかがお過ごしでしょうか。',
        'ご不便な点やご要望がございましたら、このメールにご返信ください。一言でも大変励みになります。いただいたメッセージにはすべてお返事いたします。',
      ],
    },
    zh: {
      subject: '使用得怎么样？',
      paragraphs: [
        '您加入 {{ account.name }} 已经一周了，想听听您的感受。',
        '有什么地方可以做得更方便吗？直接回复这封邮件告诉我们吧——哪怕只有一句话，也能帮助我们改进。每条留言我们都会回复。',
      ],
    },
  }),
  defineBuiltIn('order-thank-you', 'Thank you for your order', 'After an order: thanks the customer by name, lists what they bought and where to follow it.', {
    en: {
      subject: 'Thank you for your order {{ order.number }}',
      paragraphs: [
        'Thank you for your order — we are getting it ready now.',
        '{% for line in order.lines %}{{ line.quantity }} × {{ line.title }} ({{ line.price }}){% unless forloop.last %}, {% endunless %}{% endfor %}. Total: {{ order.total }}.',
        '{% if order.tracking_url %}You can follow the parcel here: {{ order.tracking_url }}{% else %}We will email you the tracking link as soon as it ships.{% endif %}',
      ],
      button: { label: 'View your order', url: PORTAL },
    },
    ja: {
      subject: 'ご注文ありがとうございます（{{ order.number }}）',
      paragraphs: [
        'このたびはご注文いただき、誠にありがとうございます。ただいま発送の準備を進めております。',
        '{% for line in order.lines %}{{ line.title }} × {{ line.quantity }}（{{ line.price }}）{% unless forloop.last %}、{% endunless %}{% endfor %}　合計：{{ order.total }}',
        '{% if order.tracking_url %}配送状況はこちらからご確認いただけます：{{ order.tracking_url }}{% else %}発送が完了しましたら、追跡番号をメールでお知らせいたします。{% endif %}',
      ],
      button: { label: 'ご注文内容を見る', url: PORTAL },
    },
    zh: {
      subject: '感谢您的订单 {{ order.number }}',
      paragraphs: [
        '感谢您的订购！我们正在为您备货。',
        '{% for line in order.lines %}{{ line.title }} × {{ line.quantity }}（{{ line.price }}）{% unless forloop.last %}，{% endunless %}{% endfor %}。合计：{{ order.total }}。',
        '{% if order.tracking_url %}您可以在这里查看物流：{{ order.tracking_url }}{% else %}包裹发出后，我们会第一时间把物流单号发给您。{% endif %}',
      ],
      button: { label: '查看订单', url: PORTAL },
    },
  }),
  defineBuiltIn('nurture-1', 'Nurture 1: our story', 'First of three nurture emails: who we are and what we care about.', {
    en: {
      subject: 'Why we started {{ account.name }}',
      paragraphs: [
        'We started {{ account.name }} because we wanted buying from a small shop to feel as easy as buying from a big one — without losing the person on the other end.',
        'Over the next couple of weeks we will send two more short notes: how our customers get the most out of what they buy, and a thank-you for sticking with us. No spam, and you can unsubscribe with one click.',
      ],
    },
    ja: {
      subject: '{{ account.name }} が生まれた理由',
      paragraphs: [
        '{{ account.name }} は、「小さなお店でも、大きなお店と同じように気軽にお買い物を楽しんでいただきたい。そして、人と人とのつながりを大切にしたい」という想いから始まりました。',
        'これから数週間のうちに、お買い上げいただいた商品をより活用いただくためのヒントと、感謝のご挨拶をお届けします。配信停止はワンクリックで可能です。',
      ],
    },
    zh: {
      subject: '我们为什么创办 {{ account.name }}',
      paragraphs: [
        '我们创办 {{ account.name }}，是希望在小店购物也能像在大平台一样轻松，同时不失去人与人之间的温度。',
        '接下来的几周里，我们还会发两封简短的邮件：一封分享如何更好地使用您购买的商品，一封表达我们的感谢。绝不打扰，一键即可退订。',
      ],
    },
  }),
  defineBuiltIn('nurture-2', 'Nurture 2: getting the most out of it', 'Second nurture email: practical advice and the help center.', {
    en: {
      subject: 'Getting the most out of your {{ order.lines.first.title | default: "purchase" }}',
      paragraphs: [
        'A few tips from our team and from customers like you: keep your receipt email (it is your warranty), register any product that offers it, and tell us early if something is not right — fixing it is always faster in the first weeks.',
        'Our help center has care guides and answers to the questions we hear most.',
      ],
      button: { label: 'Visit your account', url: PORTAL },
    },
    ja: {
      subject: 'お買い上げ商品をもっと快適にお使いいただくために',
      paragraphs: [
        'スタッフやお客様から寄せられたコツをご紹介します。ご注文確認メールは保証書代わりになりますので大切に保管してください。また、気になる点があれば早めにご連絡ください。早い段階ほどスムーズに対応できます。',
        'ヘルプセンターには、お手入れ方法やよくあるご質問への回答をまとめています。',
      ],
      button: { label: 'マイページへ', url: PORTAL },
    },
    zh: {
      subject: '让您的{{ order.lines.first.title | default: "商品" }}物尽其用',
      paragraphs: [
        '来自我们团队和其他顾客的几个小建议：请保存好订单确认邮件（它就是您的保修凭证）；如果发现任何问题，请尽早告诉我们——越早处理越快解决。',
        '帮助中心里有保养指南和常见问题解答。',
      ],
      button: { label: '前往我的账户', url: PORTAL },
    },
  }),
  defineBuiltIn('nurture-3', 'Nurture 3: thank you', 'Last nurture email: thanks, and an open door.', {
    en: {
      subject: 'Thank you for being with us, {{ customer.first_name | default: "friend" }}',
      paragraphs: [
        'This is the last note in this little series, and it is simply a thank-you. Customers like you are the reason a small team can keep doing this.',
        'If there is ever anything we can do for you, reply to this email or reach us from your account page.',
      ],
      button: { label: 'Your account', url: PORTAL },
    },
    ja: {
      subject: 'いつもありがとうございます',
      paragraphs: [
        'シリーズ最後のご案内は、心からの感謝をお伝えするためのものです。お客様お一人おひとりのおかげで、私たちは今日もお店を続けることができています。',
        '何かお手伝いできることがございましたら、このメールへのご返信、またはマイページからお気軽にご連絡ください。',
      ],
      button: { label: 'マイページ', url: PORTAL },
    },
    zh: {
      subject: '谢谢您一直以来的支持',
      paragraphs: [
        '这是本系列的最后一封邮件，只想对您说一声谢谢。正是因为有您这样的顾客，我们这个小团队才能一直坚持下去。',
        '如果有任何需要帮忙的地方，回复这封邮件或在账户页面联系我们即可。',
      ],
      button: { label: '我的账户', url: PORTAL },
    },
  }),
  defineBuiltIn('win-back', 'Win-back', 'For customers who have not ordered in a while: a friendly note, no pressure.', {
    en: {
      subject: 'We miss you, {{ customer.first_name | default: "friend" }}',
      paragraphs: [
        'It has been a while since we last saw you at {{ account.name }}, and we wanted to say hello.',
        'A lot has changed since then — new products, faster delivery and easier returns. If something did not go right last time, tell us: we read every reply and we would like the chance to make it right.',
      ],
      button: { label: 'See what is new', url: PORTAL },
    },
    ja: {
      subject: 'お久しぶりです。お元気でしょうか',
      paragraphs: [
        'しばらく {{ account.name }} をご利用いただいていないようでしたので、ご挨拶のご連絡をさしあげました。',
        'その後、新商品の追加や配送の迅速化、返品手続きの簡素化など、さまざまな改善を行ってまいりました。前回ご不便をおかけした点がございましたら、ぜひお聞かせください。改善の機会をいただければ幸いです。',
      ],
      button: { label: '最新情報を見る', url: PORTAL },
    },
    zh: {
      subject: '好久不见，我们很想念您',
      paragraphs: [
        '您已经有一段时间没来 {{ account.name }} 了，特地来跟您打声招呼。',
        '这段时间我们上了新品，配送更快了，退货也更方便了。如果上次有哪里让您不满意，请告诉我们——每一条回复我们都会认真阅读，希望有机会弥补。',
      ],
      button: { label: '看看有什么新变化', url: PORTAL },
    },
  }),
];

export const BUILT_IN_PREFIX = 'builtin.';

export function findBuiltInTemplate(id: string): BuiltInTemplate | null {
  return BUILT_IN_TEMPLATES.find((template) => template.id === id) ?? null;
}
