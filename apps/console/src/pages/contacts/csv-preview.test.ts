import { describe, expect, it } from 'vitest';
import { buildMapping, guessColumn, previewCsv } from './csv-preview.ts';

describe('CSV preview before an import', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF, and drops the byte-order mark', () => {
    const csv = '\uFEFFname,email,attr.note\r\n"Li, Wei",li@example.cn,"said ""hi""\r\ntwice"\r\n田中 結衣,yui@example.jp,\r\n';
    expect(previewCsv(csv)).toEqual({
      headers: ['name', 'email', 'attr.note'],
      rows: [['Li, Wei', 'li@example.cn', 'said "hi"\r\ntwice'], ['田中 結衣', 'yui@example.jp', '']],
    });
  });

  it('stops after the first rows and keeps a last line without a line break', () => {
    const csv = ['email', ...Array.from({ length: 50 }, (_, index) => `user${index}@example.com`)].join('\n');
    expect(previewCsv(csv, 3).rows).toEqual([['user0@example.com'], ['user1@example.com'], ['user2@example.com']]);
    expect(previewCsv('email\nlast@example.com').rows).toEqual([['last@example.com']]);
    expect(previewCsv('')).toEqual({ headers: [], rows: [] });
  });

  it('guesses columns the way the server reads headers, and sends a mapping only for the changed ones', () => {
    expect(['Email', ' phone ', 'attr.Tier', 'メールアドレス', 'attr.'].map(guessColumn)).toEqual(['email', 'phone', 'attr.Tier', 'ignore', 'ignore']);
    const headers = ['氏名', 'Email', 'Plan'];
    expect(buildMapping(headers, { 氏名: 'name', Email: 'email', Plan: 'ignore' })).toEqual({ 氏名: 'name' });
    expect(buildMapping(headers, { 氏名: 'ignore', Email: 'email', Plan: 'ignore' })).toBeUndefined();
  });
});
