import { describe, expect, it } from 'vitest';
import { foldQuotedText, sanitizeEmailHtml, textToHtml } from './email-body.ts';

describe('folding quoted history and signatures out of a reply', () => {
  it('folds Gmail’s English quote header, even when it wraps onto two lines', () => {
    expect(foldQuotedText('Thanks, that works!\n\nOn Mon, Jan 1, 2024 at 10:00 AM Shop Support <\nsupport@shop.example> wrote:\n> Try again\n> please')).toEqual({
      text: 'Thanks, that works!',
      quoted: 'On Mon, Jan 1, 2024 at 10:00 AM Shop Support <\nsupport@shop.example> wrote:\n> Try again\n> please',
      signature: '',
    });
  });

  it('folds Japanese Gmail’s quote header and a "-- " signature', () => {
    expect(foldQuotedText('ありがとうございます。\n\n-- \n山田太郎\n\n2024年1月15日(月) 10:00 Shop <support@shop.example>:\n> お問い合わせ')).toEqual({
      text: 'ありがとうございます。',
      quoted: '2024年1月15日(月) 10:00 Shop <support@shop.example>:\n> お問い合わせ',
      signature: '-- \n山田太郎',
    });
  });

  it('folds Chinese Gmail’s and Outlook’s quote blocks, and a phone’s sign-off', () => {
    expect(foldQuotedText('好的，谢谢。\n\n王小明 <x@example.cn> 于2024年1月15日周一 10:00写道：\n> 您好').text).toBe('好的，谢谢。');
    expect(foldQuotedText('See attached.\n\nFrom: Shop Support <support@shop.example>\nSent: Monday, January 1, 2024 10:00\nTo: me\nSubject: Re: order').text).toBe('See attached.');
    expect(foldQuotedText('差し替えました。\n\n差出人: Shop <support@shop.example>\n送信日時: 2024年1月15日 10:00\n件名: 注文').text).toBe('差し替えました。');
    expect(foldQuotedText('On my way\n\nSent from my iPhone')).toEqual({ text: 'On my way', quoted: '', signature: 'Sent from my iPhone' });
  });

  it('keeps the whole text when there is nothing but a quote, and leaves a plain message alone', () => {
    expect(foldQuotedText('> only a quote\n> here').text).toBe('> only a quote\n> here');
    expect(foldQuotedText('Where is my order?\nIt is late.')).toEqual({ text: 'Where is my order?\nIt is late.', quoted: '', signature: '' });
  });
});

describe('HTML for display', () => {
  it('removes scripts, handlers, styles and remote images; keeps links safe and inline images as stored files', () => {
    const html = sanitizeEmailHtml(
      '<p onclick="steal()">Hi <script>alert(1)</script><img src="cid:logo@shop"><img src="https://track.example/p.gif" alt="pixel"><a href="javascript:alert(1)">bad</a> <a href="https://shop.example/o/1">order</a></p><style>p{color:red}</style><iframe src="https://x"></iframe>',
      (cid) => (cid === 'logo@shop' ? '/api/v1/accounts/a/attachments/b' : null),
    );
    expect(html).toBe('<p>Hi <img src="/api/v1/accounts/a/attachments/b" /><img alt="pixel" /><a target="_blank" rel="noopener noreferrer nofollow">bad</a> <a href="https://shop.example/o/1" target="_blank" rel="noopener noreferrer nofollow">order</a></p>');
  });

  it('turns plain text into escaped paragraphs for the HTML part of a reply', () => {
    expect(textToHtml('Hello <Ann> & co\nline two\n\nnew paragraph')).toBe('<p>Hello &lt;Ann&gt; &amp; co<br>line two</p>\n<p>new paragraph</p>');
  });
});
