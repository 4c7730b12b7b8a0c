/**
 * The domain-event catalogue. Names are `noun.past_tense`. Every event is written to the outbox in the same
 * transaction as the change it describes; `audience` says who may receive it on a realtime socket.
 */
export const EVENT_TYPES = [
  'account.updated',
  'member.added',
  'member.updated',
  'member.removed',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'inbox.created',
  'api_key.created',
  'api_key.revoked',
  'conversation.created',
  'conversation.updated',
  'conversation.merged',
  'conversation.split',
  'conversation.read',
  'message.created',
  'message.updated',
  'message.delivery_updated',
  'notification.created',
  'presence.changed',
  'csat.requested',
  'csat.rated',
  'label.created',
  'label.updated',
  'label.deleted',
  'canned_reply.changed',
  'saved_view.changed',
  'contact.created',
  'order.placed',
  'order.updated',
  'return.requested',
  'return.approved',
  'return.rejected',
  'return.received',
  'return.refunded',
  'return.exchanged',
  'return.cancelled',
  'contact.updated',
  'contact.merged',
  'contact.deleted',
  'contact_import.progressed',
  'team.created',
  'team.updated',
  'team.deleted',
  'business_hours.changed',
  'sla_policy.changed',
  'sla.applied',
  'sla.breached',
  'webhook.failing',
  // help center (issue 6)
  'help_article.published',
  'help_article.unpublished',
  // experience engine (issue 7): one block per domain; add a domain's new names at the end of its own line
  'customer_event.recorded', 'contact.identified', 'contact.unmerged',
  'segment.changed', 'segment.entered', 'segment.exited',
  'message_template.changed',
  'outreach.sent', 'outreach.suppressed',
  'journey.changed', 'journey.entered', 'journey.exited', 'journey.converted',
  'prompt.changed', 'prompt.triggered', 'prompt.closed',
  'survey.changed', 'survey.requested', 'survey.answered',
  'live_feed.changed', 'live_post.received', 'live_post.approved', 'live_post.removed', 'live_post.pinned', 'live_poll.changed',
  'delight.sent', 'delight.budget_changed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Who may see an event on a realtime socket:
 * - `account`: every member of the account;
 * - `admins`: admins of the account only;
 * - `inbox`: members of that inbox, and admins;
 * - `users`: the listed users (if still members).
 */
export type EventAudience =
  | { kind: 'account' }
  | { kind: 'admins' }
  | { kind: 'inbox'; inboxId: string }
  | { kind: 'users'; userIds: string[] };

export interface DomainEvent {
  type: EventType;
  accountId: string;
  payload: Record<string, unknown>;
  audience: EventAudience;
}

export interface PublishedEvent extends DomainEvent {
  id: number;
  occurredAt: string;
}
