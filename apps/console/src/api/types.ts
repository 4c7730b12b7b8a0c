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
  /** The zone the account counts its days in (reports, journeys, the map). */
  timeZone: string;
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

/** One setting of a channel, as `GET /channels` and an inbox's channel describe it. */
export interface ChannelField {
  key: string;
  /** Write-only: the API says whether it is set, never what it is. */
  secret?: boolean;
  required?: boolean;
  kind?: 'text' | 'url' | 'email' | 'phone';
  /** Used when the setting is left empty (a provider's public API address). */
  defaultValue?: string;
}

export interface ChannelDefinition {
  channel: string;
  fields: ChannelField[];
}

/** How an inbox's channel is connected (`GET/PUT/DELETE /inboxes/:inboxId/channel`). */
export interface InboxChannelState {
  inboxId: string;
  channel: string;
  /** False for channels with no provider to connect (in store), or none on this server yet. */
  supported: boolean;
  connected: boolean;
  connectedAt: string | null;
  config: Record<string, string>;
  secretsSet: string[];
  fields: ChannelField[];
  webhookUrl: string;
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

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  /** Same-origin download address (the session cookie authorises it). */
  url: string;
}

export interface Message {
  id: string;
  direction: 'inbound' | 'outbound' | 'note';
  authorName: string | null;
  /** Set when an automation rule wrote it; the rule's name is null once the rule is deleted. */
  automation?: { ruleId: string; ruleName: string | null } | null;
  body: string;
  /** `scheduled` replies wait for `scheduledFor` and can be cancelled until then. */
  status?: 'sent' | 'scheduled' | string;
  scheduledFor?: string | null;
  attachments?: Attachment[];
  /** For replies in an inbox whose channel is connected; null for notes and for inboxes without a provider. */
  deliveryStatus?: DeliveryStatus | null;
  /** Why the channel refused or could not take the reply (the provider's words). */
  deliveryError?: string | null;
  /** What the channel carried besides text (a location, a reaction, email cc, a Messenger or Instagram `comment` and `paid`…): provider data, shown as text only. */
  channelData?: Record<string, unknown>;
  createdAt: string;
}

export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

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

export type AttributeValue = string | number | boolean;

/** A contact as the API shows it (GET, PATCH, POST of /contacts). */
export interface ContactProfile extends Contact {
  timeZone: string | null;
  otherEmails: string[];
  otherPhones: string[];
  /** By network: instagram, facebook, whatsapp, x, line, wechat. */
  socialHandles: Record<string, string>;
  company: { id: string; name: string } | null;
  attributes: Record<string, AttributeValue | null>;
  updatedAt: string;
}

export interface ContactDetail extends ContactProfile {
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

// Inbox

export interface Label {
  id: string;
  name: string;
  color: string;
}

export type InboxView = 'all' | 'mine' | 'unassigned' | 'mentions';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

/** A row of `GET /conversations` with the inbox fields. */
export interface InboxConversation extends ConversationSummary {
  customStatusId: string | null;
  snoozedUntil: string | null;
  teamId: string | null;
  labels: Label[];
  waitingSince: string | null;
  firstResponseAt: string | null;
  createdAt: string;
  unreadCount: number;
}

export interface ConversationParticipant {
  name?: string;
  address: string;
  kind: 'cc' | 'participant';
}

export interface InboxConversationDetail extends InboxConversation {
  messages: Message[];
  participants: ConversationParticipant[];
  /** Set when this conversation was merged into another: its messages live there now. */
  mergedInto: { id: string; number: number } | null;
}

/** A message that matched a search, with a short piece of its text around the first match. */
export interface MessageSearchHit {
  id: string;
  conversationId: string;
  number: number;
  subject: string;
  /** `inbound`, `outbound` or `note`. */
  direction: string;
  snippet: string;
  createdAt: string;
}

export interface ContactSearchHit {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

/** What `GET /search` answers with. */
export interface SearchResults {
  conversations: InboxConversation[];
  messages: MessageSearchHit[];
  contacts: ContactSearchHit[];
  /**
   * Set when the query as typed matched nothing and a spelling correction was searched instead: the results are for
   * this text. Older servers never send it.
   */
  correctedQuery?: string;
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export type ViewCounts = Record<InboxView, number>;

export interface CustomStatus {
  id: string;
  name: string;
  category: 'open' | 'pending' | 'resolved';
  position: number;
}

export interface CannedReply {
  id: string;
  shortcut: string;
  title: string;
  body: string;
}

export interface Team {
  id: string;
  name: string;
}

export interface SlaTarget {
  target: 'first_response' | 'next_response' | 'resolution' | string;
  dueAt: string | null;
  state: 'met' | 'ok' | 'due_soon' | 'breached' | 'paused' | string;
  remainingMinutes: number | null;
}

export interface ConversationSla {
  policyName: string | null;
  targets: SlaTarget[];
}

export interface TimelineItem {
  kind: string;
  id?: string;
  at: string;
  summary?: string;
}

export interface AppNotification {
  id: string;
  kind: string;
  conversationId: string | null;
  messageId: string | null;
  text: string;
  readAt: string | null;
  createdAt: string;
}

export interface ConversationPatch {
  status?: string;
  snoozedUntil?: string | null;
  customStatusId?: string | null;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  subject?: string;
}

export interface InboxQuery {
  view: InboxView;
  status: string;
  sort: string;
  inboxId?: string | null;
  labelId?: string | null;
  priority?: string | null;
  channel?: string | null;
  teamId?: string | null;
  assigneeId?: string | null;
  sla?: string | null;
}

/** The conversation list's query as the API stores it for a saved view: absent means the API's default. */
export type SavedViewFilters = Partial<Record<'view' | 'status' | 'sort' | 'inboxId' | 'labelId' | 'priority' | 'channel' | 'teamId' | 'assigneeId' | 'sla', string>>;

export interface SavedView {
  id: string;
  name: string;
  visibility: 'personal' | 'shared';
  filters: SavedViewFilters;
  createdAt: string;
  /** Conversations the view lists now, when asked for. */
  count?: number;
}
