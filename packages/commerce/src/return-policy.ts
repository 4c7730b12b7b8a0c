import { eq } from 'drizzle-orm';
import { type AccountScope, type FieldError, validationFailed } from '@touchpoint/core';
import { type AutoApproveRule, type Database, type LocalizedText, type ReturnReasonSetting, schema } from '@touchpoint/db';
import { assertAdmin, recordAudit } from '@touchpoint/accounts';

export type { AutoApproveRule, LocalizedText, ReturnReasonSetting };

export interface ReturnPolicy {
  windowDays: number;
  nonReturnableTags: string[];
  reasons: ReturnReasonSetting[];
  autoApprove: AutoApproveRule;
  allowExchange: boolean;
  policyText: LocalizedText;
  instructions: LocalizedText;
  returnAddress: string;
}

/** What an account has until an admin saves its own policy: 30 days, the usual reasons, photos for damage. */
export const DEFAULT_RETURN_POLICY: ReturnPolicy = {
  windowDays: 30,
  nonReturnableTags: ['final-sale', 'gift-card'],
  reasons: [
    { code: 'damaged', label: { en: 'Arrived damaged', ja: '破損して届いた', zh: '到货时已损坏' }, photoRequired: true },
    { code: 'defective', label: { en: 'Does not work', ja: '動作しない・不良品', zh: '无法使用/有缺陷' }, photoRequired: true },
    { code: 'wrong_item', label: { en: 'Wrong item sent', ja: '違う商品が届いた', zh: '发错商品' }, photoRequired: false },
    { code: 'not_as_described', label: { en: 'Not as described', ja: '説明と違う', zh: '与描述不符' }, photoRequired: false },
    { code: 'changed_mind', label: { en: 'Changed my mind', ja: '気が変わった', zh: '不想要了' }, photoRequired: false },
    { code: 'other', label: { en: 'Other', ja: 'その他', zh: '其他' }, photoRequired: false },
  ],
  autoApprove: { enabled: false, maxRefundMinor: null, reasons: [] },
  allowExchange: true,
  policyText: {
    en: 'You can return items within 30 days of delivery. Final-sale items and gift cards cannot be returned.',
    ja: '商品到着後30日以内であれば返品できます。セール最終品とギフトカードは返品できません。',
    zh: '商品签收后 30 天内可申请退货。清仓商品和礼品卡不可退货。',
  },
  instructions: {
    en: 'Pack the items in their original packaging, put this slip inside, and drop the parcel at any post office.',
    ja: '商品を元の梱包に入れ、この伝票を同封して、お近くの郵便局から発送してください。',
    zh: '请用原包装包好商品，将本退货单放入包裹，并在任一邮局寄出。',
  },
  returnAddress: '',
};

const presentPolicy = (row: typeof schema.returnPolicies.$inferSelect): ReturnPolicy => ({
  windowDays: row.windowDays,
  nonReturnableTags: row.nonReturnableTags,
  reasons: row.reasons,
  autoApprove: row.autoApprove,
  allowExchange: row.allowExchange,
  policyText: row.policyText,
  instructions: row.instructions,
  returnAddress: row.returnAddress,
});

/** The account's return policy (the default one until an admin saves theirs). Readable by every member and the portal. */
export async function getReturnPolicy(db: Database, scope: AccountScope): Promise<ReturnPolicy> {
  const [row] = await db.select().from(schema.returnPolicies).where(eq(schema.returnPolicies.accountId, scope.accountId));
  return row ? presentPolicy(row) : DEFAULT_RETURN_POLICY;
}

const REASON_CODE = /^[a-z0-9_]{1,40}$/;

function validatePolicy(policy: ReturnPolicy): void {
  const errors: FieldError[] = [];
  if (!Number.isInteger(policy.windowDays) || policy.windowDays < 0 || policy.windowDays > 3650) errors.push({ path: 'windowDays', message: 'must be a whole number of days from 0 to 3650' });
  if (policy.reasons.length === 0) errors.push({ path: 'reasons', message: 'must list at least one reason' });
  const codes = new Set<string>();
  policy.reasons.forEach((reason, i) => {
    if (!REASON_CODE.test(reason.code)) errors.push({ path: `reasons.${i}.code`, message: 'must be 1–40 lower-case letters, digits or underscores' });
    if (codes.has(reason.code)) errors.push({ path: `reasons.${i}.code`, message: 'is used by another reason' });
    codes.add(reason.code);
    if (!reason.label.en?.trim()) errors.push({ path: `reasons.${i}.label.en`, message: 'is required' });
  });
  policy.autoApprove.reasons.forEach((code, i) => {
    if (!codes.has(code)) errors.push({ path: `autoApprove.reasons.${i}`, message: `is not one of the policy's reasons` });
  });
  const max = policy.autoApprove.maxRefundMinor;
  if (max !== null && (!Number.isInteger(max) || max < 0)) errors.push({ path: 'autoApprove.maxRefundMinor', message: 'must be a whole, non-negative amount in minor units, or null' });
  if (errors.length > 0) throw validationFailed(errors);
}

/** Saves the account's return policy (admins). Tags are compared lower-cased. Audited. */
export async function updateReturnPolicy(db: Database, scope: AccountScope, input: ReturnPolicy): Promise<ReturnPolicy> {
  assertAdmin(scope);
  const policy: ReturnPolicy = { ...input, nonReturnableTags: [...new Set(input.nonReturnableTags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))] };
  validatePolicy(policy);
  return db.transaction(async (tx) => {
    const values = { ...policy, updatedAt: new Date() };
    const [row] = await tx
      .insert(schema.returnPolicies)
      .values({ accountId: scope.accountId, ...values })
      .onConflictDoUpdate({ target: schema.returnPolicies.accountId, set: values })
      .returning();
    await recordAudit(tx, scope, { action: 'return_policy.updated', targetType: 'account', targetId: scope.accountId, details: { windowDays: policy.windowDays, autoApprove: policy.autoApprove.enabled } });
    return presentPolicy(row!);
  });
}

/** A localized text in `locale`, else English, else any language given. */
export function pickText(text: LocalizedText, locale: string): string {
  const lang = locale.slice(0, 2) as keyof LocalizedText;
  return text[lang] ?? text.en ?? Object.values(text).find(Boolean) ?? '';
}
