import { describe, expect, it } from 'vitest';
import type { ContactDetail } from '../../api/types.ts';
import { previewMerge } from './merge-preview.ts';

function contact(fields: Partial<ContactDetail>): ContactDetail {
  return {
    id: crypto.randomUUID(), name: 'Someone', email: null, phone: null, locale: null, timeZone: null, otherEmails: [], otherPhones: [],
    socialHandles: {}, company: null, attributes: {}, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', orders: [], conversations: [],
    ...fields,
  };
}

describe('merge preview', () => {
  it('lists the duplicate’s emails and phones the kept contact lacks, and what moves', () => {
    const kept = contact({ email: 'yui@example.jp', otherEmails: ['yui@work.example'], phone: '+8190' });
    const duplicate = contact({ email: 'yui-old@example.jp', otherEmails: ['yui@work.example'], phone: '+8190', otherPhones: ['+8180'] });
    const preview = previewMerge(kept, duplicate, 2);
    expect(preview).toMatchObject({ conversations: 0, orders: 0, notes: 2, addedEmails: ['yui-old@example.jp'], addedPhones: ['+8180'] });
  });

  it('fills only the gaps of the kept contact: its own language, company and attributes win', () => {
    const company = { id: crypto.randomUUID(), name: 'Acme' };
    const kept = contact({ locale: 'ja', attributes: { tier: 'gold' }, socialHandles: { line: 'yui' } });
    const duplicate = contact({ locale: 'en', timeZone: 'Asia/Tokyo', company, attributes: { tier: 'silver' }, socialHandles: { line: 'other' } });
    expect(previewMerge(kept, duplicate, 0).filledFields).toEqual(['timeZone', 'company']);
    const withNew = contact({ attributes: { size: 'M' }, socialHandles: { x: 'yui_x' } });
    expect(previewMerge(kept, withNew, 0).filledFields).toEqual(['socialHandles', 'attributes']);
  });
});
