import type { AccountScope } from '@touchpoint/core';
import { setCommunicationConsent } from '@touchpoint/customers';
import type { Database } from '@touchpoint/db';
import { createMailer } from '@touchpoint/mailer';
import { createMessageTemplate, personalizeBuiltInTemplate, updateMessageTemplate } from '@touchpoint/message-templates';
import { createOutreach, saveOutreachSettings } from '@touchpoint/outreach';

/**
 * Demo message templates and messaging limits: the thank-you built-in personalized (and saved twice, so it has a
 * history); the onboarding welcome and tips and the win-back built-ins as they come; an in-app welcome-back and a
 * shipping SMS in three languages; caps, quiet hours and a 5% control group; and one customer who said no to email, whose suppressed thank-you shows on their timeline with its reason.
 */
export async function loadDemoTemplates(db: Database, scope: AccountScope, contacts: Map<string, string>) {
  const adminId = scope.actor.type === 'user' ? scope.actor.id : null;
  const thanks = await personalizeBuiltInTemplate(db, scope.accountId, adminId, 'builtin.order-thank-you');
  const en = thanks.variants.en!;
  await updateMessageTemplate(db, scope.accountId, adminId, thanks.id, {
    name: 'Sakura thank-you',
    variants: { ...thanks.variants, en: { ...en, subject: 'Thank you, {{ customer.first_name | default: "friend" }} — your order {{ order.number }} is on its way soon' } } as never,
  });
  const current = await updateMessageTemplate(db, scope.accountId, adminId, thanks.id, { status: 'active' });
  await createMessageTemplate(db, scope.accountId, adminId, {
    name: 'Welcome back (in-app)',
    channel: 'in_app',
    status: 'active',
    variants: {
      en: { title: 'Welcome back, {{ customer.first_name | default: "friend" }}!', text: 'Your {{ customer.attributes.tier | default: "member" }} perks are waiting: free gift wrapping on every order this week.', ctaLabel: 'See the new arrivals', ctaUrl: '{{ account.portal_url }}' },
      ja: { title: 'おかえりなさい、{{ customer.name | default: "お客様" }}', text: '今週はすべてのご注文で無料ギフトラッピングをご利用いただけます。', ctaLabel: '新着商品を見る', ctaUrl: '{{ account.portal_url }}' },
      zh: { title: '欢迎回来，{{ customer.name | default: "朋友" }}！', text: '本周所有订单均可享受免费礼品包装。', ctaLabel: '看看新品', ctaUrl: '{{ account.portal_url }}' },
    },
  });
  await createMessageTemplate(db, scope.accountId, adminId, {
    name: 'Shipped (SMS)',
    channel: 'sms',
    status: 'draft',
    variants: {
      en: { text: '{{ account.name }}: order {{ order.number }} has shipped. Track it: {{ order.tracking_url }}' },
      ja: { text: '【{{ account.name }}】ご注文 {{ order.number }} を発送しました。配送状況：{{ order.tracking_url }}' },
      zh: { text: '【{{ account.name }}】您的订单 {{ order.number }} 已发货，物流查询：{{ order.tracking_url }}' },
    },
  });
  await saveOutreachSettings(db, scope.accountId, {
    globalCap: { limit: 3, periodDays: 7 },
    channelCaps: { email: { limit: 2, periodDays: 7 }, sms: { limit: 1, periodDays: 7 } },
    quietHours: { start: '21:00', end: '08:00', mode: 'defer' },
    controlGroupPercent: 5,
  });
  // Kenji said no to email: the thank-you is suppressed with reason no_consent, on his timeline.
  const kenji = contacts.get('kenji');
  if (kenji) {
    await setCommunicationConsent(db, scope.accountId, kenji, { email: false }, 'portal');
    const mailer = createMailer({ smtpUrl: null, from: 'demo@touchpoint.dev' });
    const outreach = createOutreach({ db, mailer });
    await outreach.send({
      accountId: scope.accountId, contactId: kenji, channel: 'email', transactional: true, dedupeKey: `demo:thank-you:${kenji}`,
      touchpoint: { kind: 'order', id: null }, content: { subject: 'ご注文ありがとうございます', text: 'ご注文ありがとうございます。' },
    });
  }
  // The onboarding and win-back journeys send these built-ins as they come.
  const asTheyCome: string[] = [];
  for (const builtInId of ['builtin.onboarding-welcome', 'builtin.onboarding-tips', 'builtin.win-back']) {
    const copy = await personalizeBuiltInTemplate(db, scope.accountId, adminId, builtInId);
    asTheyCome.push((await updateMessageTemplate(db, scope.accountId, adminId, copy.id, { status: 'active' })).id);
  }
  const [welcomeTemplateId, nudgeTemplateId, winBackTemplateId] = asTheyCome as [string, string, string];
  return { thankYouTemplateId: current.id, welcomeTemplateId, nudgeTemplateId, winBackTemplateId };
}
