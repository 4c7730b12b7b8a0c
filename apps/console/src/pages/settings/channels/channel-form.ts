import type { ChannelField, InboxChannelState } from '../../../api/types.ts';

/** What the admin has typed: every setting, and the secrets being set or replaced (never the stored ones). */
export interface ChannelDraft {
  config: Record<string, string>;
  secrets: Record<string, string>;
  /** Secrets already set whose input is open to replace them; the others show as "set". */
  replacing: string[];
}

/** Settings as stored; secret inputs start empty, since the API never returns a secret. */
export function createChannelDraft(state: Pick<InboxChannelState, 'fields' | 'config'>): ChannelDraft {
  const config: Record<string, string> = {};
  for (const field of state.fields) if (!field.secret) config[field.key] = state.config[field.key] ?? '';
  return { config, secrets: {}, replacing: [] };
}

/** Whether the form shows an input for this secret: it is not set yet, or the admin chose to replace it. */
export function isSecretEditable(field: ChannelField, secretsSet: readonly string[], draft: ChannelDraft): boolean {
  return !secretsSet.includes(field.key) || draft.replacing.includes(field.key);
}

/**
 * The `PUT …/channel` body: every setting of the channel (an emptied one is removed), and only the secrets typed in,
 * so a secret left alone keeps its value on the server.
 */
export function toChannelSettings(fields: readonly ChannelField[], draft: ChannelDraft): { config: Record<string, string>; secrets: Record<string, string> } {
  const config: Record<string, string> = {};
  const secrets: Record<string, string> = {};
  for (const field of fields) {
    if (field.secret) {
      const value = draft.secrets[field.key]?.trim() ?? '';
      if (value) secrets[field.key] = value;
    } else {
      config[field.key] = draft.config[field.key]?.trim() ?? '';
    }
  }
  return { config, secrets };
}

/** Where the API reports a problem with this field in a 400 answer. */
export const fieldErrorPath = (field: ChannelField) => `${field.secret ? 'secrets' : 'config'}.${field.key}`;

/** The HTML input type for a setting: secrets are masked, URLs, addresses and numbers get their phone keyboards. */
export function inputTypeOf(field: ChannelField): 'password' | 'url' | 'email' | 'tel' | 'text' {
  if (field.secret) return 'password';
  if (field.kind === 'url') return 'url';
  if (field.kind === 'email') return 'email';
  if (field.kind === 'phone') return 'tel';
  return 'text';
}
