import { describe, expect, it } from 'vitest';
import { asksForPerson, detectMessageLocale, pickedChoice, saysAnswerFailed, saysAnswerHelped } from './bot-language.ts';
import { type Candidate, decideTurn } from './decide-turn.ts';

const settings = { answerThreshold: 0.5, maxAnswers: 3 };
const fresh = { answers: 0, lastAction: null, pendingChoices: [] };
const intent = (id: string, score: number): Candidate => ({ kind: 'intent', id, title: id, score });
const article = (id: string, score: number): Candidate => ({ kind: 'article', id, title: id, score });

describe('the bot’s decision for one message', () => {
  it('answers with a confident match that stands clear of the next one', () => {
    expect(decideTurn('where is my order', [intent('order', 0.82), article('shipping', 0.4)], fresh, settings)).toMatchObject({ action: 'answer', reason: 'confident', answer: { id: 'order' } });
  });

  it('asks which one when the top two are close, even above the threshold', () => {
    const decision = decideTurn('refund', [intent('refund', 0.55), article('returns', 0.5), intent('other', 0.05)], fresh, settings);
    expect(decision).toMatchObject({ action: 'clarify', reason: 'close_match' });
    expect(decision.action === 'clarify' && decision.choices.map((c) => c.id)).toEqual(['refund', 'returns']);
  });

  it('hands over when nothing is confident, or nothing matched at all', () => {
    expect(decideTurn('what is the meaning of life', [intent('order', 0.31), intent('refund', 0.1)], fresh, settings)).toEqual({ action: 'handover', reason: 'low_confidence' });
    expect(decideTurn('hello?', [], fresh, settings)).toEqual({ action: 'handover', reason: 'low_confidence' });
  });

  it('hands over at once when the customer asks for a person, in any of the three languages', () => {
    for (const text of ['Can I talk to a human please', 'agent', '担当者と話したいです', '转人工', '我要人工客服']) {
      expect(decideTurn(text, [intent('order', 0.99)], fresh, settings)).toEqual({ action: 'handover', reason: 'customer_asked' });
    }
  });

  it('hands over after an answer that did not help, and closes after one that did', () => {
    const afterAnswer = { answers: 1, lastAction: 'answer' as const, pendingChoices: [] };
    expect(decideTurn('No, that didn’t help', [], afterAnswer, settings)).toEqual({ action: 'handover', reason: 'answer_failed' });
    expect(decideTurn('いいえ、解決しません', [], afterAnswer, settings)).toEqual({ action: 'handover', reason: 'answer_failed' });
    expect(decideTurn('Yes, thanks', [], afterAnswer, settings)).toEqual({ action: 'resolved', reason: 'helped' });
    expect(decideTurn('好的，解决了', [], afterAnswer, settings)).toEqual({ action: 'resolved', reason: 'helped' });
    // Without a previous answer, "no" is just a (poor) question.
    expect(decideTurn('no', [], fresh, settings)).toEqual({ action: 'handover', reason: 'low_confidence' });
  });

  it('hands over once it has given as many answers as allowed', () => {
    expect(decideTurn('where is my order', [intent('order', 0.9)], { answers: 3, lastAction: 'answer', pendingChoices: [] }, settings)).toEqual({ action: 'handover', reason: 'max_answers' });
  });

  it('answers with the choice picked by number (full-width too) or by its title', () => {
    const pending = { answers: 0, lastAction: 'clarify' as const, pendingChoices: [{ kind: 'intent' as const, id: 'a', title: 'Refunds' }, { kind: 'article' as const, id: 'b', title: 'Returns policy' }] };
    expect(decideTurn('2', [], pending, settings)).toMatchObject({ action: 'answer', reason: 'chosen', answer: { id: 'b', score: null } });
    expect(decideTurn('１', [], pending, settings)).toMatchObject({ action: 'answer', answer: { id: 'a' } });
    expect(decideTurn('returns policy', [], pending, settings)).toMatchObject({ action: 'answer', answer: { id: 'b' } });
    expect(decideTurn('3', [intent('x', 0.1)], pending, settings)).toEqual({ action: 'handover', reason: 'low_confidence' });
  });
});

describe('what the bot understands', () => {
  it('tells the language of a message by its script', () => {
    expect(detectMessageLocale('注文はどこですか', 'en')).toBe('ja');
    expect(detectMessageLocale('我的订单在哪里', 'en')).toBe('zh');
    expect(detectMessageLocale('注文', 'ja')).toBe('ja');
    expect(detectMessageLocale('where is my order', 'ja')).toBe('en');
    expect(detectMessageLocale('123', 'zh')).toBe('zh');
  });

  it('recognises requests for a person without firing on ordinary words', () => {
    expect(asksForPerson('I want to speak to someone')).toBe(true);
    expect(asksForPerson('オペレーターをお願いします')).toBe(true);
    expect(asksForPerson('where is my agenda')).toBe(false);
    expect(asksForPerson('我想退货')).toBe(false);
  });

  it('reads feedback and numbered picks', () => {
    expect(saysAnswerFailed('That was not helpful')).toBe(true);
    expect(saysAnswerHelped('thanks!')).toBe(true);
    expect(saysAnswerHelped('thanks, but where is my other order?')).toBe(false);
    expect(pickedChoice('#2', 3)).toBe(2);
    expect(pickedChoice('2番', 3)).toBe(2);
    expect(pickedChoice('第1个', 2)).toBe(1);
    expect(pickedChoice('4', 3)).toBeNull();
    expect(pickedChoice('2 apples', 3)).toBeNull();
  });
});
