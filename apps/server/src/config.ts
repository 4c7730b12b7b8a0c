import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().default(resolve(repoRoot, 'data')),
  FILES_DIR: z.string().optional(),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1).max(2 ** 31 - 1).default(25 * 1024 * 1024),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().default('Touchpoint <no-reply@touchpoint.localhost>'),
  SMTP_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_INBOUND_HOST: z.string().optional(),
  SMTP_INBOUND_MAX_BYTES: z.coerce.number().int().min(1024).max(2 ** 31 - 1).default(25 * 1024 * 1024),
  SMTP_INBOUND_TLS_KEY: z.string().optional(),
  SMTP_INBOUND_TLS_CERT: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: flag.optional(),
  DEMO_DATA: z.enum(['auto', 'never']).default('auto'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  TRUST_PROXY: flag.default(false),
  SESSION_TTL_HOURS: z.coerce.number().min(1).default(24 * 14),
  LOGIN_MAX_FAILED_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  JOBS: flag.default(true),
  CONSOLE_DIST: z.string().default(resolve(repoRoot, 'apps/console/dist')),
  WIDGET_DIST: z.string().default(resolve(repoRoot, 'apps/widget/dist')),
  PORTAL_DIST: z.string().default(resolve(repoRoot, 'apps/portal/dist')),
  /** Optional: an OpenAI-compatible API (`…/v1`) that drafts the answer bot's article answers (docs/answer-bot.md). */
  BOT_LLM_URL: z.url().optional(),
  BOT_LLM_API_KEY: z.string().optional(),
  BOT_LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  BOT_LLM_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
});

export type Config = ReturnType<typeof loadConfig>;

/**
 * The only place that reads the environment. Invalid settings stop the boot with one message naming each problem.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n  ');
    throw new Error(`Touchpoint cannot start: invalid configuration\n  ${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.SMTP_INBOUND_TLS_KEY) !== Boolean(e.SMTP_INBOUND_TLS_CERT)) throw new Error('Touchpoint cannot start: invalid configuration\n  SMTP_INBOUND_TLS_KEY and SMTP_INBOUND_TLS_CERT: set both or neither');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    /** The address people use; unset, links are built from the address each request came in on. */
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL) : null,
    database: e.DATABASE_URL
      ? ({ kind: 'server', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE } as const)
      : ({ kind: 'embedded', dataDir: resolve(e.DATA_DIR) } as const),
    /** Attachment bytes; every node must see the same directory (a shared volume) when there are several. */
    files: { dir: resolve(e.FILES_DIR ?? resolve(e.DATA_DIR, 'files')), maxBytes: e.ATTACHMENT_MAX_BYTES },
    redisUrl: e.REDIS_URL ?? null,
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      /** Largest email taken in, by SMTP or a provider's webhook. */
      inboundMaxBytes: e.SMTP_INBOUND_MAX_BYTES,
      /** The SMTP server that receives email inboxes' mail; off unless SMTP_INBOUND_PORT is set. */
      inbound: e.SMTP_INBOUND_PORT === undefined
        ? null
        : {
            port: e.SMTP_INBOUND_PORT,
            host: e.SMTP_INBOUND_HOST ?? e.HOST,
            /** STARTTLS is offered only with a key and certificate (PEM files). */
            tls: e.SMTP_INBOUND_TLS_KEY && e.SMTP_INBOUND_TLS_CERT ? { keyFile: resolve(e.SMTP_INBOUND_TLS_KEY), certFile: resolve(e.SMTP_INBOUND_TLS_CERT) } : null,
          },
    },
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY ?? (e.NODE_ENV === 'development' && Boolean(process.stdout.isTTY)) },
    demoData: e.DEMO_DATA,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
    session: {
      ttlMs: e.SESSION_TTL_HOURS * 3600_000,
      maxFailedAttempts: e.LOGIN_MAX_FAILED_ATTEMPTS,
      rateWindowMs: 15 * 60_000,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    jobs: e.JOBS,
    consoleDist: e.CONSOLE_DIST,
    /** The built chat widget (`npm run build -w @touchpoint/widget`), served at /widget/loader.js. */
    widgetDist: e.WIDGET_DIST,
    /** The built customer portal (`npm run build -w @touchpoint/portal`), served at /portal/<handle>/. */
    portalDist: e.PORTAL_DIST,
    /** The answer bot's optional LLM; the key is a secret (never logged or returned). */
    botLlm: e.BOT_LLM_URL ? { baseUrl: e.BOT_LLM_URL, apiKey: e.BOT_LLM_API_KEY ?? null, model: e.BOT_LLM_MODEL, timeoutMs: e.BOT_LLM_TIMEOUT_MS } : null,
  };
}
