import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale } from '../../apps/console/src/api/types.ts';

/** The demo workspace the server seeds on first start (packages/demo). */
export const DEMO_PASSWORD = 'touchpoint-demo';

export const DEMO_USERS = {
  aiko: { email: 'aiko@demo.touchpoint.dev', name: 'Aiko Tanaka', role: 'admin', locale: 'ja' },
  li: { email: 'li.wei@demo.touchpoint.dev', name: 'Li Wei', role: 'agent', locale: 'zh' },
  sam: { email: 'sam@demo.touchpoint.dev', name: 'Sam Carter', role: 'agent', locale: 'en' },
} as const satisfies Record<string, { email: string; name: string; role: 'admin' | 'agent'; locale: Locale }>;

export type DemoUserKey = keyof typeof DEMO_USERS;

export const DEMO_ACCOUNT_NAME = 'Sakura Goods';
/** The demo's web chat inbox (packages/demo), which every demo agent works in. */
export const DEMO_CHAT_INBOX_NAME = 'Website chat';
export const DEMO_OUTLET_ACCOUNT_NAME = 'Sakura Goods Outlet';

// One folder per E2E_PORT: two suites on one checkout (different ports) do not overwrite each other's cookies.
const authDir = fileURLToPath(new URL(`../.auth/${process.env.E2E_PORT ?? 'default'}/`, import.meta.url));

/** Where auth.setup.ts keeps the signed-in browser state of a demo user. */
export function readAuthFile(key: DemoUserKey): string {
  return join(authDir, `${key}.json`);
}
