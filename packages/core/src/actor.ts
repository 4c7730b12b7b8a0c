export type Role = 'admin' | 'agent';
export const ROLES: readonly Role[] = ['admin', 'agent'];

export const LOCALES = ['en', 'ja', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** Who is acting, inside which account. Every domain call that touches account data takes one. */
export interface AccountScope {
  accountId: string;
  actor:
    | { type: 'user'; id: string; name: string; role: Role }
    | { type: 'api_key'; id: string; name: string; role: Role }
    | { type: 'system'; id: null; name: string; role: Role; cause?: AutomationCause };
}

/** Set when an automation rule acts: events it causes carry it, so a rule cannot trigger itself without end. */
export interface AutomationCause {
  ruleId: string;
  depth: number;
}

/** The `cause` to put in an event's payload, if the actor is an automation. */
export const causeOf = (scope: AccountScope): { cause?: AutomationCause } => (scope.actor.type === 'system' && scope.actor.cause ? { cause: scope.actor.cause } : {});

export const isAdmin = (scope: AccountScope) => scope.actor.role === 'admin';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID_PATTERN.test(value);
