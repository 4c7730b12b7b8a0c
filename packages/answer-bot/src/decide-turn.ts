import { asksForPerson, isGreeting, pickedChoice, saysAnswerFailed, saysAnswerHelped } from './bot-language.ts';

/**
 * What the bot does with one customer message, decided from what it matched and where the conversation stands. Pure:
 * the caller gathers the candidates (intents from the classifier, articles from the help center) and carries out
 * the decision. The customer can always reach a person: asking for one, saying an answer failed, or running out of
 * tries hands over, as does anything the bot is not confident about.
 */

export interface Candidate {
  kind: 'intent' | 'article';
  id: string;
  title: string;
  /** 0–1: the classifier's confidence for an intent; the help center's match score for an article. */
  score: number;
}

export interface TurnState {
  /** Bot answers so far in this conversation. */
  answers: number;
  /** The bot's previous turn in this conversation, if any. */
  lastAction: 'answer' | 'clarify' | 'handover' | 'resolved' | 'greet' | null;
  pendingChoices: Omit<Candidate, 'score'>[];
}

export interface TurnSettings {
  answerThreshold: number;
  maxAnswers: number;
  /** Two candidates closer than this are ambiguous: the bot asks which one. */
  clarifyMargin?: number;
}

export type HandoverReason = 'customer_asked' | 'low_confidence' | 'answer_failed' | 'max_answers';

export type TurnDecision =
  | { action: 'answer'; reason: 'confident' | 'chosen'; answer: Omit<Candidate, 'score'> & { score: number | null } }
  | { action: 'clarify'; reason: 'close_match'; choices: Candidate[] }
  | { action: 'handover'; reason: HandoverReason }
  | { action: 'resolved'; reason: 'helped' }
  | { action: 'greet'; reason: 'greeting' };

export const DEFAULT_CLARIFY_MARGIN = 0.12;

/** The parts of the decision that need no matching: picking a choice, asking for a person, feedback on an answer. */
export function decideBeforeMatching(text: string, state: TurnState, settings: TurnSettings): TurnDecision | null {
  if (state.pendingChoices.length > 0) {
    const n = pickedChoice(text, state.pendingChoices.length);
    const byTitle = state.pendingChoices.find((c) => c.title.trim().toLowerCase() === text.trim().toLowerCase());
    const chosen = n ? state.pendingChoices[n - 1]! : byTitle;
    if (chosen) return { action: 'answer', reason: 'chosen', answer: { ...chosen, score: null } };
  }
  if (asksForPerson(text)) return { action: 'handover', reason: 'customer_asked' };
  if (state.lastAction === 'answer') {
    if (saysAnswerFailed(text)) return { action: 'handover', reason: 'answer_failed' };
    if (saysAnswerHelped(text)) return { action: 'resolved', reason: 'helped' };
  }
  if (state.answers >= settings.maxAnswers) return { action: 'handover', reason: 'max_answers' };
  // "Hi" alone is not a question: the bot says hello and asks what it can do, rather than hand over.
  if (isGreeting(text) && state.lastAction !== 'greet') return { action: 'greet', reason: 'greeting' };
  return null;
}

export function decideFromCandidates(candidates: Candidate[], settings: TurnSettings): TurnDecision {
  const margin = settings.clarifyMargin ?? DEFAULT_CLARIFY_MARGIN;
  const ranked = [...candidates].sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (!best) return { action: 'handover', reason: 'low_confidence' };
  // "Plausible": within reach of the threshold; two plausible answers close together are worth asking about.
  const plausible = settings.answerThreshold * 0.6;
  const close = second !== undefined && second.score >= plausible && best.score - second.score < margin;
  if (best.score >= settings.answerThreshold && !close) return { action: 'answer', reason: 'confident', answer: best };
  if (best.score >= plausible && close) return { action: 'clarify', reason: 'close_match', choices: ranked.filter((c) => c.score >= plausible && best.score - c.score < margin).slice(0, 3) };
  return { action: 'handover', reason: 'low_confidence' };
}

export function decideTurn(text: string, candidates: Candidate[], state: TurnState, settings: TurnSettings): TurnDecision {
  return decideBeforeMatching(text, state, settings) ?? decideFromCandidates(candidates, settings);
}
