import { describe, expect, it } from 'vitest';
import type { PublishedEvent } from '@touchpoint/core';
import { describeForScreens } from './live-feed-sockets.ts';

const post = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'p1', feedId: 'f1', source: 'viewer', authorName: 'Mika', text: 'Hello', emoji: null, photo: false, status, blockReason: status === 'blocked' ? 'phrase: x' : null, pinned: false, moderatedAt: null, createdAt: '2026-01-01T00:00:00.000Z', ...extra,
});
const event = (type: string, payload: Record<string, unknown>): PublishedEvent => ({ id: 1, type: type as PublishedEvent['type'], accountId: 'a1', payload: { feedId: 'f1', ...payload }, audience: { kind: 'account' }, occurredAt: '2026-01-01T00:00:00.000Z' });

describe('what the screens are told', () => {
  it('sends an approved post without its moderation details, and never a pending, rejected or blocked one', () => {
    const shown = JSON.parse(describeForScreens(event('live_post.received', { post: post('approved') }))!);
    expect(shown).toEqual({ type: 'post', post: { id: 'p1', source: 'viewer', authorName: 'Mika', text: 'Hello', emoji: null, photo: false, pinned: false, createdAt: '2026-01-01T00:00:00.000Z' } });
    for (const status of ['pending', 'rejected', 'blocked']) expect(describeForScreens(event('live_post.received', { post: post(status) }))).toBeNull();
  });

  it('tells removals, pins and poll results, but not a draft poll or other events', () => {
    expect(JSON.parse(describeForScreens(event('live_post.removed', { post: post('rejected') }))!)).toEqual({ type: 'removed', postId: 'p1' });
    expect(JSON.parse(describeForScreens(event('live_post.pinned', { post: post('approved', { pinned: true }), unpinnedId: 'p0' }))!)).toMatchObject({ type: 'pinned', post: { id: 'p1' }, unpinnedId: 'p0' });
    expect(describeForScreens(event('live_poll.changed', { poll: { status: 'draft' } }))).toBeNull();
    expect(describeForScreens(event('message.created', { post: post('approved') }))).toBeNull();
  });
});
