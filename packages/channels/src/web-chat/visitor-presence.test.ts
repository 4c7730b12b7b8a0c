import { describe, expect, it } from 'vitest';
import { createInProcessBus } from '@touchpoint/events';
import { VISITOR_PRESENCE_TTL_MS, announceVisitors, createVisitorPresence } from './visitor-presence.ts';

const visitor = { inboxId: 'inbox-1', key: 'anon:abc' };

describe('visitor presence across nodes', () => {
  it('counts a visitor online while any node has their chat open', async () => {
    const bus = createInProcessBus();
    const presence = createVisitorPresence(bus);
    expect(presence.isOnline(visitor)).toBe(false);
    await announceVisitors(bus, 'node-a', [visitor], true);
    await announceVisitors(bus, 'node-b', [visitor], true);
    await announceVisitors(bus, 'node-a', [visitor], false);
    expect(presence.isOnline(visitor)).toBe(true);
    await announceVisitors(bus, 'node-b', [visitor], false);
    expect(presence.isOnline(visitor)).toBe(false);
    expect(presence.isOnline({ inboxId: 'inbox-2', key: visitor.key })).toBe(false);
    presence.close();
  });

  it('forgets a node that stopped repeating its visitors (it died without saying goodbye)', async () => {
    const bus = createInProcessBus();
    let now = 1_000_000;
    const presence = createVisitorPresence(bus, () => now);
    await announceVisitors(bus, 'node-a', [visitor], true);
    now += VISITOR_PRESENCE_TTL_MS - 1;
    expect(presence.isOnline(visitor)).toBe(true);
    now += 1;
    expect(presence.isOnline(visitor)).toBe(false);
    presence.close();
  });

  it('ignores every other event on the bus', async () => {
    const bus = createInProcessBus();
    const presence = createVisitorPresence(bus);
    await bus.publish([{ id: 1, type: 'presence.changed', accountId: 'a', payload: { conversationId: 'c', userId: 'u', state: 'typing' }, audience: { kind: 'inbox', inboxId: 'i' }, occurredAt: new Date().toISOString() }]);
    await bus.publish([{ id: 2, type: 'message.created', accountId: 'a', payload: { widgetVisitors: 'not a notice' }, audience: { kind: 'account' }, occurredAt: new Date().toISOString() }]);
    expect(presence.isOnline(visitor)).toBe(false);
    presence.close();
  });
});
