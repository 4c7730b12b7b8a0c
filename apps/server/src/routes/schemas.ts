import { z } from 'zod';
import { LOCALES, ROLES } from '@touchpoint/core';
import { INBOX_CHANNELS } from '@touchpoint/accounts';
import { CONVERSATION_STATUSES } from '@touchpoint/conversations';

export const UuidSchema = z.uuid({ message: 'must be a UUID' });
export const LocaleSchema = z.enum(LOCALES);
export const RoleSchema = z.enum(ROLES);
export const EmailSchema = z.email({ message: 'must be an email address' }).max(254);
export const PasswordSchema = z.string().min(10, 'must have at least 10 characters').max(200);
export const NameSchema = z.string().trim().min(1, 'must not be empty').max(120);
export const IsoDateSchema = z.string().describe('ISO 8601 date-time');

export const AccountParamsSchema = z.strictObject({ accountId: UuidSchema });
export const accountParamsWith = <K extends string>(key: K) => z.strictObject({ accountId: UuidSchema, [key]: UuidSchema } as { accountId: typeof UuidSchema } & Record<K, typeof UuidSchema>);

export const MeSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), locale: LocaleSchema.nullable() }),
  accounts: z.array(z.object({ id: z.string(), name: z.string(), role: RoleSchema })),
  csrfToken: z.string(),
});

export const AccountSchema = z.object({
  id: z.string(),
  name: z.string(),
  purposeStatement: z.string(),
  timeZone: z.string(),
  defaultLocale: LocaleSchema,
  role: RoleSchema,
});

export const MemberSchema = z.object({ userId: z.string(), email: z.string(), name: z.string(), role: RoleSchema, inboxIds: z.array(z.string()), createdAt: IsoDateSchema });

export const InvitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: RoleSchema,
  inboxIds: z.array(z.string()),
  expiresAt: IsoDateSchema,
  createdAt: IsoDateSchema,
  invitedBy: z.string().nullable(),
});

export const InboxChannelSchema = z.enum(INBOX_CHANNELS);
export const InboxSchema = z.object({ id: z.string(), name: z.string(), channel: InboxChannelSchema, memberCount: z.number() });

export const ApiKeySchema = z.object({ id: z.string(), name: z.string(), prefix: z.string(), createdAt: IsoDateSchema, lastUsedAt: IsoDateSchema.nullable(), createdBy: z.string().nullable() });

export const AuditEntrySchema = z.object({
  id: z.number(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string() }),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: IsoDateSchema,
});

export const ConversationStatusSchema = z.enum(CONVERSATION_STATUSES);
export const ConversationSummarySchema = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string(),
  status: z.string(),
  priority: z.string(),
  channel: z.string(),
  inboxId: z.string(),
  contact: z.object({ id: z.string(), name: z.string() }),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  lastMessageAt: IsoDateSchema,
  preview: z.string().describe('the latest customer or agent message, cut to 140 characters'),
});

export const MessageSchema = z.object({ id: z.string(), direction: z.enum(['inbound', 'outbound', 'note']), body: z.string(), authorName: z.string(), createdAt: IsoDateSchema });

export const ContactSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string().nullable(),
  timeZone: z.string().nullable(),
  createdAt: IsoDateSchema,
});

export const OrderSchema = z.object({
  id: z.string(),
  number: z.string(),
  currency: z.string(),
  totalMinor: z.number().describe('total in the currency’s minor unit (cents; yen have none)'),
  status: z.string(),
  lines: z.array(z.object({ title: z.string(), quantity: z.number(), unitPriceMinor: z.number() })),
  placedAt: IsoDateSchema,
});

export const LimitSchema = z.coerce.number().int().min(1).max(200).default(50);
