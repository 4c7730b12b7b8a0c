import type { SurveyKind } from '@touchpoint/core';

/** The answer scale of each kind: CSAT 1–5, NPS 0–10, CES 1–7 (7 = very easy). */
export const SURVEY_SCALES: Record<SurveyKind, { min: number; max: number }> = {
  csat: { min: 1, max: 5 },
  nps: { min: 0, max: 10 },
  ces: { min: 1, max: 7 },
};

/** Default detractor thresholds (a score at or below is a detractor): NPS ≤ 6, CSAT ≤ 2, CES ≤ 3. */
export const DEFAULT_DETRACTOR_MAX: Record<SurveyKind, number> = { nps: 6, csat: 2, ces: 3 };

export function isScoreInScale(kind: SurveyKind, score: number) {
  const scale = SURVEY_SCALES[kind];
  return Number.isInteger(score) && score >= scale.min && score <= scale.max;
}

export function isDetractor(score: number, detractorMaxScore: number) {
  return score <= detractorMaxScore;
}

/** NPS bands: promoters 9–10, passives 7–8, detractors 0–6 (the NPS definition, independent of the follow-up threshold). */
export function classifyNps(score: number): 'promoter' | 'passive' | 'detractor' {
  if (score >= 9) return 'promoter';
  if (score >= 7) return 'passive';
  return 'detractor';
}

export interface SurveyScoreSummary {
  responses: number;
  /** NPS: % promoters − % detractors, −100…100, rounded; null without answers or for another kind. */
  nps: number | null;
  /** CSAT: share of 4s and 5s, in percent; null without answers or for another kind. */
  csatPercent: number | null;
  /** CES: the mean score (1–7), two decimals; null without answers or for another kind. */
  cesAverage: number | null;
  /** Mean score of any kind. */
  average: number | null;
  /** How many answers gave each score, from the scale's minimum to its maximum. */
  distribution: { score: number; count: number }[];
}

/** The headline figures of one kind's answers, from a count per score. */
export function summarizeScores(kind: SurveyKind, counts: Map<number, number>): SurveyScoreSummary {
  const scale = SURVEY_SCALES[kind];
  const distribution: { score: number; count: number }[] = [];
  let responses = 0;
  let sum = 0;
  for (let score = scale.min; score <= scale.max; score += 1) {
    const count = counts.get(score) ?? 0;
    distribution.push({ score, count });
    responses += count;
    sum += count * score;
  }
  const share = (test: (score: number) => boolean) => distribution.reduce((total, row) => total + (test(row.score) ? row.count : 0), 0) / responses;
  const round2 = (value: number) => Math.round(value * 100) / 100;
  const any = responses > 0;
  return {
    responses,
    nps: any && kind === 'nps' ? Math.round(100 * (share((s) => classifyNps(s) === 'promoter') - share((s) => classifyNps(s) === 'detractor'))) : null,
    csatPercent: any && kind === 'csat' ? Math.round(1000 * share((s) => s >= 4)) / 10 : null,
    cesAverage: any && kind === 'ces' ? round2(sum / responses) : null,
    average: any ? round2(sum / responses) : null,
    distribution,
  };
}

/** The one figure a chart or a list shows for a kind: NPS, CSAT % or the CES mean. */
export function headlineOf(kind: SurveyKind, summary: SurveyScoreSummary): number | null {
  return kind === 'nps' ? summary.nps : kind === 'csat' ? summary.csatPercent : summary.cesAverage;
}
