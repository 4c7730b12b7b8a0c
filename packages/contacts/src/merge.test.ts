import { describe, expect, it } from 'vitest';
import { mergeProfiles } from './merge.ts';

const blank = { email: null, phone: null, otherEmails: [], otherPhones: [], socialHandles: {}, attributes: {}, locale: null, timeZone: null, companyId: null };

describe('mergeProfiles', () => {
  it('keeps the kept contact’s primary email and phone and adds the duplicate’s as other ones', () => {
    const merged = mergeProfiles({ ...blank, email: 'a@x.test', phone: '+811' }, { ...blank, email: 'b@x.test', phone: '+812', otherEmails: ['c@x.test', 'a@x.test'] });
    expect(merged.email).toBe('a@x.test');
    expect(merged.otherEmails).toEqual(['b@x.test', 'c@x.test']);
    expect(merged.phone).toBe('+811');
    expect(merged.otherPhones).toEqual(['+812']);
  });

  it('takes the duplicate’s email and phone as primary where the kept contact has none', () => {
    const merged = mergeProfiles({ ...blank }, { ...blank, email: 'b@x.test', phone: '+812' });
    expect(merged).toMatchObject({ email: 'b@x.test', phone: '+812', otherEmails: [], otherPhones: [] });
  });

  it('fills social handles, attributes, language, time zone and company only where the kept contact has none', () => {
    const merged = mergeProfiles(
      { ...blank, socialHandles: { line: 'kept' }, attributes: { tier: 'gold', vip: null }, locale: 'ja' },
      { ...blank, socialHandles: { line: 'dup', instagram: 'dup_ig' }, attributes: { tier: 'silver', vip: true, size: 'M' }, locale: 'en', timeZone: 'Asia/Tokyo', companyId: 'c1' },
    );
    expect(merged.socialHandles).toEqual({ line: 'kept', instagram: 'dup_ig' });
    expect(merged.attributes).toEqual({ tier: 'gold', vip: true, size: 'M' });
    expect(merged).toMatchObject({ locale: 'ja', timeZone: 'Asia/Tokyo', companyId: 'c1' });
  });
});
