import type { AccountScope } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { listContactConversations } from '@touchpoint/conversations';
import { listContactNotes } from './notes.ts';
import { listContactOrders, listContactReturnSteps } from '@touchpoint/commerce';

export interface TimelineItem {
  kind: 'conversation' | 'order' | 'return' | 'note';
  id: string;
  at: string;
  summary: string;
}

const clip = (text: string, max = 200) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function formatMoney(minor: number, currency: string) {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  } catch {
    return `${minor} ${currency}`;
  }
}

/**
 * Everything that happened with a contact, newest first: conversations (by their last message; only those in inboxes
 * the caller can see; in-store visits are conversations of an `in_store` inbox), orders (when placed), every step of
 * every return, and notes. Summaries are plain text; the console escapes them like any other text.
 */
export async function getContactTimeline(db: Database, scope: AccountScope, contactId: string): Promise<{ items: TimelineItem[] }> {
  const notes = await listContactNotes(db, scope, contactId);
  const [conversations, orders, returns] = await Promise.all([
    listContactConversations(db, scope, contactId),
    listContactOrders(db, scope, contactId),
    listContactReturnSteps(db, scope, contactId),
  ]);
  const items: TimelineItem[] = [
    ...conversations.map((c) => ({ kind: 'conversation' as const, id: c.id, at: c.lastMessageAt, summary: clip(`#${c.number} ${c.subject} (${c.status})`) })),
    ...orders.map((o) => ({ kind: 'order' as const, id: o.id, at: o.placedAt, summary: `Order ${o.number}: ${formatMoney(o.totalMinor, o.currency)}, ${o.status}` })),
    ...returns.map((step) => ({
      kind: 'return' as const,
      id: step.returnId,
      at: step.at,
      summary: clip(step.status === 'requested'
        ? `Return ${step.number} requested for order ${step.orderNumber} (${step.lines.map((l) => `${l.title} × ${l.quantity}`).join(', ')})${step.source === 'store' ? ' at the store' : ''}, by ${step.actorName}`
        : `Return ${step.number} ${step.status} by ${step.actorName}${step.note ? `: ${step.note}` : ''}`),
    })),
    ...notes.map((n) => ({ kind: 'note' as const, id: n.id, at: n.createdAt, summary: clip(n.body) })),
  ];
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { items };
}
