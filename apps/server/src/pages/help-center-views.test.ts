import { describe, expect, it } from 'vitest';
import { highlightTerms } from './help-center-views.ts';

describe('highlightTerms', () => {
  it('marks the query’s words and Japanese character pairs, case-insensitively, and escapes everything else', () => {
    expect(highlightTerms('Track <your> Order', 'track order')).toBe('<mark>Track</mark> &#60;your&#62; <mark>Order</mark>');
    expect(highlightTerms('返品の方法', '返品したい')).toBe('<mark>返品</mark>の方法');
  });

  it('never marks inside an escaped character', () => {
    expect(highlightTerms('Tea & 38 cups', '38')).toBe('Tea &#38; <mark>38</mark> cups');
  });
});
