import { Liquid, type FS } from 'liquidjs';

/**
 * The Liquid engines templates render with. Decisions:
 * - strict: an undefined variable is an error unless its first filter is `default` (`{{ customer.first_name |
 *   default: "there" }}`) or it is only tested (`{% if customer.first_name %}`); an unknown filter is an error;
 * - HTML bodies escape every output by default (`| raw` prints trusted account content as is); subjects and text do not;
 * - no file system: `include`, `render` and `layout` fail (templates are self-contained);
 * - limits on template size, render time and memory, so an account's template cannot stall a worker.
 */
export const TEMPLATE_LIMITS = { sourceChars: 50_000, renderMs: 200, memory: 10_000_000, outputChars: 200_000 } as const;

const noFiles: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file) => { throw new Error(`includes are not available in message templates (${file})`); },
  readFileSync: (file) => { throw new Error(`includes are not available in message templates (${file})`); },
  resolve: (_root, file) => file,
  sep: '/',
};

/** The customer's locale and time zone, used by the money and date filters. */
export interface FormatSettings {
  locale: string;
  timeZone: string;
}

const DATE_STYLES = ['short', 'medium', 'long', 'full'] as const;
type DateStyle = (typeof DATE_STYLES)[number];

/** Amount in minor units (cents, yen) → "$12.30", "¥1,230", in the customer's locale. */
export function formatMoney(minor: unknown, currency: unknown, locale: string): string {
  const amount = Number(minor);
  const code = typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency) ? currency.toUpperCase() : null;
  if (!Number.isFinite(amount) || !code) throw new Error('money needs an amount in minor units and a 3-letter currency, e.g. {{ order.total_minor | money: order.currency }}');
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** An ISO date → a date (and time) in the customer's locale and time zone. */
export function formatLocalDate(value: unknown, style: unknown, settings: FormatSettings, withTime: boolean): string {
  const date = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${String(value)}`);
  const dateStyle: DateStyle = DATE_STYLES.includes(style as DateStyle) ? (style as DateStyle) : 'medium';
  return new Intl.DateTimeFormat(settings.locale, { dateStyle, ...(withTime ? { timeStyle: 'short' } : {}), timeZone: settings.timeZone }).format(date);
}

function createEngine(escapeOutput: boolean, settings: FormatSettings): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    fs: noFiles,
    root: [],
    partials: [],
    relativeReference: false,
    dynamicPartials: false,
    outputEscape: escapeOutput ? 'escape' : undefined,
    parseLimit: TEMPLATE_LIMITS.sourceChars,
    renderLimit: TEMPLATE_LIMITS.renderMs,
    memoryLimit: TEMPLATE_LIMITS.memory,
  });
  for (const tag of ['include', 'render', 'layout']) {
    engine.registerTag(tag, { parse() { throw new Error(`{% ${tag} %} is not available in message templates: each template is self-contained`); }, render() { return ''; } });
  }
  engine.registerFilter('money', (minor: unknown, currency: unknown) => formatMoney(minor, currency, settings.locale));
  engine.registerFilter('local_date', (value: unknown, style: unknown) => formatLocalDate(value, style, settings, false));
  engine.registerFilter('local_datetime', (value: unknown, style: unknown) => formatLocalDate(value, style, settings, true));
  return engine;
}

export type RenderOutcome = { ok: true; output: string } | { ok: false; error: string };

/** Which part is rendered: HTML bodies escape their output. */
export type PartKind = 'html' | 'plain';

/** A readable one-line reason: which part, what went wrong, where. */
function describeError(part: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${part}: ${message.replace(/\s+/g, ' ').trim()}`;
}

/** Renders one part of a template (a subject, an HTML body…) over `data`; never returns half a message. */
export async function renderPart(part: string, source: string, kind: PartKind, data: Record<string, unknown>, settings: FormatSettings): Promise<RenderOutcome> {
  if (source.length > TEMPLATE_LIMITS.sourceChars) return { ok: false, error: `${part}: the template is longer than ${TEMPLATE_LIMITS.sourceChars} characters` };
  try {
    const output = String(await createEngine(kind === 'html', settings).parseAndRender(source, data));
    if (output.length > TEMPLATE_LIMITS.outputChars) return { ok: false, error: `${part}: the rendered message is longer than ${TEMPLATE_LIMITS.outputChars} characters` };
    return { ok: true, output };
  } catch (error) {
    return { ok: false, error: describeError(part, error) };
  }
}

/** Checks a part's syntax without data (on save): returns the error or null. */
export function findSyntaxError(part: string, source: string): string | null {
  try {
    createEngine(false, { locale: 'en', timeZone: 'UTC' }).parse(source);
    return null;
  } catch (error) {
    return describeError(part, error);
  }
}
