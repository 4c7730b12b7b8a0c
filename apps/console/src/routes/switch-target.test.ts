import { describe, expect, it } from 'vitest';
import { readSafeNext } from './paths.ts';
import { buildSwitchTarget } from './switch-target.ts';

const admin = { id: 'next', name: 'Outlet', role: 'admin' as const, timeZone: 'Asia/Tokyo' };
const agent = { id: 'next', name: 'Outlet', role: 'agent' as const, timeZone: 'Asia/Tokyo' };

describe('buildSwitchTarget', () => {
  it('keeps the section but drops ids that belong to the old account', () => {
    expect(buildSwitchTarget('/a/old/conversations/c1', admin)).toBe('/a/next/conversations');
    expect(buildSwitchTarget('/a/old/contacts/k1', admin)).toBe('/a/next/contacts');
  });

  it('keeps a settings page the role may open, and falls back to the profile otherwise', () => {
    expect(buildSwitchTarget('/a/old/settings/api-keys', admin)).toBe('/a/next/settings/api-keys');
    expect(buildSwitchTarget('/a/old/settings/api-keys', agent)).toBe('/a/next/settings/profile');
  });

  it('runs the same search in the new account', () => {
    expect(buildSwitchTarget('/a/old/search', agent, 'teapot #1042')).toBe('/a/next/search?q=teapot%20%231042');
    expect(buildSwitchTarget('/a/old/search', agent)).toBe('/a/next/search');
  });

  it('goes home from home or from an unknown page', () => {
    expect(buildSwitchTarget('/a/old', agent)).toBe('/a/next');
    expect(buildSwitchTarget('/a/old/whatever', agent)).toBe('/a/next');
  });
});

describe('readSafeNext', () => {
  it('follows same-origin paths only', () => {
    expect(readSafeNext('/a/1/contacts?q=x')).toBe('/a/1/contacts?q=x');
    expect(readSafeNext('//evil.example/x')).toBeNull();
    expect(readSafeNext('/\\evil.example')).toBeNull();
    expect(readSafeNext('https://evil.example')).toBeNull();
    expect(readSafeNext(null)).toBeNull();
  });
});
