import { describe, expect, it } from 'vitest';
import { pickSplitPath, splitRoll } from './steps.ts';
import { checkDefinition } from './validate-definition.ts';

const TEMPLATE = '11111111-1111-4111-8111-111111111111';

describe('checkDefinition', () => {
  it('accepts a connected journey whose split adds up to 100', () => {
    const result = checkDefinition({
      entry: { kind: 'event', eventName: 'portal.signed_in' },
      start: 'ab',
      steps: [
        { id: 'ab', kind: 'split', paths: [{ label: 'A', percent: 50, next: 'send' }, { label: 'B', percent: 50, next: null }] },
        { id: 'send', kind: 'send_message', channel: 'email', templateId: TEMPLATE, next: null },
      ],
    });
    expect(result.errors).toEqual([]);
    expect(result.definition?.reentry).toBe('never');
  });

  it('names the step of each problem: duplicate ids, unknown next steps, an unknown start', () => {
    const { errors } = checkDefinition({
      entry: { kind: 'event', eventName: 'x' },
      start: 'missing',
      steps: [
        { id: 'a', kind: 'wait_duration', seconds: 5, next: 'ghost' },
        { id: 'a', kind: 'wait_duration', seconds: 5, next: null },
      ],
    });
    expect(errors).toEqual(expect.arrayContaining([
      { stepId: null, message: 'start names an unknown step “missing”' },
      { stepId: 'a', message: 'another step has the same id' },
      { stepId: 'a', message: 'leads to an unknown step “ghost”' },
    ]));
  });

  it('refuses a webhook over plain http to another machine', () => {
    const { errors } = checkDefinition({ entry: { kind: 'event', eventName: 'x' }, start: 'hook', steps: [{ id: 'hook', kind: 'call_webhook', url: 'http://10.0.0.5/hook', next: null }] });
    expect(errors).toEqual([{ stepId: 'hook', message: 'the webhook URL must use https (plain http is allowed only to localhost)' }]);
  });

  it('reports a shape error with the id of the step it is in', () => {
    const { errors } = checkDefinition({ entry: { kind: 'event', eventName: 'x' }, start: 'a', steps: [{ id: 'a', kind: 'wait_duration', seconds: 0, next: null }] });
    expect(errors[0]?.stepId).toBe('a');
  });
});

describe('split paths', () => {
  it('spread runs by their percents (70/30 over 10,000 runs within two points)', () => {
    const paths = [{ label: 'A', percent: 70 }, { label: 'B', percent: 30 }];
    let a = 0;
    for (let i = 0; i < 10_000; i += 1) if (pickSplitPath(paths, splitRoll(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 'ab')).label === 'A') a += 1;
    expect(a / 10_000).toBeGreaterThan(0.68);
    expect(a / 10_000).toBeLessThan(0.72);
  });

  it('are the same for the same run and step every time (a replay takes the same path)', () => {
    const runId = '6f1c2a3e-0000-4000-8000-000000000001';
    expect(splitRoll(runId, 'ab')).toBe(splitRoll(runId, 'ab'));
    expect(pickSplitPath([{ label: 'A', percent: 0 }, { label: 'B', percent: 100 }], splitRoll(runId, 'ab')).label).toBe('B');
  });
});
