import type { SessionPolicy } from '@touchpoint/accounts';
import type { ChannelRegistry } from '@touchpoint/channels';
import type { FileStore } from '@touchpoint/conversations';
import type { Database, DatabaseHandle } from '@touchpoint/db';
import type { EventBus } from '@touchpoint/events';
import type { Mailer } from '@touchpoint/mailer';
import type { Config } from './config.ts';

/** What routes may use: the real implementations are wired in by runtime.ts. */
export interface Services {
  config: Config;
  database: DatabaseHandle;
  db: Database;
  bus: EventBus;
  /** Attachment bytes (`config.files.dir`). */
  files: FileStore;
  mailer: Mailer;
  /** The channels replies go out on (adapters by channel name). */
  channels: ChannelRegistry;
  sessionPolicy: SessionPolicy;
  /** False while starting and once shutdown begins, so /readyz turns load balancers away. */
  readiness: { ready: boolean };
}
