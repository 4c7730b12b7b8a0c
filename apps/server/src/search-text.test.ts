import { describe, expect, it } from 'vitest';
import { getTestDatabase } from './testing/test-database.ts';

async function searchText(input: string): Promise<string> {
  const database = await getTestDatabase();
  const { rows } = await database.query<{ text: string }>('select tp_search_text($1) as text', [input]);
  return rows[0]!.text;
}

describe('tp_search_text (the text every search vector is built from)', () => {
  it('lower-cases and NFKC-normalises text without Chinese, Japanese or Korean, and leaves it otherwise as it was', async () => {
    expect(await searchText('Refund for ＯＲＤＥＲ SG-1042, café')).toBe('refund for order sg-1042, café');
    expect(await searchText('')).toBe('');
  });

  it('splits Chinese and Japanese runs into single characters and overlapping pairs, also inside Latin text', async () => {
    expect(await searchText('我想退货')).toBe(' 我  想 我想  退 想退  货 退货 ');
    expect(await searchText('SG-1042を返品')).toBe('sg-1042 を  返 を返  品 返品 ');
  });
});
