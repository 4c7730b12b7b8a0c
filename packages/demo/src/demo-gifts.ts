import { eq } from 'drizzle-orm';
import { type Database, schema } from '@touchpoint/db';
import { acceptGift, addGiftReaction, createGiftCampaign, openGift, type ReactionMediaStore, sendGift } from '@touchpoint/gifts';

/** The demo's reactions are all text, so no media store is needed; one that refuses says so if that ever changes. */
const TEXT_ONLY: ReactionMediaStore = {
  save: () => Promise.reject(new Error('demo gifts carry text reactions only')),
  read: () => Promise.reject(new Error('demo gifts carry text reactions only')),
  remove: () => Promise.resolve(),
};

const tokenOf = (claimUrl: string) => claimUrl.slice('/gift/'.length);

/**
 * A live campaign "Send a free matcha latte to someone in another country" with stock, and gifts in every state:
 * two claimed with text reactions (one across Japan → UK, one US → China), one opened and waiting, one by link.
 */
export async function loadDemoGifts(db: Database, accountId: string, contacts: Map<string, string>, now: Date) {
  const campaign = await createGiftCampaign(db, accountId, {
    name: 'Send a free matcha latte to someone in another country',
    description: 'One free iced or hot matcha latte, on us, for someone far away. They can swap it for a hojicha latte.',
    status: 'live', item: { kind: 'product', title: 'A free matcha latte', sku: 'DRINK-MATCHA' },
    swapOptions: [{ kind: 'product', title: 'A free hojicha latte', sku: 'DRINK-HOJICHA' }],
    stock: 500, perPersonLimit: 3, requireOtherCountry: true, claimDays: 30, startsAt: null, endsAt: null,
  });
  const send = (sender: string, senderCountry: string, recipient: { contactId?: string; name?: string }, message: string, locale: 'en' | 'ja' | 'zh', reference: string) =>
    db.transaction((tx) => sendGift(tx, accountId, { sender: { kind: 'contact', contactId: contacts.get(sender)! }, recipient, item: { kind: 'card' }, campaignId: campaign.id, message, locale, senderCountry, reference }));

  const toOliver = await send('haruto', 'JP', { contactId: contacts.get('oliver')! }, 'A little taste of Tokyo for you in London. Enjoy!', 'en', 'demo-gift-haruto-oliver');
  const toMei = await send('emma', 'US', { contactId: contacts.get('mei')! }, '送你一杯抹茶拿铁，祝你一切顺利！', 'zh', 'demo-gift-emma-mei');
  const toNoah = await send('yui', 'JP', { contactId: contacts.get('noah')! }, 'New York の友だちへ、東京から乾杯！', 'en', 'demo-gift-yui-noah');
  await send('sofia', 'US', { name: 'Lucía' }, '¡Para ti, desde Chicago!', 'en', 'demo-gift-sofia-link');

  // The job delivers messages through outreach; the demo has no mail relay, so its gifts are marked as arrived days ago.
  for (const [giftId, daysAgo] of [[toOliver.giftId, 6], [toMei.giftId, 3], [toNoah.giftId, 1]] as const) {
    const at = new Date(now.getTime() - daysAgo * 24 * 3600_000);
    await db.update(schema.gifts).set({ status: 'delivered', deliverAt: at, deliveredAt: at, createdAt: at, expiresAt: new Date(at.getTime() + 30 * 24 * 3600_000) }).where(eq(schema.gifts.id, giftId));
  }
  await acceptGift(db, tokenOf(toOliver.claimUrl), { country: 'GB' }, now);
  await addGiftReaction(db, TEXT_ONLY, tokenOf(toOliver.claimUrl), { kind: 'text', text: 'What a lovely surprise from Tokyo. Drinking it right now — thank you, Haruto!' }, now);
  await acceptGift(db, tokenOf(toMei.claimUrl), { country: 'CN', swapIndex: 0 }, now);
  await addGiftReaction(db, TEXT_ONLY, tokenOf(toMei.claimUrl), { kind: 'text', text: '太惊喜了！谢谢你，Emma！' }, now);
  await openGift(db, tokenOf(toNoah.claimUrl), now);
  return { giftCampaignId: campaign.id };
}
