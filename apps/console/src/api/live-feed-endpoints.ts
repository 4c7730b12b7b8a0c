import { requestJson } from './client.ts';

export type LiveFeedStatus = 'scheduled' | 'live' | 'ended';
export type LiveModeration = 'automatic' | 'manual';
export type LivePostKind = 'text' | 'emoji' | 'photo';
export type LivePostStatus = 'pending' | 'approved' | 'rejected' | 'blocked';
export type LiveLocale = 'en' | 'ja' | 'zh';

export interface LiveFeedFields {
  name: string;
  slug: string;
  moderation: LiveModeration;
  postsPerMinute: number;
  allowedKinds: LivePostKind[];
  locale: LiveLocale;
  builtinBlocklist: boolean;
  blockLinks: boolean;
}

export interface LiveFeed extends LiveFeedFields {
  id: string;
  status: LiveFeedStatus;
  createdAt: string;
  updatedAt: string;
}

export interface LivePost {
  id: string;
  feedId: string;
  source: 'viewer' | 'instagram' | 'facebook' | 'hashtag';
  authorName: string;
  text: string;
  emoji: string | null;
  photo: boolean;
  status: LivePostStatus;
  blockReason: string | null;
  pinned: boolean;
  moderatedAt: string | null;
  createdAt: string;
}

export interface LivePoll {
  id: string;
  feedId: string;
  question: string;
  status: 'draft' | 'open' | 'closed';
  options: { id: string; label: string; votes: number }[];
  total: number;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface LiveSource { id: string; kind: 'instagram' | 'facebook' | 'hashtag'; inboxId: string | null; postId: string | null; hashtag: string | null }
export interface BlockedPhrase { id: string; phrase: string; normalized: string; createdAt: string }
export type ModerationAction = 'approve' | 'reject' | 'pin' | 'unpin';

const enc = encodeURIComponent;
const base = (accountId: string) => `/accounts/${enc(accountId)}/live-feeds`;

/** Live feeds (docs/live-feed.md): feeds, the moderation queue, social sources, polls and the account's blocklist. */
export const listLiveFeeds = (accountId: string, signal?: AbortSignal) => requestJson<{ feeds: LiveFeed[]; handle: string }>('GET', base(accountId), { signal });
export const getLiveFeed = (accountId: string, feedId: string, signal?: AbortSignal) => requestJson<LiveFeed & { handle: string }>('GET', `${base(accountId)}/${enc(feedId)}`, { signal });
export const createLiveFeed = (accountId: string, fields: LiveFeedFields) => requestJson<LiveFeed>('POST', base(accountId), { body: fields });
export const updateLiveFeed = (accountId: string, feedId: string, fields: Partial<LiveFeedFields> & { status?: LiveFeedStatus }) =>
  requestJson<LiveFeed>('PATCH', `${base(accountId)}/${enc(feedId)}`, { body: fields });
export const deleteLiveFeed = (accountId: string, feedId: string) => requestJson<void>('DELETE', `${base(accountId)}/${enc(feedId)}`);

export const listLivePosts = (accountId: string, feedId: string, status: LivePostStatus, signal?: AbortSignal) =>
  requestJson<{ posts: LivePost[]; counts: Record<LivePostStatus, number> }>('GET', `${base(accountId)}/${enc(feedId)}/posts?status=${status}`, { signal });
export const moderateLivePost = (accountId: string, feedId: string, postId: string, action: ModerationAction) =>
  requestJson<LivePost>('POST', `${base(accountId)}/${enc(feedId)}/posts/${enc(postId)}/${action}`);
export const approveAllLivePosts = (accountId: string, feedId: string) => requestJson<{ approved: number }>('POST', `${base(accountId)}/${enc(feedId)}/posts/approve-pending`);
export const banLivePostAuthor = (accountId: string, feedId: string, postId: string) =>
  requestJson<{ rejected: number }>('POST', `${base(accountId)}/${enc(feedId)}/posts/${enc(postId)}/ban`);
export const livePostPhotoUrl = (accountId: string, feedId: string, postId: string) => `/api/v1${base(accountId)}/${enc(feedId)}/posts/${enc(postId)}/photo`;

export const listLiveSources = (accountId: string, feedId: string, signal?: AbortSignal) => requestJson<{ sources: LiveSource[] }>('GET', `${base(accountId)}/${enc(feedId)}/sources`, { signal });
export const addLiveSource = (accountId: string, feedId: string, source: Omit<LiveSource, 'id'>) => requestJson<LiveSource>('POST', `${base(accountId)}/${enc(feedId)}/sources`, { body: source });
export const removeLiveSource = (accountId: string, feedId: string, sourceId: string) => requestJson<void>('DELETE', `${base(accountId)}/${enc(feedId)}/sources/${enc(sourceId)}`);

export const listLivePolls = (accountId: string, feedId: string, signal?: AbortSignal) => requestJson<{ polls: LivePoll[] }>('GET', `${base(accountId)}/${enc(feedId)}/polls`, { signal });
export const createLivePoll = (accountId: string, feedId: string, body: { question: string; options: string[] }) => requestJson<LivePoll>('POST', `${base(accountId)}/${enc(feedId)}/polls`, { body });
export const setLivePollOpen = (accountId: string, feedId: string, pollId: string, open: boolean) =>
  requestJson<LivePoll>('POST', `${base(accountId)}/${enc(feedId)}/polls/${enc(pollId)}/${open ? 'open' : 'close'}`);

const blocklist = (accountId: string) => `/accounts/${enc(accountId)}/live-blocklist`;
export const getLiveBlocklist = (accountId: string, signal?: AbortSignal) => requestJson<{ phrases: BlockedPhrase[]; builtin: Record<string, string[]> }>('GET', blocklist(accountId), { signal });
export const addBlockedPhrase = (accountId: string, phrase: string) => requestJson<BlockedPhrase>('POST', blocklist(accountId), { body: { phrase } });
export const removeBlockedPhrase = (accountId: string, phraseId: string) => requestJson<void>('DELETE', `${blocklist(accountId)}/${enc(phraseId)}`);
