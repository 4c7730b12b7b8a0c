/**
 * WhatsApp's customer-service window: a business may send free-form messages to a customer only within 24 hours of
 * that customer's last message. Outside it only an approved template may be sent (it reopens nothing by itself; the
 * customer's answer does).
 */
export const WHATSAPP_WINDOW_MS = 24 * 3600_000;

export interface WhatsAppWindow {
  open: boolean;
  /** When the customer last wrote; null if they never did in this conversation. */
  lastInboundAt: Date | null;
  /** When free-form replies stop being possible; null when there was no customer message. */
  closesAt: Date | null;
}

/** Messages WhatsApp itself writes (a number change) are not the customer writing. */
const opensWindow = (entry: { direction: string; channelData: Record<string, unknown> }) => entry.direction === 'inbound' && entry.channelData.type !== 'system';

/** The window as of `now`, from the conversation's channel messages (any order). */
export function customerServiceWindow(history: { direction: string; createdAt: Date; channelData: Record<string, unknown> }[], now: Date): WhatsAppWindow {
  const last = history.filter(opensWindow).reduce<Date | null>((latest, entry) => (latest && latest >= entry.createdAt ? latest : entry.createdAt), null);
  if (!last) return { open: false, lastInboundAt: null, closesAt: null };
  const closesAt = new Date(last.getTime() + WHATSAPP_WINDOW_MS);
  return { open: now < closesAt, lastInboundAt: last, closesAt };
}
