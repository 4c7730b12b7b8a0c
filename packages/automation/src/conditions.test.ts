import { describe, expect, it } from 'vitest';
import { matchesCondition, localTimeOf, type RuleContext } from './conditions.ts';
import { assertRuleDefinition } from './definitions.ts';

const context = (overrides: Partial<RuleContext> = {}): RuleContext => ({
  conversation: { status: 'open', priority: 'normal', assigneeId: null, inboxId: 'inbox-1' } as RuleContext['conversation'],
  channel: 'email',
  labelIds: ['label-1'],
  contact: { locale: 'zh-CN', attributes: { plan: 'Gold Plus', seats: 12 } },
  timeZone: 'Asia/Tokyo',
  message: { direction: 'inbound', body: '我想退货, PLEASE' },
  slaTarget: null,
  now: new Date('2026-11-23T01:00:00Z'), // Monday 10:00 in Tokyo
  ...overrides,
});

describe('rule conditions', () => {
  it('finds Chinese and Latin text case-insensitively, and "not contains" holds when there is no message', () => {
    expect(matchesCondition({ field: 'message_text', operator: 'contains', value: '退货' }, context())).toBe(true);
    expect(matchesCondition({ field: 'message_text', operator: 'contains', value: 'please' }, context())).toBe(true);
    expect(matchesCondition({ field: 'message_text', operator: 'not_contains', value: '退货' }, context())).toBe(false);
    expect(matchesCondition({ field: 'message_text', operator: 'not_contains', value: '退货' }, context({ message: null }))).toBe(true);
  });

  it('tells assignee none, any and specific apart', () => {
    expect(matchesCondition({ field: 'assignee', operator: 'is_none' }, context())).toBe(true);
    expect(matchesCondition({ field: 'assignee', operator: 'is_any' }, context())).toBe(false);
  });

  it('compares contact attributes, labels and language', () => {
    expect(matchesCondition({ field: 'contact_attribute', operator: 'contains', value: { key: 'plan', value: 'gold' } }, context())).toBe(true);
    expect(matchesCondition({ field: 'contact_attribute', operator: 'equals', value: { key: 'seats', value: 12 } }, context())).toBe(true);
    expect(matchesCondition({ field: 'label', operator: 'has_not', value: 'label-1' }, context())).toBe(false);
    expect(matchesCondition({ field: 'contact_language', operator: 'equals', value: 'zh' }, context())).toBe(true);
  });

  it('checks weekday and hour in the account time zone', () => {
    expect(localTimeOf(new Date('2026-11-23T01:00:00Z'), 'Asia/Tokyo')).toEqual({ weekday: 1, hour: 10 });
    const officeHours = { days: [1, 2, 3, 4, 5], fromHour: 9, toHour: 18 };
    expect(matchesCondition({ field: 'time', operator: 'within', value: officeHours }, context())).toBe(true);
    expect(matchesCondition({ field: 'time', operator: 'within', value: officeHours }, context({ timeZone: 'America/New_York' }))).toBe(false);
  });
});

describe('rule definitions', () => {
  it('rejects unknown events, fields, operators, actions and bad params, naming each', () => {
    expect(() => assertRuleDefinition({ event: 'moon.landed' })).toThrow(/moon\.landed/);
    expect(() => assertRuleDefinition({ conditions: [{ field: 'priority', operator: 'greater_than', value: 'low' }] })).toThrow(/greater_than/);
    expect(() => assertRuleDefinition({ actions: [{ type: 'snooze', params: { hours: -1 } }] })).toThrow(/actions\.0\.params\.hours/);
    expect(() => assertRuleDefinition({ event: 'sla.breached', conditions: [{ field: 'sla_target', operator: 'equals', value: 'first_response' }], actions: [{ type: 'resolve' }] })).not.toThrow();
  });
});
