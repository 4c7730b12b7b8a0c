import { buildQuery, requestJson } from './client.ts';
import type { DateRange } from './report-endpoints.ts';

/** The answer bot: intents, model, inbox settings, a conversation's bot activity, and its report. */

export type BotLocale = 'en' | 'ja' | 'zh';
export type BotReplies = Partial<Record<BotLocale, string>>;

export interface IntentSummary {
  id: string;
  name: string;
  replies: BotReplies;
  enabled: boolean;
  exampleCount: number;
  updatedAt: string;
}

export interface IntentDetail extends Omit<IntentSummary, 'exampleCount'> {
  examples: { id: string; text: string; source: 'manual' | 'import' | 'conversation' | string; messageId: string | null; createdAt: string }[];
}

export interface ModelStatus {
  state: 'none' | 'training' | 'ready' | 'not_enough_data' | 'failed';
  intentCount: number;
  exampleCount: number;
  trainedAt: string | null;
  trainingMs: number | null;
  error: string | null;
}

export interface InboxBotSettings {
  inboxId: string;
  inboxName: string;
  channel: string;
  enabled: boolean;
  answerThreshold: number;
  maxAnswers: number;
}

export interface BotCandidate {
  kind: 'intent' | 'article';
  id: string;
  title: string;
  score: number;
}

export interface BotPreview {
  action: 'answer' | 'clarify' | 'handover' | 'resolved' | 'greet';
  reason: string;
  candidates: BotCandidate[];
}

export interface BotTurn {
  customerMessageId: string;
  botMessageId: string | null;
  question: string;
  action: string;
  reason: string;
  score: number | null;
  intent: { id: string; name: string } | null;
  article: { id: string; title: string } | null;
  candidates: BotCandidate[];
  createdAt: string;
}

export interface ConversationBotActivity {
  bot: { state: 'handling' | 'handed_over' | 'resolved' | string; handoverReason: string | null; answers: number; startedAt: string; endedAt: string | null } | null;
  turns: BotTurn[];
}

export interface BotReport {
  timeZone: string;
  handled: number;
  deflected: number;
  confirmedHelpful: number;
  handedOver: number;
  deflectionRate: number | null;
  daily: { date: string; handled: number; deflected: number }[];
  handoverReasons: { reason: string; count: number }[];
  topAnswers: { kind: 'intent' | 'article'; id: string; title: string; count: number }[];
}

const base = (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`;
const enc = encodeURIComponent;

export const listIntents = (accountId: string, signal?: AbortSignal) => requestJson<IntentSummary[]>('GET', `${base(accountId)}/bot/intents`, { signal });
export const getIntent = (accountId: string, intentId: string, signal?: AbortSignal) => requestJson<IntentDetail>('GET', `${base(accountId)}/bot/intents/${enc(intentId)}`, { signal });
export const createIntent = (accountId: string, body: { name: string; replies: BotReplies; examples: string[] }) => requestJson<IntentDetail>('POST', `${base(accountId)}/bot/intents`, { body });
export const updateIntent = (accountId: string, intentId: string, body: { name?: string; replies?: BotReplies; enabled?: boolean }) =>
  requestJson<IntentDetail>('PATCH', `${base(accountId)}/bot/intents/${enc(intentId)}`, { body });
export const deleteIntent = (accountId: string, intentId: string) => requestJson<void>('DELETE', `${base(accountId)}/bot/intents/${enc(intentId)}`);
export const addIntentExamples = (accountId: string, intentId: string, examples: string[]) =>
  requestJson<{ added: number; skipped: number }>('POST', `${base(accountId)}/bot/intents/${enc(intentId)}/examples`, { body: { examples } });
export const deleteIntentExample = (accountId: string, intentId: string, exampleId: string) =>
  requestJson<void>('DELETE', `${base(accountId)}/bot/intents/${enc(intentId)}/examples/${enc(exampleId)}`);
export const importIntents = (accountId: string, body: { csv: string; textColumn: string; labelColumn: string; fileName?: string }) =>
  requestJson<{ rows: number; examplesAdded: number; duplicatesSkipped: number; intentsCreated: number }>('POST', `${base(accountId)}/bot/intents/import`, { body });
export const getModelStatus = (accountId: string, signal?: AbortSignal) => requestJson<ModelStatus>('GET', `${base(accountId)}/bot/model`, { signal });
export const previewBot = (accountId: string, body: { text: string; locale: BotLocale }) => requestJson<BotPreview>('POST', `${base(accountId)}/bot/preview`, { body });
export const listInboxBotSettings = (accountId: string, signal?: AbortSignal) => requestJson<InboxBotSettings[]>('GET', `${base(accountId)}/bot/inboxes`, { signal });
export const updateInboxBotSettings = (accountId: string, inboxId: string, body: Partial<Pick<InboxBotSettings, 'enabled' | 'answerThreshold' | 'maxAnswers'>>) =>
  requestJson<InboxBotSettings>('PATCH', `${base(accountId)}/bot/inboxes/${enc(inboxId)}`, { body });
export const getConversationBotActivity = (accountId: string, conversationId: string, signal?: AbortSignal) =>
  requestJson<ConversationBotActivity>('GET', `${base(accountId)}/conversations/${enc(conversationId)}/bot`, { signal });
export const teachBotFromConversation = (accountId: string, conversationId: string, body: { messageId: string; intentId: string }) =>
  requestJson<{ added: number; skipped: number; text: string }>('POST', `${base(accountId)}/conversations/${enc(conversationId)}/bot/examples`, { body });
export const getBotReport = (accountId: string, range: DateRange, signal?: AbortSignal) =>
  requestJson<BotReport>('GET', `${base(accountId)}/reports/bot${buildQuery({ from: range.from, to: range.to })}`, { signal });
