/**
 * What a channel carried with a message besides its text (`message.channelData`), read defensively: it is provider
 * data, so every value is checked for its type, cut to a sane length and shown as text only. Unknown keys are ignored.
 * An email's html part, already sanitized by the server, is only ever shown inside a sandboxed frame that cannot run
 * scripts (see FormattedEmail).
 */
export type ChannelDataItem =
  | { kind: 'location'; latitude: number; longitude: number; name: string | null; address: string | null; mapUrl: string }
  | { kind: 'reaction'; emoji: string }
  | { kind: 'subject'; text: string }
  | { kind: 'cc'; addresses: string[] }
  | { kind: 'template'; name: string; language: string | null }
  | { kind: 'autoReply'; reason: string }
  | { kind: 'quarantine'; reason: string }
  | { kind: 'quoted'; text: string }
  | { kind: 'html'; html: string };

const MAX_QUOTED = 20_000;
const MAX_HTML = 500_000;

const MAX_TEXT = 300;

function readText(value: unknown, max = MAX_TEXT): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, max) : null;
}

function readNumber(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : null;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** A map link built from the coordinates alone (never a URL the provider sent). */
export function buildMapUrl(latitude: number, longitude: number): string {
  const lat = latitude.toFixed(6);
  const lon = longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

function readLocation(value: unknown): ChannelDataItem | null {
  const location = asRecord(value);
  if (!location) return null;
  const latitude = readNumber(location.latitude ?? location.lat);
  const longitude = readNumber(location.longitude ?? location.lng ?? location.lon);
  if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { kind: 'location', latitude, longitude, name: readText(location.name), address: readText(location.address), mapUrl: buildMapUrl(latitude, longitude) };
}

/** `"👍"` or `{ emoji: "👍" }` (WhatsApp, Messenger); an empty emoji (a reaction taken back) shows nothing. */
function readReaction(value: unknown): ChannelDataItem | null {
  const emoji = readText(asRecord(value)?.emoji ?? asRecord(value)?.reaction ?? value, 16);
  return emoji ? { kind: 'reaction', emoji } : null;
}

/** `"a@x, b@y"`, `["a@x"]` or `[{ name, address | email }]`. */
function readAddresses(value: unknown): ChannelDataItem | null {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const addresses = list
    .slice(0, 50)
    .map((entry) => {
      const record = asRecord(entry);
      if (!record) return readText(entry);
      const address = readText(record.address ?? record.email);
      const name = readText(record.name);
      return address && name ? `${name} <${address}>` : address;
    })
    .filter((entry): entry is string => entry !== null);
  return addresses.length > 0 ? { kind: 'cc', addresses } : null;
}

/** `"order_update"` or `{ name, language }` where language may be `{ code }` (WhatsApp). */
function readTemplate(value: unknown): ChannelDataItem | null {
  const record = asRecord(value);
  const name = readText(record ? record.name : value);
  if (!name) return null;
  const language = record ? readText(asRecord(record.language)?.code ?? record.language) : null;
  return { kind: 'template', name, language };
}

export function readChannelData(data: Record<string, unknown> | null | undefined): ChannelDataItem[] {
  if (!data) return [];
  const items: (ChannelDataItem | null)[] = [
    readLocation(data.location),
    data.reaction !== undefined ? readReaction(data.reaction) : null,
    readText(data.subject) ? { kind: 'subject', text: readText(data.subject)! } : null,
    readAddresses(data.cc),
    data.template !== undefined ? readTemplate(data.template) : null,
    readText(data.autoReplyReason) ? { kind: 'autoReply', reason: readText(data.autoReplyReason)! } : null,
    readText(data.quarantine) ? { kind: 'quarantine', reason: readText(data.quarantine)! } : null,
    typeof data.quoted === 'string' && data.quoted.trim() ? { kind: 'quoted', text: data.quoted.slice(0, MAX_QUOTED) } : null,
    typeof data.html === 'string' && data.html.trim() && data.html.length <= MAX_HTML ? { kind: 'html', html: data.html } : null,
  ];
  return items.filter((item): item is ChannelDataItem => item !== null);
}
