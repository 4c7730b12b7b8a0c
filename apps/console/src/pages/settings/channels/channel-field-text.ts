import type { Translate } from '../../../i18n/i18n-context.tsx';
import { en } from '../../../i18n/messages-en.ts';
import type { MessageKey } from '../../../i18n/messages.ts';

const hasMessage = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** The first of `keys` the dictionaries have, translated; null when none is. */
function translateFirst(t: Translate, keys: string[]): string | null {
  const key = keys.find(hasMessage);
  return key ? t(key) : null;
}

/**
 * A channel setting's label and help, most specific first: `channelField.<channel>.<key>`, then the wording shared
 * by every channel (`channelField.<key>`: API address, app secret…), then the key itself, so a setting a newer
 * server adds still shows up, unnamed but usable.
 */
export function describeChannelField(channel: string, key: string, t: Translate): { label: string; help: string | null } {
  return {
    label: translateFirst(t, [`channelField.${channel}.${key}`, `channelField.${key}`]) ?? key,
    help: translateFirst(t, [`channelField.${channel}.${key}.help`, `channelField.${key}.help`]),
  };
}

/** Where to give the webhook URL to this channel's provider, or the general sentence. */
export function describeWebhookHint(channel: string, t: Translate): string {
  return translateFirst(t, [`channelSettings.webhookHint.${channel}`]) ?? t('channelSettings.webhookHint');
}

/** Why a channel has nothing to connect: in store and web chat say what they are, others that the server lacks it. */
export function describeUnsupported(channel: string, channelName: string, t: Translate): string {
  return translateFirst(t, [`channelSettings.unsupported.${channel}`]) ?? t('channelSettings.unsupported', { channel: channelName });
}

/** The server's words for a field (`is required`, `must be a URL`) in the reader's language when they are known ones. */
export function translateFieldError(message: string | null, t: Translate): string | null {
  if (message === null) return null;
  if (message === 'is required') return t('channelSettings.errorRequired');
  if (message === 'must be a URL') return t('channelSettings.errorUrl');
  return message;
}

/** The tag a site adds to its pages for the chat widget: the server's address and the inbox's key, from its webhook URL. */
export function widgetSnippetOf(webhookUrl: string): string {
  const url = new URL(webhookUrl);
  const key = url.pathname.split('/').pop() ?? '';
  return `<script src="${url.origin}/widget/loader.js" data-channel-key="${key}" async></script>`;
}
