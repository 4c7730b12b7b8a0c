import { describe, expect, it } from 'vitest';
import { readInboxQuery } from './inbox-state.ts';
import { filtersFromQuery, legacyViewToInput, queryStringOfFilters } from './saved-views.ts';

describe('saved view filters and the list URL', () => {
  it('stores the console’s view always and other filters only when set', () => {
    expect(filtersFromQuery(readInboxQuery(new URLSearchParams('')))).toEqual({ view: 'mine' });
    expect(filtersFromQuery(readInboxQuery(new URLSearchParams('view=unassigned&status=any&sort=waiting&priority=high&assigneeId=u1')))).toEqual({
      view: 'unassigned', status: 'any', sort: 'waiting', priority: 'high', assigneeId: 'u1',
    });
  });

  it('opens a view saved without a view (through the API) as “all”, and round-trips the console’s own', () => {
    expect(queryStringOfFilters({})).toBe('?view=all');
    expect(queryStringOfFilters({ view: 'mine' })).toBe('');
    const search = '?view=unassigned&status=pending&labelId=l1&channel=email';
    expect(queryStringOfFilters(filtersFromQuery(readInboxQuery(new URLSearchParams(search))))).toBe(search);
  });

  it('turns a view this browser kept in localStorage into the API’s input', () => {
    expect(legacyViewToInput({ name: '  Urgent email ', query: '?view=all&priority=urgent&channel=email' })).toEqual({ name: 'Urgent email', filters: { view: 'all', priority: 'urgent', channel: 'email' } });
  });
});
