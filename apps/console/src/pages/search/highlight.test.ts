import { describe, expect, it } from 'vitest';
import { readSearchTerms, splitHighlights } from './highlight.ts';

/** The parts as a string with the marked ones in brackets, so expectations read like the rendered text. */
const show = (text: string, query: string) => splitHighlights(text, query).map((part) => (part.marked ? `[${part.text}]` : part.text)).join('');

describe('splitHighlights', () => {
  it('marks every word of the query, ignoring case, and keeps the rest as plain text', () => {
    expect(splitHighlights('Refund approved for the teapot', 'teapot refund')).toEqual([
      { text: 'Refund', marked: true },
      { text: ' approved for the ', marked: false },
      { text: 'teapot', marked: true },
    ]);
  });

  it('marks the whole word a typed prefix starts, and nothing inside other words', () => {
    expect(show('I’ve refunded your shipping, no prefund', 'refu')).toBe('I’ve [refunded] your shipping, no prefund');
  });

  it('marks Chinese and Japanese by the character pairs the server matched on', () => {
    expect(show('你好，我想退货，可以吗？', '退货')).toBe('你好，我想[退货]，可以吗？');
    expect(show('返品したいのですが', '返品')).toBe('[返品]したいのですが');
    // Only the pair that is present is marked when the whole run is not.
    expect(show('您希望退款还是换一个颜色？', '退款颜色')).toBe('您希望[退款]还是换一个[颜色]？');
  });

  it('marks a Latin word that follows CJK text without a space', () => {
    expect(show('订单SG-1042的发票', 'sg 1042')).toBe('订单[SG]-[1042]的发票');
  });

  it('matches full-width and compatibility forms and maps the marks back to the original text', () => {
    expect(show('ＲＥＦＵＮＤ sent', 'refund')).toBe('[ＲＥＦＵＮＤ] sent');
    expect(show('the ﬁle is here', 'file')).toBe('the [ﬁle] is here');
  });

  it('keeps characters outside the basic plane (emoji) whole', () => {
    expect(show('gift 🎁 teapot', 'teapot')).toBe('gift 🎁 [teapot]');
  });

  it('returns the text unmarked when nothing matches or the query has no words', () => {
    expect(splitHighlights('Where is my teapot?', 'kettle')).toEqual([{ text: 'Where is my teapot?', marked: false }]);
    expect(splitHighlights('Where is my teapot?', '#!')).toEqual([{ text: 'Where is my teapot?', marked: false }]);
    expect(splitHighlights('', 'teapot')).toEqual([]);
  });

  it('never produces markup: text that looks like HTML stays text', () => {
    expect(splitHighlights('<b>teapot</b>', 'teapot')).toEqual([
      { text: '<b>', marked: false },
      { text: 'teapot', marked: true },
      { text: '</b>', marked: false },
    ]);
  });

  it('marks a conversation number typed with #', () => {
    expect(show('order SG-1042 is late', '#1042')).toBe('order SG-[1042] is late');
  });
});

describe('readSearchTerms', () => {
  it('splits like the server: words as prefixes, CJK runs into overlapping pairs, one CJK character alone', () => {
    expect(readSearchTerms('Teapot 退货了 茶')).toEqual([
      { text: 'teapot', wordStart: true },
      { text: '退货', wordStart: false },
      { text: '货了', wordStart: false },
      { text: '茶', wordStart: false },
    ]);
  });
});
