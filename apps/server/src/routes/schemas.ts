import { z } from 'zod';
import { LOCALES, ROLES } from '@touchpoint/core';
import { INBOX_CHANNELS } from '@touchpoint/accounts';
import { CONVERSATION_SORTS, CONVERSATION_STATUSES, CONVERSATION_VIEWS, PRIORITIES, SLA_FILTERS } from '@touchpoint/conversations';

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
  accounts: z.array(z.object({ id: z.string(), name: z.string(), role: RoleSchema, timeZone: z.string().describe('IANA zone the account counts its days in') })),
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
/** What the conversation list filters and sorts on: its query without paging, and a saved view's filters. */
export const ConversationFiltersSchema = z.strictObject({
  view: z.enum(CONVERSATION_VIEWS).optional(),
  status: z.union([ConversationStatusSchema, z.literal('any')]).optional().describe('default open'),
  inboxId: UuidSchema.optional(),
  teamId: UuidSchema.optional(),
  labelId: UuidSchema.optional(),
  assigneeId: UuidSchema.optional(),
  channel: z.string().max(40).optional(),
  priority: z.enum(PRIORITIES).optional(),
  sla: z.enum(SLA_FILTERS).optional().describe('breached: a running SLA clock is past due; due_soon: the next running SLA deadline is within the hour'),
  sort: z.enum(CONVERSATION_SORTS).optional().describe('latest (default), oldest, created, waiting (longest first), priority, sla_due (soonest SLA deadline first, breached first, no running SLA last)'),
});
export const LabelSchema = z.object({ id: z.string(), name: z.string(), color: z.string() });
export const ConversationSummarySchema = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string(),
  status: z.string(),
  customStatusId: z.string().nullable(),
  snoozedUntil: IsoDateSchema.nullable(),
  priority: z.string(),
  channel: z.string(),
  inboxId: z.string(),
  teamId: z.string().nullable(),
  contact: z.object({ id: z.string(), name: z.string() }),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  labels: z.array(LabelSchema),
  waitingSince: IsoDateSchema.nullable().describe('when the customer’s oldest unanswered message arrived'),
  firstResponseAt: IsoDateSchema.nullable(),
  createdAt: IsoDateSchema,
  lastMessageAt: IsoDateSchema,
  preview: z.string().describe('the latest customer or agent message, cut to 140 characters'),
  unreadCount: z.number().describe('customer messages since I last opened it'),
  sla: z
    .object({
      policyId: z.string(),
      policyName: z.string(),
      targets: z.array(z.object({ target: z.enum(['first_response', 'next_response', 'resolution']), dueAt: IsoDateSchema.nullable(), state: z.enum(['met', 'ok', 'due_soon', 'breached', 'paused']), remainingMinutes: z.number().nullable() })),
    })
    .nullable()
    .optional()
    .describe('the SLA policy applying and each target’s state; null when none applies'),
});

export const AttachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  byteSize: z.number(),
  url: z.string().describe('where to download it (same account auth)'),
});

export const MessageSchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound', 'note']),
  body: z.string(),
  authorName: z.string(),
  automation: z
    .object({ ruleId: z.string(), ruleName: z.string().nullable().describe('null once the rule is deleted') })
    .nullable()
    .describe('set when an automation rule wrote the message (its author is then no person)'),
  status: z.string().describe('sent | scheduled | failed'),
  scheduledFor: IsoDateSchema.nullable(),
  deliveryStatus: z.enum(['pending', 'sent', 'delivered', 'read', 'failed']).nullable().describe('for replies on a connected channel; null for notes and for inboxes without a channel to send through'),
  deliveryError: z.string().nullable().describe('why the channel refused or could not take the reply'),
  channelData: z.record(z.string(), z.unknown()).describe('what the channel carried besides text: email cc and headers, a location, a reaction, a template'),
  attachments: z.array(AttachmentSchema),
  createdAt: IsoDateSchema,
});

export const ContactSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string().nullable(),
  timeZone: z.string().nullable(),
  createdAt: IsoDateSchema,
});

export const OrderLineSchema = z.object({
  id: z.string(),
  title: z.string(),
  sku: z.string().nullable(),
  variant: z.string().nullable(),
  quantity: z.number(),
  unitPriceMinor: z.number(),
  lineTotalMinor: z.number(),
  productTags: z.array(z.string()),
});
export const ShipmentSchema = z.object({
  id: z.string(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
  status: z.enum(['pending', 'in_transit', 'out_for_delivery', 'delivered', 'failed', 'returned']),
  shippedAt: IsoDateSchema.nullable(),
  deliveredAt: IsoDateSchema.nullable(),
});
export const OrderSchema = z.object({
  id: z.string(),
  number: z.string(),
  contactId: z.string().nullable(),
  currency: z.string(),
  subtotalMinor: z.number(),
  discountMinor: z.number(),
  taxMinor: z.number(),
  shippingMinor: z.number(),
  totalMinor: z.number().describe('total in the currency’s minor unit (cents; yen have none)'),
  status: z.string().describe('summary: pending, paid, fulfilled, delivered, refunded or cancelled'),
  financialStatus: z.string(),
  fulfillmentStatus: z.string(),
  lines: z.array(OrderLineSchema),
  shipments: z.array(ShipmentSchema),
  source: z.string(),
  externalId: z.string().nullable(),
  customerEmail: z.string().nullable(),
  customerName: z.string().nullable(),
  providerUpdatedAt: IsoDateSchema.nullable(),
  deliveredAt: IsoDateSchema.nullable(),
  cancelledAt: IsoDateSchema.nullable(),
  placedAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
});

export const LimitSchema = z.coerce.number().int().min(1).max(200).default(50);

// Contacts (profiles, notes, companies, merge, timeline, CSV import/export).
export const SocialHandlesSchema = z.partialRecord(z.enum(['instagram', 'facebook', 'whatsapp', 'x', 'line', 'wechat']), z.string().trim().min(1).max(200));
export const AttributeValueSchema = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
export const AttributesSchema = z.record(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/, 'keys are letters, digits, _ and - (at most 64)'), AttributeValueSchema);
export const TimeZoneSchema = z.string().max(64).describe('IANA time zone, e.g. Asia/Tokyo');
export const PhoneSchema = z.string().max(40).describe('digits, optionally starting with +; spaces, dashes and parentheses are dropped');

export const ContactProfileSchema = ContactSchema.extend({
  otherEmails: z.array(z.string()),
  otherPhones: z.array(z.string()),
  socialHandles: z.record(z.string(), z.string()),
  company: z.object({ id: z.string(), name: z.string() }).nullable(),
  attributes: z.record(z.string(), AttributeValueSchema),
  updatedAt: IsoDateSchema,
});

const contactFieldsShape = {
  email: EmailSchema.nullable().optional(),
  phone: PhoneSchema.nullable().optional(),
  otherEmails: z.array(EmailSchema).max(20).optional(),
  otherPhones: z.array(PhoneSchema).max(20).optional(),
  socialHandles: SocialHandlesSchema.optional(),
  locale: LocaleSchema.nullable().optional(),
  timeZone: TimeZoneSchema.nullable().optional(),
  companyId: UuidSchema.nullable().optional(),
  attributes: AttributesSchema.optional().describe('merged into the existing attributes; null removes an attribute'),
};
export const ContactCreateSchema = z.strictObject({ name: z.string().trim().min(1, 'must not be empty').max(200), ...contactFieldsShape });
export const ContactUpdateSchema = z.strictObject({ name: z.string().trim().min(1, 'must not be empty').max(200).optional(), ...contactFieldsShape });

export const ContactNoteSchema = z.object({ id: z.string(), body: z.string(), author: z.object({ id: z.string(), name: z.string() }).nullable(), createdAt: IsoDateSchema });
export const ContactNoteParamsSchema = z.strictObject({ accountId: UuidSchema, contactId: UuidSchema, noteId: UuidSchema });

export const CompanySchema = z.object({ id: z.string(), name: z.string(), domain: z.string().nullable(), contactCount: z.number(), createdAt: IsoDateSchema });
export const CompanyCreateSchema = z.strictObject({ name: z.string().trim().min(1, 'must not be empty').max(200), domain: z.string().max(253).nullable().optional() });
export const CompanyUpdateSchema = CompanyCreateSchema.partial();

export const TimelineKindSchema = z.enum(['conversation', 'order', 'return', 'note', 'message', 'prompt', 'survey', 'event']);
export const TimelineItemSchema = z.object({
  kind: TimelineKindSchema.describe('message, prompt, survey and event items are customer events (message.*, prompt.*, survey.*, the rest)'),
  id: z.string().describe('the conversation, order, return, note or customer event; a return’s steps share the return’s id'),
  at: IsoDateSchema,
  summary: z.string().describe('plain English text; the other fields are for richer displays'),
  number: z.string().optional().describe('conversation number, order number or return label (R-1002)'),
  status: z.string().optional().describe('conversation or order status now; for a return step, the status it reached'),
  subject: z.string().optional(),
  inboxId: z.string().optional(),
  channel: z.string().nullable().optional().describe('a conversation’s inbox channel; the channel a message event went out on'),
  totalMinor: z.number().optional(),
  currency: z.string().optional(),
  stepId: z.string().optional().describe('return steps: the step'),
  orderId: z.string().optional(),
  orderNumber: z.string().optional(),
  actorName: z.string().nullable().optional().describe('who moved a return, who wrote a note (null for an API key)'),
  note: z.string().nullable().optional(),
  name: z.string().optional().describe('customer events: the event’s name, e.g. Checkout Started, message.suppressed'),
  eventType: z.string().optional().describe('customer events: track, page, identify, alias or system'),
  touchpoint: z.object({ kind: z.string(), id: z.string().nullable(), stepId: z.string().nullable() }).nullable().optional(),
  reason: z.string().nullable().optional().describe('why a message or survey was suppressed or deferred'),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export const TimelineQuerySchema = z.strictObject({
  limit: LimitSchema,
  before: z.string().max(500).optional().describe('nextCursor of the previous page'),
  kinds: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const kinds = [...new Set(value.split(',').map((kind) => kind.trim()).filter(Boolean))];
      const unknown = kinds.filter((kind) => !TimelineKindSchema.options.includes(kind as never));
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown kinds: ${unknown.join(', ')} (known: ${TimelineKindSchema.options.join(', ')})` });
        return z.NEVER;
      }
      return kinds as z.infer<typeof TimelineKindSchema>[];
    })
    .describe('comma-separated kinds to include, e.g. order,return; all when absent'),
});

export const ContactImportSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  totalRows: z.number(),
  processedRows: z.number(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  errors: z.array(z.object({ row: z.number().describe('line in the file; the header is line 1'), message: z.string() })),
  createdAt: IsoDateSchema,
  finishedAt: IsoDateSchema.nullable(),
});
export const ContactImportCreateSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  csv: z.string().min(1, 'must not be empty').max(20 * 1024 * 1024),
  mapping: z.record(z.string().max(200), z.string().max(200)).optional().describe('CSV header → column (name, email, phone, locale, time_zone, company, attr.<key>, ignore)'),
});

// Teams, business hours and SLA policies (sla-routes.ts).
export const TeamSummarySchema = z.object({ id: z.string(), name: z.string(), description: z.string(), businessHoursId: z.string().nullable(), memberCount: z.number(), createdAt: IsoDateSchema });
export const TeamSchema = TeamSummarySchema.extend({ userIds: z.array(z.string()) });
const TeamUserIdsSchema = z.array(UuidSchema).max(500);
export const TeamCreateSchema = z.strictObject({
  name: NameSchema,
  description: z.string().max(500).default(''),
  businessHoursId: UuidSchema.nullable().default(null),
  userIds: TeamUserIdsSchema.default([]),
});
export const TeamUpdateSchema = z.strictObject({ name: NameSchema.optional(), description: z.string().max(500).optional(), businessHoursId: UuidSchema.nullable().optional() });
export const TeamMembersSchema = z.strictObject({ userIds: TeamUserIdsSchema });

const IntervalSchema = z.tuple([z.number().int(), z.number().int()]).describe('[startMinute, endMinute] after local midnight, 0..1440');
export const WeeklyHoursSchema = z
  .record(z.string(), z.array(IntervalSchema).max(24))
  .describe('opening intervals per weekday, "0" = Sunday … "6" = Saturday: { "1": [[540, 1080]] }');
export const HolidaySchema = z.strictObject({ date: z.string().describe('local date, YYYY-MM-DD'), name: z.string().trim().max(120).default('') });
export const BusinessHoursSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  weekly: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  createdAt: IsoDateSchema,
});
export const BusinessHoursCreateSchema = z.strictObject({
  name: NameSchema,
  timeZone: z.string().min(1).max(64).describe('IANA time zone, e.g. Asia/Tokyo'),
  weekly: WeeklyHoursSchema,
  holidays: z.array(HolidaySchema).max(400).default([]),
});
export const BusinessHoursUpdateSchema = z.strictObject({
  name: NameSchema.optional(),
  timeZone: z.string().min(1).max(64).optional(),
  weekly: WeeklyHoursSchema.optional(),
  holidays: z.array(HolidaySchema).max(400).optional(),
});
export const InboxBusinessHoursSchema = z.strictObject({ businessHoursId: UuidSchema.nullable() });

const TargetMinutesSchema = z.number().int().min(1).max(525_600).nullable().describe('business minutes; null = no target');
export const SlaConditionsSchema = z.strictObject({
  priorities: z.array(z.enum(['low', 'normal', 'high', 'urgent'])).max(4).optional(),
  channels: z.array(InboxChannelSchema).max(20).optional(),
  labelIds: z.array(UuidSchema).max(100).optional(),
  inboxIds: z.array(UuidSchema).max(200).optional(),
});
export const SlaPolicySchema = z.object({
  id: z.string(),
  name: z.string(),
  position: z.number(),
  conditions: z.object({ priorities: z.array(z.string()).optional(), channels: z.array(z.string()).optional(), labelIds: z.array(z.string()).optional(), inboxIds: z.array(z.string()).optional() }),
  firstResponseMinutes: z.number().nullable(),
  nextResponseMinutes: z.number().nullable(),
  resolutionMinutes: z.number().nullable(),
  businessHoursId: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: IsoDateSchema,
});
export const SlaPolicyCreateSchema = z.strictObject({
  name: NameSchema,
  conditions: SlaConditionsSchema.default({}),
  firstResponseMinutes: TargetMinutesSchema.default(null),
  nextResponseMinutes: TargetMinutesSchema.default(null),
  resolutionMinutes: TargetMinutesSchema.default(null),
  businessHoursId: UuidSchema.nullable().default(null),
  enabled: z.boolean().default(true),
});
export const SlaPolicyUpdateSchema = z.strictObject({
  name: NameSchema.optional(),
  conditions: SlaConditionsSchema.optional(),
  firstResponseMinutes: TargetMinutesSchema.optional(),
  nextResponseMinutes: TargetMinutesSchema.optional(),
  resolutionMinutes: TargetMinutesSchema.optional(),
  businessHoursId: UuidSchema.nullable().optional(),
  enabled: z.boolean().optional(),
});
export const SlaPolicyOrderSchema = z.strictObject({ policyIds: z.array(UuidSchema).max(500) });
export const ConversationSlaSchema = z.object({
  policyId: z.string().nullable(),
  policyName: z.string().nullable(),
  targets: z.array(
    z.object({
      target: z.enum(['first_response', 'next_response', 'resolution']),
      dueAt: IsoDateSchema.nullable(),
      state: z.enum(['met', 'ok', 'due_soon', 'breached', 'paused']),
      remainingMinutes: z.number().nullable().describe('business minutes left; negative = overdue; null when over'),
    }),
  ),
});
