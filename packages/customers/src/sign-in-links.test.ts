import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AccountScope } from '@touchpoint/core';
import type { Database } from '@touchpoint/db';
import { createContact, mergeContacts } from '@touchpoint/contacts';
import { createTestWorkspace, type TestWorkspace } from '../../../apps/server/src/testing/test-app.ts';
import { getTestDatabase } from '../../../apps/server/src/testing/test-database.ts';
import { mayContactOn, setCommunicationConsent } from './consent.ts';
import { openCustomerSession, resolveCustomerSession } from './customer-sessions.ts';
import { EMAIL_LINK_TTL_MS, mintSignInLink, redeemSignInLink, requestSignInLink } from './sign-in-links.ts';

let db: Database;
let ws: TestWorkspace;
let scope: AccountScope;
const run = randomUUID().slice(0, 8);
let ip = 0;
// A fresh client address per request, so runs sharing a database never add up against the per-IP limit.
const client = () => ({ ip: `10.77.${randomInt(256)}.${(ip += 1) % 256}` });

beforeAll(async () => {
  db = (await getTestDatabase()).db;
  ws = await createTestWorkspace('Portal domain');
  scope = { accountId: ws.accountId, actor: { type: 'system', id: null, name: 'test', role: 'admin' } };
});

describe('sign-in links', () => {
  it('are issued for a known address only, in the contact’s language, and work exactly once', async () => {
    const contact = await createContact(db, scope, { name: 'Aiko', email: `aiko-${run}@example.test`, locale: 'ja' });
    const delivery = await requestSignInLink(db, ws.accountId, { email: `  AIKO-${run}@example.test `, locale: 'en' }, client());
    expect(delivery).toMatchObject({ to: `aiko-${run}@example.test`, locale: 'ja', contactName: 'Aiko' });
    expect(await redeemSignInLink(db, ws.accountId, delivery!.token)).toEqual({ contactId: contact.id });
    await expect(redeemSignInLink(db, ws.accountId, delivery!.token)).rejects.toMatchObject({ status: 410 });
  });

  it('give nothing to send for an unknown address, and create no contact', async () => {
    expect(await requestSignInLink(db, ws.accountId, { email: `nobody-${run}@example.test` }, client())).toBeNull();
  });

  it('expire after 15 minutes', async () => {
    await createContact(db, scope, { name: 'Ben', email: `ben-${run}@example.test` });
    const issuedAt = new Date();
    const delivery = await requestSignInLink(db, ws.accountId, { email: `ben-${run}@example.test` }, client(), undefined, issuedAt);
    await expect(redeemSignInLink(db, ws.accountId, delivery!.token, new Date(issuedAt.getTime() + EMAIL_LINK_TTL_MS + 1000))).rejects.toMatchObject({ code: 'invitation_expired' });
  });

  it('work only on the portal of the account that issued them', async () => {
    const other = await createTestWorkspace('Other portal');
    const contact = await createContact(db, scope, { name: 'Chie', email: `chie-${run}@example.test` });
    const link = await mintSignInLink(db, ws.accountId, contact.id, 'widget');
    await expect(redeemSignInLink(db, other.accountId, link.token)).rejects.toMatchObject({ status: 410 });
    expect(await redeemSignInLink(db, ws.accountId, link.token)).toEqual({ contactId: contact.id });
  });

  it('are limited per address, known or not, with the same refusal', async () => {
    const email = `limited-${run}@example.test`;
    for (let i = 0; i < 5; i += 1) await requestSignInLink(db, ws.accountId, { email }, client());
    await expect(requestSignInLink(db, ws.accountId, { email }, client())).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
  });

  it('are limited per client address across many addresses', async () => {
    const from = { ip: `10.78.${randomInt(256)}.${randomInt(256)}` };
    const limit = { windowMs: 60_000, perAddress: 5, perIp: 3 };
    for (let i = 0; i < 3; i += 1) await requestSignInLink(db, ws.accountId, { email: `spray-${i}-${run}@example.test` }, from, limit);
    await expect(requestSignInLink(db, ws.accountId, { email: `spray-9-${run}@example.test` }, from, limit)).rejects.toMatchObject({ status: 429 });
  });
});

describe('customer sessions', () => {
  it('belong to one account and follow the contact into the one it was merged into', async () => {
    const kept = await createContact(db, scope, { name: 'Dai', email: `dai-${run}@example.test` });
    const duplicate = await createContact(db, scope, { name: 'Dai (chat)' });
    const session = await openCustomerSession(db, ws.accountId, duplicate.id, { ip: '127.0.0.1', userAgent: null });
    const other = await createTestWorkspace('Session elsewhere');
    expect(await resolveCustomerSession(db, other.accountId, session.token)).toBeNull();
    await mergeContacts(db, scope, kept.id, duplicate.id);
    expect((await resolveCustomerSession(db, ws.accountId, session.token))?.contactId).toBe(kept.id);
  });
});

describe('communication consent', () => {
  it('keeps the latest answer per channel with its time and source, and a refusal stops business-started sends', async () => {
    const contact = await createContact(db, scope, { name: 'Eri', email: `eri-${run}@example.test` });
    expect(await mayContactOn(db, ws.accountId, contact.id, 'email')).toBe(true);
    const at = new Date('2026-05-01T00:00:00Z');
    const consent = await setCommunicationConsent(db, ws.accountId, contact.id, { email: false, sms: true }, 'portal', at);
    expect(consent).toEqual({ email: { granted: false, at: at.toISOString(), source: 'portal' }, sms: { granted: true, at: at.toISOString(), source: 'portal' }, whatsapp: null, messenger: null });
    expect(await mayContactOn(db, ws.accountId, contact.id, 'email')).toBe(false);
    expect(await mayContactOn(db, ws.accountId, contact.id, 'sms')).toBe(true);
  });
});
