import type { Translate } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';

export const CHANNELS = ['web_chat', 'email', 'messenger', 'instagram', 'whatsapp', 'sms', 'api', 'in_store'] as const;

export function describeChannel(channel: string, t: Translate): string {
  return (CHANNELS as readonly string[]).includes(channel) ? t(`channel.${channel}` as MessageKey) : channel;
}
