import { describe, expect, it } from 'vitest';
import { isComparableIp, generateReferralCode, hashAddress, hashDevice, hashIp, normalizeReferralEmail, normalizeReferralPhone, REFERRAL_CODE_PATTERN } from './referral-identity.ts';

describe('referral identity', () => {
  it('reads Gmail addresses with dots, a plus tag or another case as one inbox', () => {
    expect(normalizeReferralEmail('Sakura.Tanaka+friend@GoogleMail.com')).toBe('sakuratanaka@gmail.com');
    expect(normalizeReferralEmail('s.a.k.u.r.a.t.a.n.a.k.a@gmail.com')).toBe('sakuratanaka@gmail.com');
  });

  it('keeps dots for providers that do not ignore them, and drops plus tags where the provider does', () => {
    expect(normalizeReferralEmail('Jo.Ann+shop@outlook.com')).toBe('jo.ann@outlook.com');
    expect(normalizeReferralEmail('jo.ann+shop@example.co.jp')).toBe('jo.ann+shop@example.co.jp');
  });

  it('compares phones by their digits', () => {
    expect(normalizeReferralPhone('+81 90-1234-5678')).toBe(normalizeReferralPhone('+819012345678'));
  });

  it('hashes one address written two ways to the same value', () => {
    expect(hashAddress('12 Main Street, Apt. 4')).toBe(hashAddress('12  main st apt 4'));
    expect(hashAddress('１２ Main St')).toBe(hashAddress('12 main st'));
    expect(hashAddress('12 Main St')).not.toBe(hashAddress('14 Main St'));
  });

  it('hashes devices and IPs without keeping them readable, and an IP differently per salt', () => {
    expect(hashDevice('d1', 'UA')).not.toContain('d1');
    expect(hashIp('salt-a', '203.0.113.9')).not.toBe(hashIp('salt-b', '203.0.113.9'));
    expect(hashIp('salt-a', '203.0.113.9')).toBe(hashIp('salt-a', '203.0.113.9'));
  });

  it('generates short codes of unambiguous characters that do not repeat', () => {
    const codes = new Set(Array.from({ length: 2000 }, generateReferralCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(REFERRAL_CODE_PATTERN);
  });

  it('never compares loopback, private or link-local IPs, which say nothing about a person', () => {
    for (const ip of ['127.0.0.1', '::1', '10.1.2.3', '172.20.0.5', '192.168.1.9', '::ffff:192.168.0.2', 'fe80::1', '100.64.0.1']) expect(isComparableIp(ip)).toBe(false);
    for (const ip of ['203.0.113.9', '8.8.8.8', '2001:db8::1', '172.32.0.1']) expect(isComparableIp(ip)).toBe(true);
  });
});
