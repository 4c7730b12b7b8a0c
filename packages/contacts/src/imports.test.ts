import { describe, expect, it } from 'vitest';
import { AppError } from '@touchpoint/core';
import { planColumns, readImportRow } from './imports.ts';

describe('planColumns', () => {
  it('reads the known columns case-insensitively, attr.<key> as attributes, and ignores the rest', () => {
    expect(planColumns(['Name', ' EMAIL ', 'time_zone', 'attr.tier', 'notes'])).toEqual([
      { kind: 'field', field: 'name' },
      { kind: 'field', field: 'email' },
      { kind: 'field', field: 'time_zone' },
      { kind: 'attribute', key: 'tier' },
      { kind: 'ignored' },
    ]);
  });

  it('follows a mapping from the file’s headers to the columns', () => {
    expect(planColumns(['氏名', 'メール'], { 氏名: 'name', メール: 'email' })).toEqual([{ kind: 'field', field: 'name' }, { kind: 'field', field: 'email' }]);
  });

  it('refuses a header without an email or phone column, and two columns for one field', () => {
    expect(() => planColumns(['name', 'company'])).toThrow(AppError);
    expect(() => planColumns(['email', 'E-mail'], { 'E-mail': 'email' })).toThrow(/two columns/);
  });
});

describe('readImportRow', () => {
  const columns = planColumns(['name', 'email', 'phone', 'locale', 'time_zone', 'attr.vip', 'attr.size']);

  it('turns a row into normalised contact fields with typed attributes', () => {
    expect(readImportRow(columns, ['田中 結衣', 'Yui@Example.JP', '+81 90-1234-5678', 'ja', 'asia/tokyo', 'true', 'M'])).toEqual({
      row: { name: '田中 結衣', email: 'yui@example.jp', phone: '+819012345678', locale: 'ja', timeZone: 'Asia/Tokyo', attributes: { vip: true, size: 'M' } },
    });
  });

  it('explains a bad row by column and skips a blank one silently', () => {
    expect(readImportRow(columns, ['X', 'not-an-email', '', 'fr', 'Mars/Base', '', ''])).toEqual({ error: expect.stringMatching(/^email: .*; locale: .*; time_zone: /) });
    expect(readImportRow(columns, ['Only a name', '', '', '', '', '', ''])).toEqual({ error: 'needs an email or a phone' });
    expect(readImportRow(columns, ['', ' ', '', '', '', '', ''])).toEqual({ error: null });
  });
});
