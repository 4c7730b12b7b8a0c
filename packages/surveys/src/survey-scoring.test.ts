import { describe, expect, it } from 'vitest';
import { classifyNps, DEFAULT_DETRACTOR_MAX, isDetractor, isScoreInScale, summarizeScores } from './survey-scoring.ts';
import { readSurveyToken, signSurveyToken, verifySurveyToken } from './survey-tokens.ts';
import { pickSurveyLocale, resolveSurveyText } from './survey-text.ts';

const counts = (entries: [number, number][]) => new Map(entries);

describe('survey scoring', () => {
  it('computes NPS as promoters minus detractors in percent', () => {
    // 5 promoters (9, 10), 3 passives, 2 detractors: 50% − 20% = 30.
    const summary = summarizeScores('nps', counts([[10, 3], [9, 2], [8, 2], [7, 1], [6, 1], [0, 1]]));
    expect(summary).toMatchObject({ responses: 10, nps: 30, csatPercent: null, cesAverage: null });
    expect(classifyNps(8)).toBe('passive');
  });

  it('computes CSAT as the share of 4s and 5s, and CES as the mean', () => {
    expect(summarizeScores('csat', counts([[5, 2], [4, 1], [2, 1]])).csatPercent).toBe(75);
    expect(summarizeScores('ces', counts([[7, 1], [5, 1], [2, 1]])).cesAverage).toBe(4.67);
    expect(summarizeScores('ces', counts([])).cesAverage).toBeNull();
  });

  it('knows each kind’s scale and default detractor threshold', () => {
    expect([isScoreInScale('nps', 0), isScoreInScale('csat', 0), isScoreInScale('ces', 7), isScoreInScale('ces', 8), isScoreInScale('nps', 4.5)]).toEqual([true, false, true, false, false]);
    expect(DEFAULT_DETRACTOR_MAX).toEqual({ nps: 6, csat: 2, ces: 3 });
    expect([isDetractor(6, 6), isDetractor(7, 6), isDetractor(3, DEFAULT_DETRACTOR_MAX.ces)]).toEqual([true, false, true]);
  });
});

describe('survey link tokens', () => {
  const requestId = '0b6a3c1e-7f2d-4c55-9a10-5e2b8d7c4f31';
  it('reads back the request and expiry of a signed token, and rejects another key or an altered token', () => {
    const expiresAt = new Date('2026-12-31T00:00:00Z');
    const token = signSurveyToken('key-a', requestId, expiresAt);
    expect(readSurveyToken(token)).toEqual({ ok: true, requestId, expiresAt });
    expect(verifySurveyToken('key-a', token)).toBe(true);
    expect(verifySurveyToken('key-b', token)).toBe(false);
    const later = signSurveyToken('key-a', requestId, new Date('2027-12-31T00:00:00Z'));
    expect(verifySurveyToken('key-a', `${later.split('.')[0]}.${token.split('.')[1]}`)).toBe(false);
    expect(readSurveyToken('garbage')).toEqual({ ok: false });
  });
});

describe('survey text', () => {
  it('falls back to the default wording of the kind and fills in the company', () => {
    expect(resolveSurveyText('nps', { ja: { question: '', followUp: '理由は？', thanks: '' } }, 'ja', 'Kumo').question).toBe('Kumoを友人や同僚にすすめる可能性はどのくらいありますか？');
    expect(pickSurveyLocale('zh-TW', 'en')).toBe('zh');
    expect(pickSurveyLocale(null, 'fr', undefined)).toBe('en');
  });
});
