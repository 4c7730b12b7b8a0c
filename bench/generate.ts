/**
 * `npm run bench:generate -- (--database-url <url> | --data-dir <dir>) [--conversations N] [--messages-per-conversation M]
 *   [--agents A] [--jobs J]`
 *
 * Creates one large account for the scale benchmarks (bench/inbox-scale.ts): agents, inboxes, teams, labels, SLA
 * policies, contacts, conversations with messages in English, Japanese and Chinese over the past year, labels, SLA
 * clocks and read markers. Everything is inserted set-based (INSERT … SELECT generate_series) in batches, with the
 * pseudo-random choices taken from hashes of the row number, so a run is repeatable. The database is migrated first;
 * the secondary indexes of the big tables are dropped during the load and recreated from their own definitions
 * afterwards, so the result has exactly the schema the migrations produce. `--data-dir` fills an embedded (PGlite)
 * data directory instead, one batch at a time. Never part of `npm test` or CI.
 */
import { parseArgs } from 'node:util';
import { hashPassword } from '@touchpoint/accounts';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '@touchpoint/db';
import { createProgressReporter } from '../apps/server/src/cli/progress-bar.ts';
import { BENCH_ACCOUNT_NAME, BENCH_PASSWORD, benchAgentEmail } from './lib/bench-account.ts';

const BATCH_CONVERSATIONS = 20_000;
/** The big tables whose non-unique indexes are rebuilt after the load (primary and unique keys stay: the load reads by them). */
const BULK_TABLES = ['contacts', 'conversations', 'messages', 'conversation_labels', 'conversation_reads', 'conversation_slas'];

const { values: options } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    conversations: { type: 'string', default: '1000000' },
    'messages-per-conversation': { type: 'string', default: '10' },
    agents: { type: 'string', default: '100' },
    jobs: { type: 'string', default: '2' },
  },
});

const url = options['database-url'];
const dataDir = options['data-dir'];
if (!url === !dataDir) throw new Error('name the database to fill, with no account in it yet: --database-url (PostgreSQL) or --data-dir (embedded)');
const conversationCount = Number(options.conversations);
const messagesPerConversation = Number(options['messages-per-conversation']);
const agentCount = Number(options.agents);
// PGlite runs one statement at a time, so the embedded database is filled by one job.
const jobs = dataDir ? 1 : Math.max(1, Number(options.jobs));
const INBOXES = 10;

/** One connection's worth of SQL: a client of the PostgreSQL pool, or the embedded database itself. */
interface Connection {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** Opens the target and hands out `jobs` connections; PostgreSQL's are pooled clients of their own. */
async function openTarget(): Promise<{ connect(): Promise<Connection & { release(): void }>; handle: DatabaseHandle }> {
  const handle = await openDatabase(url ? { kind: 'server', url, poolSize: jobs } : { kind: 'embedded', dataDir: dataDir! });
  if (!handle.pool) return { handle, connect: async () => ({ query: (text, params) => handle.query(text, params), release() {} }) };
  const pool = handle.pool;
  return { handle, connect: async () => pool.connect() };
}
const log = (text: string) => process.stderr.write(`${text}\n`);

/** A repeatable number in [0, modulo) from a row number and a salt. */
const pick = (expression: string, salt: number, modulo: number) => `((hashint8((${expression})::bigint * 7919 + ${salt}) & 2147483647) % ${modulo})`;

/** Sets up a connection for bulk loading: no foreign-key triggers (rows are consistent by construction), big sorts. */
async function bulkSession(client: Connection) {
  for (const setting of ["session_replication_role = replica", "maintenance_work_mem = '1GB'", "work_mem = '256MB'", 'synchronous_commit = off']) await client.query(`set ${setting}`);
}

async function runTimed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

async function createAccount(client: Connection) {
  const existing = await client.query('select 1 from accounts where name = $1', [BENCH_ACCOUNT_NAME]);
  if (existing.rows.length > 0) throw new Error(`this database already holds the account ${BENCH_ACCOUNT_NAME}; generate into an empty database`);
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const { rows: [account] } = await client.query<{ id: string }>(
    "insert into accounts (name, time_zone, next_conversation_number, created_at) values ($1, 'Asia/Tokyo', $2, now() - interval '400 days') returning id",
    [BENCH_ACCOUNT_NAME, conversationCount + 1],
  );
  const accountId = account!.id;
  await client.query(
    `create temporary table bench_agents as
       select g as n, gen_random_uuid() as id from generate_series(0, $1 - 1) g`,
    [agentCount],
  );
  await client.query(`insert into users (id, email, name, password_hash, locale, created_at)
    select id, 'agent' || n || '@bench.touchpoint.dev', (array['Aiko','Ben','Chen','Dana','Emi','Farid','Grace','Hiro','Ines','Jun'])[n % 10 + 1] || ' ' || n,
      $1, (array['en','ja','zh'])[n % 3 + 1], now() - interval '400 days' from bench_agents`, [passwordHash]);
  // Agent 0 and 1 are admins (they see every inbox); the others are agents in three inboxes each.
  await client.query(`insert into memberships (account_id, user_id, role) select $1, id, case when n < 2 then 'admin' else 'agent' end from bench_agents`, [accountId]);
  await client.query(`create temporary table bench_inboxes as select g as n, gen_random_uuid() as id from generate_series(0, ${INBOXES - 1}) g`);
  await client.query(`insert into inboxes (id, account_id, name, channel) select id, $1,
      (array['Support','Returns','Billing','Japan','China','Wholesale','VIP','Web chat','WhatsApp','Instagram'])[n + 1],
      (array['email','email','email','email','email','email','email','web_chat','whatsapp','instagram'])[n + 1] from bench_inboxes`, [accountId]);
  // Agent n works in inboxes n, n+3 and n+7 (mod 10): conversations in inbox k are assigned to agents n ≡ k (mod 10).
  await client.query(`insert into inbox_members (account_id, inbox_id, user_id)
    select distinct $1::uuid, i.id, a.id from bench_agents a join bench_inboxes i on i.n in (a.n % 10, (a.n + 3) % 10, (a.n + 7) % 10)`, [accountId]);
  await client.query(`create temporary table bench_teams as select g as n, gen_random_uuid() as id from generate_series(0, 7) g`);
  await client.query(`insert into teams (id, account_id, name) select id, $1, (array['Tier 1','Tier 2','Returns','Billing','Japan desk','China desk','VIP','Social'])[n + 1] from bench_teams`, [accountId]);
  await client.query('insert into team_members (account_id, team_id, user_id) select $1, t.id, a.id from bench_agents a join bench_teams t on t.n = a.n % 8', [accountId]);
  await client.query(`create temporary table bench_labels as select g as n, gen_random_uuid() as id from generate_series(0, 29) g`);
  await client.query(`insert into labels (id, account_id, name, color) select id, $1, (array['refund','damaged','shipping','vip','bug','billing','返品','配送','退货','发票'])[n % 10 + 1] || case when n >= 10 then '-' || n else '' end,
      (array['#ef4444','#f59e0b','#10b981','#3b82f6','#8b5cf6'])[n % 5 + 1] from bench_labels`, [accountId]);
  const { rows: policies } = await client.query<{ id: string }>(`insert into sla_policies (account_id, name, position, conditions, first_response_minutes, next_response_minutes, resolution_minutes) values
      ($1, 'Urgent and high', 0, '{"priorities":["urgent","high"]}', 30, 60, 480),
      ($1, 'Everything else', 1, '{}', 240, 480, 2880) returning id`, [accountId]);
  return { accountId, policyIds: policies.map((p) => p.id) };
}

/** Temporary tables live per connection, so every loading connection gets the reference rows as arrays (index n). */
async function readReferences(client: Connection) {
  const ids = async (table: string) => (await client.query<{ id: string }>(`select id from ${table} order by n`)).rows.map((row) => row.id);
  return { agents: await ids('bench_agents'), inboxes: await ids('bench_inboxes'), teams: await ids('bench_teams'), labels: await ids('bench_labels') };
}

async function dropSecondaryIndexes(client: Connection): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
       from pg_index i join pg_class t on t.oid = i.indrelid
      where t.relname = any($1) and not i.indisprimary and not i.indisunique`,
    [BULK_TABLES],
  );
  for (const row of rows) await client.query(`drop index ${row.name}`);
  return rows.map((row) => row.definition);
}

/** Synthetic words added to the typo dictionary, so that it has the size of a real account's vocabulary. */
const SYNTHETIC_WORDS = 200_000;

/**
 * The account's typo dictionary (migration 0009): its triggers are off during the load (replica role), so the words of
 * the subjects and messages are collected here in one statement, plus SYNTHETIC_WORDS letter strings of 5–12
 * characters — the phrase lists alone give fewer than a hundred words, a real account tens or hundreds of thousands.
 */
async function fillSearchWords(handle: DatabaseHandle, accountId: string) {
  await handle.query(
    `insert into search_words (account_id, word)
     select distinct $1::uuid, v.lexeme
       from (select search_vector from conversations where account_id = $1 union all select search_vector from messages where account_id = $1) t,
            unnest(t.search_vector) v
      where tp_is_search_word(v.lexeme)
     union
     select $1::uuid, substr(translate(md5('w' || g), '0123456789', 'ghijklmnop'), 1, 5 + g % 8) from generate_series(1, ${SYNTHETIC_WORDS}) g
     on conflict do nothing`,
    [accountId],
  );
}

const EN = ['I want to return my order', 'The parcel arrived damaged', 'Where is my refund', 'Can I change the delivery address', 'The invoice shows the wrong amount', 'My discount code does not work', 'The kettle stopped working after a week', 'Please cancel my subscription', 'Thanks, that solved it', 'We have shipped a replacement today', 'Could you send a photo of the damage', 'Your refund has been issued'];
const JA = ['返品したいです', '商品が破損して届きました', '返金はいつになりますか', '配送先を変更できますか', '請求書の金額が違います', 'クーポンが使えません', '交換品を本日発送しました', 'ご迷惑をおかけして申し訳ございません', 'ありがとうございました、解決しました', '注文をキャンセルしてください'];
const ZH = ['我想退货', '包裹到的时候已经坏了', '退款什么时候到账', '可以修改收货地址吗', '发票金额不对', '优惠码用不了', '我们今天已经寄出了换货', '给您带来不便非常抱歉', '谢谢，问题解决了', '请取消我的订单'];
const SUBJECTS = { en: ['Return request', 'Damaged parcel', 'Refund status', 'Delivery address', 'Wrong invoice', 'Discount code', 'Broken kettle', 'Cancel subscription'], ja: ['返品のお願い', '破損した商品', '返金について', '配送先の変更', '請求書の誤り', 'クーポンについて'], zh: ['退货申请', '包裹破损', '退款进度', '修改地址', '发票错误', '优惠码问题'] };

const sqlArray = (items: string[]) => `(array[${items.map((item) => `'${item.replaceAll("'", "''")}'`).join(',')}])`;
/** Language of row g: 60 % English, 25 % Japanese, 15 % Chinese. */
const languageOf = (g: string) => `(case when ${pick(g, 11, 100)} < 60 then 0 when ${pick(g, 11, 100)} < 85 then 1 else 2 end)`;

async function insertContacts(client: Connection, accountId: string, count: number) {
  await client.query(`insert into contacts (account_id, name, email, phone, locale, created_at)
    select $1,
      case ${languageOf('g')} when 0 then (array['Olivia','Liam','Emma','Noah','Ava','Lucas','Mia','Ethan'])[${pick('g', 1, 8)} + 1] || ' ' || (array['Smith','Jones','Brown','Taylor','Wilson','Evans','Walker','Hughes'])[${pick('g', 2, 8)} + 1]
        when 1 then (array['佐藤','鈴木','高橋','田中','伊藤','渡辺'])[${pick('g', 1, 6)} + 1] || ' ' || (array['陽子','健太','美咲','翔太','由美','大輔'])[${pick('g', 2, 6)} + 1]
        else (array['王','李','张','刘','陈','杨'])[${pick('g', 1, 6)} + 1] || (array['伟','芳','娜','敏','静','强'])[${pick('g', 2, 6)} + 1] end,
      'customer' || g || '@example.test', '+8190' || lpad(g::text, 8, '0'), (array['en','ja','zh'])[${languageOf('g')} + 1],
      now() - interval '400 days' + (g::float / $2) * interval '365 days'
    from generate_series(1, $2) g`, [accountId, count]);
}

interface LoadContext {
  accountId: string;
  policyIds: string[];
  contactIds: string[];
  refs: Awaited<ReturnType<typeof readReferences>>;
}

/**
 * One batch of conversations [from, to] and their messages, labels, SLA clocks and read markers. Conversation g is
 * created at a point of the last year proportional to g (so numbers grow with time); the newest tenth holds most open
 * work, older ones are mostly resolved or closed.
 */
async function insertConversationBatch(client: Connection, context: LoadContext, from: number, to: number) {
  const { accountId, refs } = context;
  const N = conversationCount;
  const recent = `(g > ${Math.floor(N * 0.9)})`;
  const roll = pick('g', 3, 100);
  const status = `case when ${recent} then (case when ${roll} < 50 then 'open' when ${roll} < 70 then 'pending' when ${roll} < 75 then 'snoozed' else 'resolved' end)
    else (case when ${roll} < 2 then 'open' when ${roll} < 3 then 'pending' when ${roll} < 50 then 'resolved' else 'closed' end) end`;
  const inboxN = pick('g', 4, INBOXES);
  const assigned = `(${pick('g', 5, 100)} >= 30 or status_value not in ('open'))`;
  const lang = languageOf('g');
  const count = `(1 + ${pick('g', 6, 2 * messagesPerConversation - 1)})`;
  await client.query(
    `with base as (
       select g, ${status} as status_value, ${inboxN} as inbox_n, ${lang} as lang, ${count} as message_count,
         now() - interval '366 days' + (g::float / ${N}) * interval '365 days' + ${pick('g', 7, 3600)} * interval '1 second' as created
         from generate_series($2::int, $3::int) g)
     insert into conversations (account_id, number, inbox_id, contact_id, subject, status, priority, assignee_id, team_id,
       waiting_since, first_response_at, resolved_at, snoozed_until, created_at, last_message_at, updated_at)
     select $1, g, ($4::uuid[])[inbox_n + 1], ($5::uuid[])[${pick('g', 8, context.contactIds.length)} + 1],
       case lang when 0 then ${sqlArray(SUBJECTS.en)}[${pick('g', 9, SUBJECTS.en.length)} + 1] || ' #' || (10000 + ${pick('g', 10, 90000)})
         when 1 then ${sqlArray(SUBJECTS.ja)}[${pick('g', 9, SUBJECTS.ja.length)} + 1] else ${sqlArray(SUBJECTS.zh)}[${pick('g', 9, SUBJECTS.zh.length)} + 1] end,
       status_value,
       (array['low','normal','normal','normal','normal','normal','high','high','urgent','normal'])[${pick('g', 12, 10)} + 1],
       case when ${assigned} then ($6::uuid[])[inbox_n + 10 * ${pick('g', 13, Math.max(1, Math.floor(agentCount / 10)))} + 1] end,
       case when ${pick('g', 14, 3)} = 0 then ($7::uuid[])[${pick('g', 15, refs.teams.length)} + 1] end,
       case when status_value = 'open' and message_count % 2 = 1 then created + (message_count - 1) * interval '20 minutes' end,
       case when message_count > 1 then created + interval '20 minutes' end,
       case when status_value in ('resolved', 'closed') then created + message_count * interval '20 minutes' end,
       case when status_value = 'snoozed' then now() + interval '2 days' end,
       created, created + (message_count - 1) * interval '20 minutes', created + message_count * interval '20 minutes'
     from base`,
    [accountId, from, to, refs.inboxes, context.contactIds, refs.agents, refs.teams],
  );
  // Messages alternate customer → agent; every fifteenth agent turn is an internal note instead.
  await client.query(
    `insert into messages (account_id, conversation_id, direction, author_user_id, body, created_at)
     select c.account_id, c.id,
       case when i % 2 = 1 then 'inbound' when ${pick('c.number * 64 + i', 16, 15)} = 0 then 'note' else 'outbound' end,
       case when i % 2 = 0 then coalesce(c.assignee_id, ($4::uuid[])[1]) end,
       case ${languageOf('c.number')}
         when 0 then ${sqlArray(EN)}[${pick('c.number * 64 + i', 17, EN.length)} + 1] || '. ' || ${sqlArray(EN)}[${pick('c.number * 64 + i', 18, EN.length)} + 1] || ', order ' || (100000 + ${pick('c.number', 19, 900000)}) || '.'
         when 1 then ${sqlArray(JA)}[${pick('c.number * 64 + i', 17, JA.length)} + 1] || '。' || ${sqlArray(JA)}[${pick('c.number * 64 + i', 18, JA.length)} + 1] || '。注文番号 ' || (100000 + ${pick('c.number', 19, 900000)})
         else ${sqlArray(ZH)}[${pick('c.number * 64 + i', 17, ZH.length)} + 1] || '，' || ${sqlArray(ZH)}[${pick('c.number * 64 + i', 18, ZH.length)} + 1] || '。订单号 ' || (100000 + ${pick('c.number', 19, 900000)}) end,
       c.created_at + (i - 1) * interval '20 minutes'
     from conversations c
     cross join lateral generate_series(1, 1 + (extract(epoch from c.last_message_at - c.created_at) / 1200)::int) i
     where c.account_id = $1 and c.number between $2 and $3`,
    [accountId, from, to, refs.agents],
  );
  await client.query(
    `insert into conversation_labels (account_id, conversation_id, label_id)
     select distinct c.account_id, c.id, ($4::uuid[])[${pick('c.number * 3 + k', 20, refs.labels.length)} + 1]
     from conversations c cross join generate_series(0, ${pick('c.number', 21, 5)} - 3) k
     where c.account_id = $1 and c.number between $2 and $3`,
    [accountId, from, to, refs.labels],
  );
  // SLA clocks for work still in progress: urgent/high under the first policy; a tenth of open clocks already breached.
  await client.query(
    `insert into conversation_slas (conversation_id, account_id, policy_id, first_response_due_at, next_response_due_at, resolution_due_at, paused_at, paused_remaining, breaches, updated_at)
     select c.id, c.account_id, case when c.priority in ('urgent','high') then $4::uuid else $5::uuid end,
       case when c.first_response_at is null then c.created_at + interval '4 hours' end,
       case when c.waiting_since is not null and c.first_response_at is not null then c.waiting_since + interval '8 hours' end,
       case when c.status = 'open' then now() + (${pick('c.number', 22, 3000)} - 300) * interval '1 minute' end,
       case when c.status in ('pending','snoozed') then c.updated_at end,
       case when c.status in ('pending','snoozed') then '{"resolution": 600}'::jsonb end,
       case when c.status = 'open' and ${pick('c.number', 22, 3000)} < 300
         then jsonb_build_array(jsonb_build_object('target', 'resolution', 'dueAt', to_char((now() + (${pick('c.number', 22, 3000)} - 300) * interval '1 minute') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'at', to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
         else '[]'::jsonb end,
       c.updated_at
     from conversations c where c.account_id = $1 and c.number between $2 and $3 and c.status in ('open','pending','snoozed')`,
    [accountId, from, to, context.policyIds[0], context.policyIds[1]],
  );
  // The assignee has read 80 % of their conversations to the end and the rest up to an hour before the last message.
  await client.query(
    `insert into conversation_reads (account_id, conversation_id, user_id, last_read_at)
     select c.account_id, c.id, c.assignee_id, c.last_message_at - case when ${pick('c.number', 23, 5)} = 0 then interval '1 hour' else interval '0' end
     from conversations c where c.account_id = $1 and c.number between $2 and $3 and c.assignee_id is not null`,
    [accountId, from, to],
  );
}

async function main() {
  const { handle, connect } = await openTarget();
  await runTimed('migrate', () => migrateDatabase(handle));
  const started = performance.now();
  const setup = await connect();
  await bulkSession(setup);
  const { accountId, policyIds } = await runTimed('account, agents, inboxes, teams, labels, SLA policies', () => createAccount(setup));
  const refs = await readReferences(setup);
  const indexDefinitions = await dropSecondaryIndexes(setup);
  const contactCount = Math.max(1, Math.floor(conversationCount / 4));
  await runTimed(`${contactCount.toLocaleString('en-US')} contacts`, () => insertContacts(setup, accountId, contactCount));
  const contactIds = (await setup.query<{ id: string }>('select id from contacts where account_id = $1', [accountId])).rows.map((row) => row.id);
  setup.release();

  const context: LoadContext = { accountId, policyIds, contactIds, refs };
  const batches: [number, number][] = [];
  for (let from = 1; from <= conversationCount; from += BATCH_CONVERSATIONS) batches.push([from, Math.min(conversationCount, from + BATCH_CONVERSATIONS - 1)]);
  const progress = createProgressReporter(process.stderr, conversationCount);
  let done = 0;
  progress.update(0);
  const loadStarted = performance.now();
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      const client = await connect();
      await bulkSession(client);
      try {
        for (let batch = batches.shift(); batch; batch = batches.shift()) {
          await insertConversationBatch(client, context, batch[0], batch[1]);
          done += batch[1] - batch[0] + 1;
          progress.update(done);
        }
      } finally {
        client.release();
      }
    }),
  );
  progress.finish();
  log(`conversations, messages, labels, SLA clocks, read markers: ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`);

  // Indexes are rebuilt two at a time (one per job), the largest (message search) first.
  const pending = [...indexDefinitions].sort((a, b) => Number(b.includes('messages')) - Number(a.includes('messages')));
  await runTimed(`${indexDefinitions.length} secondary indexes`, () =>
    Promise.all(
      Array.from({ length: jobs }, async () => {
        const client = await connect();
        await bulkSession(client);
        try {
          for (let definition = pending.shift(); definition; definition = pending.shift()) await runTimed(`  ${definition.slice(0, 90)}`, () => client.query(definition));
        } finally {
          client.release();
        }
      }),
    ),
  );
  await runTimed('typo dictionary (search words)', () => fillSearchWords(handle, accountId));
  await runTimed('vacuum analyze', () => handle.query('vacuum analyze'));
  const { rows: [sizes] } = await handle.query<Record<string, string>>(
    `select (select count(*) from conversations where account_id = $1)::text as conversations, (select count(*) from messages where account_id = $1)::text as messages,
       (select count(*) from contacts where account_id = $1)::text as contacts, pg_size_pretty(pg_database_size(current_database())) as size`,
    [accountId],
  );
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(sizes)}; agents sign in as ${benchAgentEmail(0)} … ${benchAgentEmail(agentCount - 1)} / ${BENCH_PASSWORD}`);
  await handle.close();
}

await main();
