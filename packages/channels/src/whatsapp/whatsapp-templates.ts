import { and, desc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { type AccountScope, AppError, conflict, notFound, validationFailed } from '@touchpoint/core';
import { type Database, schema } from '@touchpoint/db';
import { assertAdmin, listVisibleInboxIds, recordAudit } from '@touchpoint/accounts';
import { postAgentMessage } from '@touchpoint/conversations';
import { mayContactOn } from '@touchpoint/customers';
import type { ChannelInbox } from '../channel-adapter.ts';
import { createWhatsAppGraphClient, whatsAppSettingsOf, type GraphTemplate } from './whatsapp-graph.ts';
import type { WhatsAppTemplateStatusEvent } from './whatsapp-payload.ts';
import { WHATSAPP_CHANNEL } from './whatsapp-payload.ts';
import { checkTemplateValues, renderTemplate, templateSendComponents, templateUnsendableReason, templateVariables } from './whatsapp-template-text.ts';
import { customerServiceWindow } from './whatsapp-window.ts';

type TemplateRow = typeof schema.whatsappTemplates.$inferSelect;
const wt = schema.whatsappTemplates;

/** A template as the API shows it: its text, the variables a send fills, and whether Touchpoint can send it. */
export const presentWhatsAppTemplate = (row: TemplateRow) => {
  const unsendableReason = templateUnsendableReason(row);
  return {
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    bodyText: row.bodyText,
    variables: templateVariables(row.bodyText, row.parameterFormat),
    preview: renderTemplate(row, []),
    sendable: unsendableReason === null,
    unsendableReason,
    syncedAt: row.syncedAt.toISOString(),
  };
};

async function findWhatsAppInbox(db: Database, scope: AccountScope, inboxId: string) {
  const [row] = await db.select().from(schema.inboxes).where(and(eq(schema.inboxes.accountId, scope.accountId), eq(schema.inboxes.id, inboxId)));
  if (!row) throw notFound('inbox');
  if (row.channel !== WHATSAPP_CHANNEL) throw validationFailed([{ path: 'inboxId', message: 'is not a WhatsApp inbox' }]);
  return row;
}

const listRows = (db: Database, accountId: string, inboxId: string) =>
  db.select().from(wt).where(and(eq(wt.accountId, accountId), eq(wt.inboxId, inboxId))).orderBy(wt.name, wt.language);

/** Every template of a WhatsApp inbox, as last synced (admins). */
export async function listWhatsAppTemplates(db: Database, scope: AccountScope, inboxId: string) {
  assertAdmin(scope);
  await findWhatsAppInbox(db, scope, inboxId);
  return (await listRows(db, scope.accountId, inboxId)).map(presentWhatsAppTemplate);
}

const bodyTextOf = (template: GraphTemplate) => template.components?.find((component) => component.type.toUpperCase() === 'BODY')?.text ?? '';

/**
 * Replaces an inbox's templates with those Meta lists for the WhatsApp Business Account (`businessAccountId`):
 * new ones added, changed ones updated, ones deleted at Meta removed. Needs a connected inbox.
 */
export async function syncWhatsAppTemplates(db: Database, scope: AccountScope, inboxId: string, options: { fetch?: typeof fetch; now?: Date } = {}) {
  assertAdmin(scope);
  const inbox = await findWhatsAppInbox(db, scope, inboxId);
  if (!inbox.channelConnectedAt) throw validationFailed([{ path: 'inboxId', message: 'the WhatsApp channel of this inbox is not connected' }]);
  const businessAccountId = inbox.channelConfig.businessAccountId?.trim();
  if (!businessAccountId) throw validationFailed([{ path: 'config.businessAccountId', message: 'is needed to list templates: set the WhatsApp Business Account id in the channel settings' }]);
  const client = createWhatsAppGraphClient(whatsAppSettingsOf({ config: inbox.channelConfig, secrets: inbox.channelSecrets }), options.fetch);
  let templates: GraphTemplate[];
  try {
    templates = await client.listTemplates(businessAccountId);
  } catch (error) {
    throw new AppError('service_unavailable', 'WhatsApp did not answer', error instanceof Error ? error.message : String(error));
  }
  const now = options.now ?? new Date();
  const rows = templates
    .filter((template) => typeof template.name === 'string' && template.name && typeof template.language === 'string' && template.language)
    .map((template) => ({
      accountId: scope.accountId,
      inboxId,
      name: template.name.slice(0, 512),
      language: template.language.slice(0, 20),
      category: (template.category ?? '').slice(0, 100),
      status: (template.status ?? 'UNKNOWN').slice(0, 100),
      bodyText: bodyTextOf(template).slice(0, 10_000),
      components: Array.isArray(template.components) ? template.components : [],
      parameterFormat: template.parameter_format?.toLowerCase() === 'named' ? 'named' : 'positional',
      syncedAt: now,
    }));
  return db.transaction(async (tx) => {
    if (rows.length > 0) {
      await tx.insert(wt).values(rows).onConflictDoUpdate({
        target: [wt.inboxId, wt.name, wt.language],
        set: { category: sql`excluded.category`, status: sql`excluded.status`, bodyText: sql`excluded.body_text`, components: sql`excluded.components`, parameterFormat: sql`excluded.parameter_format`, syncedAt: sql`excluded.synced_at` },
      });
    }
    const kept = rows.map((row) => `${row.name}|${row.language}`);
    await tx.delete(wt).where(and(
      eq(wt.accountId, scope.accountId),
      eq(wt.inboxId, inboxId),
      ...(kept.length > 0 ? [notInArray(sql`${wt.name} || '|' || ${wt.language}`, kept)] : []),
    ));
    await recordAudit(tx, scope, { action: 'inbox.whatsapp_templates_synced', targetType: 'inbox', targetId: inboxId, details: { count: rows.length } });
    return (await listRows(tx, scope.accountId, inboxId)).map(presentWhatsAppTemplate);
  });
}

/** Meta's template status webhook (approved, rejected, paused…) updates the stored template; unknown ones are ignored. */
export async function applyWhatsAppTemplateStatus(db: Database, inbox: Pick<ChannelInbox, 'id' | 'accountId'>, event: WhatsAppTemplateStatusEvent, now = new Date()) {
  const updated = await db
    .update(wt)
    .set({ status: event.status.slice(0, 100), syncedAt: now })
    .where(and(eq(wt.accountId, inbox.accountId), eq(wt.inboxId, inbox.id), eq(wt.name, event.name), eq(wt.language, event.language), ne(wt.status, event.status)))
    .returning({ id: wt.id });
  return updated.length > 0;
}

/** A WhatsApp conversation the actor can see, with its inbox; 404 for one they cannot see (ids cannot be probed). */
async function findVisibleWhatsAppConversation(db: Database, scope: AccountScope, conversationId: string) {
  const visible = await listVisibleInboxIds(db, scope);
  const [row] = visible.length === 0 ? [] : await db
    .select({ conversation: schema.conversations, inbox: schema.inboxes })
    .from(schema.conversations)
    .innerJoin(schema.inboxes, eq(schema.inboxes.id, schema.conversations.inboxId))
    .where(and(eq(schema.conversations.accountId, scope.accountId), eq(schema.conversations.id, conversationId), inArray(schema.conversations.inboxId, visible)));
  if (!row) throw notFound('conversation');
  if (row.inbox.channel !== WHATSAPP_CHANNEL) throw validationFailed([{ path: 'conversationId', message: 'is not a WhatsApp conversation' }]);
  return row;
}

/** The customer-service window of a conversation, from its customer's messages. */
async function windowOf(db: Database, accountId: string, conversationId: string, now: Date) {
  const m = schema.messages;
  const [last] = await db
    .select({ createdAt: m.createdAt, channelData: m.channelData })
    .from(m)
    .where(and(eq(m.accountId, accountId), eq(m.conversationId, conversationId), eq(m.direction, 'inbound'), sql`coalesce(${m.channelData}->>'type', '') <> 'system'`))
    .orderBy(desc(m.createdAt))
    .limit(1);
  return customerServiceWindow(last ? [{ direction: 'inbound', ...last }] : [], now);
}

/**
 * For the composer of a WhatsApp conversation: whether free-form replies can reach the customer now (the 24-hour
 * window) and the approved templates that can reach them anyway.
 */
export async function describeWhatsAppConversation(db: Database, scope: AccountScope, conversationId: string, now = new Date()) {
  const { conversation, inbox } = await findVisibleWhatsAppConversation(db, scope, conversationId);
  const window = await windowOf(db, scope.accountId, conversation.id, now);
  const templates = (await listRows(db, scope.accountId, inbox.id)).filter((row) => row.status.toUpperCase() === 'APPROVED').map(presentWhatsAppTemplate);
  return {
    connected: inbox.channelConnectedAt !== null,
    window: { open: window.open, lastInboundAt: window.lastInboundAt?.toISOString() ?? null, closesAt: window.closesAt?.toISOString() ?? null },
    templates,
  };
}

export interface WhatsAppTemplateSend {
  name: string;
  language: string;
  variables: string[];
  clientKey?: string | null;
}

/**
 * Sends an approved template to the customer, inside or outside the window: an outbound reply whose body is the text
 * the customer will read and whose channelData.template tells the adapter to send it as a template. The variables
 * must match the template's (400 otherwise).
 */
export async function sendWhatsAppTemplate(db: Database, scope: AccountScope, conversationId: string, input: WhatsAppTemplateSend) {
  const { inbox, conversation } = await findVisibleWhatsAppConversation(db, scope, conversationId);
  if (!inbox.channelConnectedAt) throw validationFailed([{ path: 'conversationId', message: 'the WhatsApp channel of this inbox is not connected, so nothing can be sent' }]);
  // A template is the business writing first: not to a customer who said no to WhatsApp (portal preferences).
  if (!(await mayContactOn(db, scope.accountId, conversation.contactId, 'whatsapp'))) {
    throw conflict('This customer turned off WhatsApp messages from you (communication preferences), so templates are not sent. Answer within the 24-hour window, or on another channel.');
  }
  const [row] = await db.select().from(wt).where(and(eq(wt.accountId, scope.accountId), eq(wt.inboxId, inbox.id), eq(wt.name, input.name), eq(wt.language, input.language)));
  if (!row) throw notFound('template');
  const unsendable = templateUnsendableReason(row);
  if (unsendable) throw validationFailed([{ path: 'name', message: `this template cannot be sent: ${unsendable}` }]);
  const variables = templateVariables(row.bodyText, row.parameterFormat);
  const problems = checkTemplateValues(variables, input.variables);
  if (problems.length > 0) throw validationFailed(problems);
  const template = { name: row.name, language: row.language, components: templateSendComponents(row, input.variables) };
  return db.transaction(async (tx) => {
    const message = await postAgentMessage(tx, scope, conversationId, { kind: 'reply', body: renderTemplate(row, input.variables), clientKey: input.clientKey ?? null });
    const channelData = { ...message.channelData, template };
    // Same transaction as the message: the delivery queue only sees it after commit, template included.
    await tx.update(schema.messages).set({ channelData }).where(and(eq(schema.messages.accountId, scope.accountId), eq(schema.messages.id, message.id)));
    return { ...message, channelData };
  });
}
