/** Shapes of the server's answers, as documented in docs/api.md. */

export type Locale = 'en' | 'ja' | 'zh';
export type Role = 'admin' | 'agent';

export interface MeUser {
  id: string;
  email: string;
  name: string;
  locale: Locale | null;
}

export interface MeAccount {
  id: string;
  name: string;
  role: Role;
}

export interface Me {
  user: MeUser;
  accounts: MeAccount[];
  csrfToken: string;
}

export interface InvitationPreview {
  email: string;
  accountName: string;
  role: Role;
  expiresAt: string;
  existingUser: boolean;
}

export interface Account {
  id: string;
  name: string;
  purposeStatement: string;
  timeZone: string;
  defaultLocale: Locale;
  role: Role;
}

export interface HomeCounts {
  openConversations: number;
  unassignedConversations: number;
  mine: number;
  contacts: number;
  ordersLast30Days: number;
}

export interface Home {
  purposeStatement: string;
  counts: HomeCounts;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  inboxIds: string[];
  createdAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  inboxIds: string[];
  expiresAt: string;
  createdAt: string;
  invitedBy: string | { id: string; name: string } | null;
}

export interface CreatedInvitation {
  id: string;
  email: string;
  role: Role;
  inboxIds: string[];
  expiresAt: string;
  url: string;
  /** False when the server has no mail relay or sending failed: the admin shares the link. */
  emailed?: boolean;
}

export interface Inbox {
  id: string;
  name: string;
  channel: string;
  memberCount: number;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: string | { id: string; name: string } | null;
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  key: string;
}

export interface AuditActor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
  name: string;
}

export interface AuditEntry {
  id: string | number;
  actor: AuditActor;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface AuditPage {
  items: AuditEntry[];
  nextCursor: string | number | null;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface ConversationSummary {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  inboxId: string;
  contact: PersonRef;
  assignee: PersonRef | null;
  lastMessageAt: string;
  preview: string | null;
}

export interface Message {
  id: string;
  direction: 'inbound' | 'outbound' | 'note';
  authorName: string | null;
  body: string;
  createdAt: string;
}

export interface ConversationDetail extends ConversationSummary {
  messages: Message[];
}

export interface Contact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  locale: string | null;
  createdAt: string;
}

export interface OrderLine {
  title: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface Order {
  id: string;
  number: string;
  currency: string;
  totalMinor: number;
  status: string;
  lines?: OrderLine[];
  placedAt: string;
}

export interface ContactDetail extends Contact {
  timeZone?: string | null;
  orders: Order[];
  conversations: ConversationSummary[];
}

export interface ItemList<T> {
  items: T[];
}

/** A domain event as pushed on the realtime socket. */
export interface RealtimeEvent {
  id: number | string;
  type: string;
  accountId: string;
  payload: Record<string, unknown>;
  occurredAt: string;
}
