import { isApiError } from './api-error.ts';
import { buildQuery, requestJson, uploadFile, type UploadOptions } from './client.ts';
import type {
  AppNotification, Attachment, CannedReply, ConversationPatch, ConversationSla, CursorPage, CustomStatus, InboxConversation,
  InboxConversationDetail, InboxQuery, Label, Message, SavedView, SavedViewFilters, SearchResults, Team, TimelineItem, ViewCounts,
} from './types.ts';

const accountPath = (accountId: string, rest = '') => `/accounts/${encodeURIComponent(accountId)}${rest}`;
const conversationPath = (accountId: string, conversationId: string, rest = '') =>
  accountPath(accountId, `/conversations/${encodeURIComponent(conversationId)}${rest}`);

/** Endpoints other engineers are still adding answer 404 on older servers: the UI then shows nothing for them. */
async function orNullWhenMissing<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

export function listInboxConversations(
  accountId: string,
  query: InboxQuery,
  page: { cursor?: string | null; limit?: number },
  signal?: AbortSignal,
): Promise<CursorPage<InboxConversation>> {
  const search = buildQuery({ ...query, cursor: page.cursor ?? null, limit: page.limit ?? 30 });
  return requestJson('GET', accountPath(accountId, `/conversations${search}`), { signal });
}

export function getViewCounts(accountId: string, signal?: AbortSignal): Promise<ViewCounts> {
  return requestJson('GET', accountPath(accountId, '/conversations/counts'), { signal });
}

export function listSavedViews(accountId: string, signal?: AbortSignal): Promise<SavedView[]> {
  return requestJson('GET', accountPath(accountId, '/saved-views?counts=true'), { signal });
}

export function createSavedView(accountId: string, input: { name: string; visibility: SavedView['visibility']; filters: SavedViewFilters }): Promise<SavedView> {
  return requestJson('POST', accountPath(accountId, '/saved-views'), { body: input });
}

export function updateSavedView(accountId: string, savedViewId: string, patch: { name?: string; filters?: SavedViewFilters }): Promise<SavedView> {
  return requestJson('PATCH', accountPath(accountId, `/saved-views/${encodeURIComponent(savedViewId)}`), { body: patch });
}

export function deleteSavedView(accountId: string, savedViewId: string): Promise<unknown> {
  return requestJson('DELETE', accountPath(accountId, `/saved-views/${encodeURIComponent(savedViewId)}`));
}

export function getInboxConversation(accountId: string, conversationId: string, signal?: AbortSignal): Promise<InboxConversationDetail> {
  return requestJson('GET', conversationPath(accountId, conversationId), { signal });
}

export function updateConversation(accountId: string, conversationId: string, patch: ConversationPatch): Promise<InboxConversation> {
  return requestJson('PATCH', conversationPath(accountId, conversationId), { body: patch });
}

export function bulkUpdateConversations(accountId: string, conversationIds: string[], patch: ConversationPatch): Promise<unknown> {
  return requestJson('POST', accountPath(accountId, '/conversations/bulk'), { body: { conversationIds, patch } });
}

/** Conversations matching a number (`42`, `#42`) or words of their subject or messages. */
export function searchConversations(accountId: string, query: string, signal?: AbortSignal): Promise<SearchResults> {
  return requestJson('GET', accountPath(accountId, `/search${buildQuery({ q: query, limit: 10 })}`), { signal });
}

/** How many of each kind the search page shows. */
export const SEARCH_PAGE_LIMIT = 20;

/** Conversations, messages and contacts matching what the agent typed, with no time window (the search page). */
export function searchEverything(accountId: string, query: string, signal?: AbortSignal): Promise<SearchResults> {
  return requestJson('GET', accountPath(accountId, `/search${buildQuery({ q: query, limit: SEARCH_PAGE_LIMIT })}`), { signal });
}

/** Merges `conversationId` into `targetConversationId`; answers the target. */
export function mergeConversation(accountId: string, conversationId: string, targetConversationId: string): Promise<InboxConversationDetail> {
  return requestJson('POST', conversationPath(accountId, conversationId, '/merge'), { body: { targetConversationId } });
}

/** Moves the given messages to a new conversation; answers the new one. */
export function splitConversation(accountId: string, conversationId: string, input: { messageIds: string[]; subject?: string }): Promise<InboxConversationDetail> {
  return requestJson('POST', conversationPath(accountId, conversationId, '/split'), { body: input });
}

export function markConversationRead(accountId: string, conversationId: string): Promise<unknown> {
  return requestJson('POST', conversationPath(accountId, conversationId, '/read'));
}

export interface SendMessageInput {
  kind: 'reply' | 'note';
  body: string;
  mentionUserIds?: string[];
  scheduledFor?: string;
  /** Random per send: a retried request is recognised and never sends twice. */
  clientKey: string;
  /** Uploads (`uploadAttachment`) to send with it; the body may then be empty. */
  attachmentIds?: string[];
  /** How the channel sends the reply: `{ replyMode: 'public' | 'private' }` for a Messenger or Instagram comment. */
  channelOptions?: Record<string, string>;
}

export function sendMessage(accountId: string, conversationId: string, input: SendMessageInput): Promise<Message> {
  return requestJson('POST', conversationPath(accountId, conversationId, '/messages'), { body: input });
}

export function uploadAttachment(accountId: string, file: File, options?: UploadOptions): Promise<Attachment> {
  return uploadFile(accountPath(accountId, '/attachments'), file, options);
}

/** Removes an upload that has not been sent (the composer's remove button). */
export function deleteAttachment(accountId: string, attachmentId: string): Promise<void> {
  return requestJson('DELETE', accountPath(accountId, `/attachments/${encodeURIComponent(attachmentId)}`));
}

export function getAttachmentLimits(accountId: string, signal?: AbortSignal): Promise<{ maxBytes: number }> {
  return requestJson('GET', accountPath(accountId, '/attachments/limits'), { signal });
}

export function cancelScheduledMessage(accountId: string, conversationId: string, messageId: string): Promise<void> {
  return requestJson('DELETE', conversationPath(accountId, conversationId, `/messages/${encodeURIComponent(messageId)}`));
}

export function listLabels(accountId: string, signal?: AbortSignal): Promise<Label[]> {
  return requestJson('GET', accountPath(accountId, '/labels'), { signal });
}

export function setConversationLabels(accountId: string, conversationId: string, labelIds: string[]): Promise<Label[]> {
  return requestJson('PUT', conversationPath(accountId, conversationId, '/labels'), { body: { labelIds } });
}

export function listCustomStatuses(accountId: string, signal?: AbortSignal): Promise<CustomStatus[]> {
  return requestJson('GET', accountPath(accountId, '/custom-statuses'), { signal });
}

export function listCannedReplies(accountId: string, q: string, signal?: AbortSignal): Promise<CannedReply[]> {
  return requestJson('GET', accountPath(accountId, `/canned-replies${buildQuery({ q })}`), { signal });
}

export function renderCannedReply(accountId: string, conversationId: string, cannedReplyId: string): Promise<{ body: string }> {
  return requestJson('POST', conversationPath(accountId, conversationId, `/canned-replies/${encodeURIComponent(cannedReplyId)}/render`));
}

export async function listTeams(accountId: string, signal?: AbortSignal): Promise<Team[]> {
  const answer = await orNullWhenMissing(requestJson<Team[] | { items: Team[] }>('GET', accountPath(accountId, '/teams'), { signal }));
  if (!answer) return [];
  return Array.isArray(answer) ? answer : answer.items;
}

export function getConversationSla(accountId: string, conversationId: string, signal?: AbortSignal): Promise<ConversationSla | null> {
  return orNullWhenMissing(requestJson('GET', conversationPath(accountId, conversationId, '/sla'), { signal }));
}

export async function getContactTimeline(accountId: string, contactId: string, signal?: AbortSignal): Promise<TimelineItem[] | null> {
  const answer = await orNullWhenMissing(
    requestJson<{ items: TimelineItem[] }>('GET', accountPath(accountId, `/contacts/${encodeURIComponent(contactId)}/timeline`), { signal }),
  );
  return answer ? answer.items : null;
}

export function listNotifications(accountId: string, signal?: AbortSignal): Promise<AppNotification[]> {
  return requestJson('GET', accountPath(accountId, '/notifications?unread=true'), { signal });
}

export function markNotificationsRead(accountId: string, ids?: string[]): Promise<unknown> {
  return requestJson('POST', accountPath(accountId, '/notifications/read'), { body: ids ? { ids } : {} });
}
