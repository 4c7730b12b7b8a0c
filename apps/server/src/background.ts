import type { DatabaseHandle } from '@touchpoint/db';
import type { EventSink } from '@touchpoint/events';
import type { JobDefinition } from '@touchpoint/jobs';
import { purgeExpiredSessions } from '@touchpoint/accounts';
import { sendDueScheduledMessages } from '@touchpoint/conversations';
import { purgePublishedEvents } from '@touchpoint/events';
import { detectSlaBreaches } from '@touchpoint/sla';
import type { Services } from './services.ts';

const PUBLISHED_EVENT_RETENTION_MS = 7 * 24 * 3600_000;

/** Jobs and schedules every node runs (pg-boss makes sure each scheduled tick runs once across nodes). */
export function listBackgroundJobs(database: DatabaseHandle, _services: Services): JobDefinition[] {
  return [
    {
      name: 'maintenance.purge',
      cron: '17 * * * *',
      async handle() {
        await purgeExpiredSessions(database.db);
        await purgePublishedEvents(database.db, new Date(Date.now() - PUBLISHED_EVENT_RETENTION_MS));
      },
    },
    {
      // Records each SLA clock that ran out and emits sla.breached (once per target and due time).
      name: 'sla.detect-breaches',
      cron: '* * * * *',
      async handle() {
        await detectSlaBreaches(database.db, new Date());
      },
    },
    {
      name: 'messages.send-scheduled',
      cron: '* * * * *',
      async handle() {
        await sendDueScheduledMessages(database.db);
      },
    },
  ];
}

/** Consumers that see every domain event exactly once, inside the outbox claim transaction (see dispatcher.ts). */
export function listEventSinks(_services: Services): EventSink[] {
  return [];
}
