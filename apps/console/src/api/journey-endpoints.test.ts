import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { readStepProblems } from './journey-endpoints.ts';

describe('readStepProblems', () => {
  it('reads the per-step errors of a 422 from publish, keeping journey-wide ones without a step', () => {
    const error = new ApiError(422, 'journey_invalid', 'Journey invalid', null, [], null, {
      errors: [{ stepId: 'split-1', message: 'The paths add up to 90%.' }, { message: 'The entry segment no longer exists.' }, { stepId: 'x' }],
    });
    expect(readStepProblems(error)).toEqual([
      { stepId: 'split-1', message: 'The paths add up to 90%.' },
      { stepId: null, message: 'The entry segment no longer exists.' },
    ]);
  });

  it('finds nothing in other errors', () => {
    expect(readStepProblems(new ApiError(409, 'conflict', 'Conflict', null, [], null, { errors: [{ stepId: 'a', message: 'b' }] }))).toEqual([]);
    expect(readStepProblems(new Error('boom'))).toEqual([]);
  });
});
