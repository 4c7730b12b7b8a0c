import type { Database } from '@touchpoint/db';
import { createPrompt } from '@touchpoint/prompts';

/**
 * The demo's in-app prompts: a welcome banner on a customer's first portal sign-in, a thank-you modal after their
 * first order, and a banner when a payment fails. All live, so `npm start` shows them as soon as the events arrive.
 */
export async function loadDemoPrompts(db: Database, accountId: string) {
  const welcome = await createPrompt(db, accountId, {
    name: 'Welcome to your account',
    kind: 'banner',
    placement: 'top',
    status: 'live',
    triggerEvent: 'portal.signed_in',
    triggerFirstOnly: true,
    surfaces: 'portal',
    frequency: 'once',
    priority: 1,
    content: {
      en: { title: 'Welcome to Sakura Goods!', body: 'Track orders, start a return or write to us, all from here.', ctaLabel: 'See my orders' },
      ja: { title: 'Sakura Goods へようこそ！', body: 'ご注文の確認、返品の手続き、お問い合わせがここからできます。', ctaLabel: '注文を見る' },
      zh: { title: '欢迎来到 Sakura Goods！', body: '在这里查看订单、申请退货或联系我们。', ctaLabel: '查看我的订单' },
    },
    action: { kind: 'url', url: '/portal/sakura/orders' },
  });
  const firstOrder = await createPrompt(db, accountId, {
    name: 'Thanks for your first order',
    kind: 'modal',
    status: 'live',
    triggerEvent: 'order.placed',
    triggerFirstOnly: true,
    surfaces: 'both',
    frequency: 'once',
    priority: 5,
    content: {
      en: { title: 'Thank you for your first order!', body: 'We are packing it with care. Questions about sizes or delivery? We are one message away.', ctaLabel: 'Chat with us' },
      ja: { title: '初めてのご注文ありがとうございます！', body: '心を込めて梱包しています。サイズや配送についてのご質問は、お気軽にメッセージください。', ctaLabel: 'チャットで相談' },
      zh: { title: '感谢您的首次下单！', body: '我们正在用心为您打包。关于尺码或配送有任何问题，随时给我们留言。', ctaLabel: '联系我们' },
    },
    action: { kind: 'open_chat' },
  });
  const failedPayment = await createPrompt(db, accountId, {
    name: 'Payment failed',
    kind: 'banner',
    placement: 'top',
    status: 'live',
    triggerEvent: 'payment.failed',
    surfaces: 'both',
    frequency: 'every_n_days',
    frequencyDays: 1,
    priority: 10,
    pendingMinutes: 4320,
    content: {
      en: { title: 'Your payment did not go through', body: 'Update your card within 3 days to keep your order.', ctaLabel: 'Update payment' },
      ja: { title: 'お支払いが完了していません', body: 'ご注文を保つため、3日以内にカード情報を更新してください。', ctaLabel: '支払い方法を更新' },
      zh: { title: '您的付款未成功', body: '请在 3 天内更新银行卡信息，以保留您的订单。', ctaLabel: '更新付款方式' },
    },
    action: { kind: 'url', url: 'https://sakura-goods.example/account/payment' },
  });
  return { welcomePromptId: welcome.id, firstOrderPromptId: firstOrder.id, failedPaymentPromptId: failedPayment.id };
}
