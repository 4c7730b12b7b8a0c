import { describe, expect, it } from 'vitest';
import { matchPath } from './history.ts';

describe('matchPath', () => {
  it('returns the decoded params of a matching path', () => {
    expect(matchPath('/a/:accountId/contacts/:contactId', '/a/acc-1/contacts/c%20d')).toEqual({ accountId: 'acc-1', contactId: 'c d' });
  });

  it('ignores a trailing slash', () => {
    expect(matchPath('/invite/:token', '/invite/abc/')).toEqual({ token: 'abc' });
  });

  it('does not match paths of another length or with other fixed parts', () => {
    expect(matchPath('/a/:accountId', '/a/1/contacts')).toBeNull();
    expect(matchPath('/invite/:token', '/invites/abc')).toBeNull();
  });

  it('rejects a malformed escape instead of throwing', () => {
    expect(matchPath('/invite/:token', '/invite/%E0%A4%A')).toBeNull();
  });
});
