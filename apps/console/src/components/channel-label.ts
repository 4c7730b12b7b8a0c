import type { Translate } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';

export const CHANNELS = ['web', 'email', 'api', 'messenger', 'instagram', 'whatsapp', 'sms'] as const;

export function describeChannel(channel: string, t: Translate): string {
  return (CHANNELS as readonly string[]).includes(channel) ? t(`channel.${channel}` as MessageKey) : channel;
}
