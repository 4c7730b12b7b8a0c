import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeUser, signIn } from '@touchpoint/accounts';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '@touchpoint/db';
import { DEMO_AGENTS, DEMO_PASSWORD } from './demo-content.ts';
import { searchPublishedArticles } from '@touchpoint/help-center';
import { isDatabaseEmpty, loadDemoWorkspace } from './load-demo.ts';

/** The demo owns fixed emails, so it is loaded into a database of its own (never the shared test database). */
let handle: DatabaseHandle;
let emptyBefore: boolean;
let loaded: Awaited<ReturnType<typeof loadDemoWorkspace>>;
const now = new Date('2030-06-15T09:00:00Z');

beforeAll(async () => {
  handle = await openDatabase({ kind: 'embedded', dataDir: null });
  await migrateDatabase(handle);
  emptyBefore = await isDatabaseEmpty(handle.db);
  loaded = await loadDemoWorkspace(handle.db, now);
});
afterAll(async () => {
  await handle?.close();
});

const rowsOf = async <Row>(text: string, params: unknown[] = []) => (await handle.query<Row>(text, params)).rows;

describe('the demo workspace', () => {
  it('makes a fresh database non-empty, so it is never loaded twice', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(handle.db)).toBe(false);
  });

  it('has three agents who can sign in with the demo password, one of them an admin', async () => {
    expect(loaded.logins).toHaveLength(3);
    expect(loaded.logins.map((login) => login.role).sort()).toEqual(['admin', 'agent', 'agent']);
    for (const login of loaded.logins) {
      expect(login.password).toBe(DEMO_PASSWORD);
      const session = await signIn(handle.db, { email: login.email, password: DEMO_PASSWORD }, { ip: '127.0.0.1', userAgent: null });
      expect(session.token).toEqual(expect.any(String));
    }
    await expect(signIn(handle.db, { email: DEMO_AGENTS[1].email, password: 'not-the-demo-password' }, { ip: '127.0.0.2', userAgent: null })).rejects.toMatchObject({ code: 'invalid_credentials' });
    const users = await rowsOf<{ n: number }>('select count(*)::int as n from users');
    expect(users).toEqual([{ n: 3 }]);
  });

  it('has conversations in at least six different channels, with messages', async () => {
    const channels = await rowsOf<{ channel: string; conversations: number }>(
      'select i.channel, count(*)::int as conversations from conversations c join inboxes i on i.id = c.inbox_id where c.account_id = $1 group by i.channel',
      [loaded.accountId],
    );
    expect(channels.length).toBeGreaterThanOrEqual(6);
    expect(channels.map((row) => row.channel)).toEqual(expect.arrayContaining(['web_chat', 'email', 'whatsapp', 'in_store']));
    const withoutMessages = await rowsOf<{ n: number }>(
      'select count(*)::int as n from conversations c where c.account_id = $1 and not exists (select 1 from messages m where m.conversation_id = c.id)',
      [loaded.accountId],
    );
    expect(withoutMessages).toEqual([{ n: 0 }]);
  });

  it('has contacts who speak English, Japanese and Chinese', async () => {
    const locales = await rowsOf<{ locale: string }>('select distinct locale from contacts where account_id = $1 order by locale', [loaded.accountId]);
    expect(locales.map((row) => row.locale)).toEqual(['en', 'ja', 'zh']);
    const japanese = await rowsOf<{ name: string }>("select name from contacts where account_id = $1 and locale = 'ja'", [loaded.accountId]);
    expect(japanese.some((row) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(row.name))).toBe(true);
  });

  it('has orders that belong to its contacts, with totals that add up', async () => {
    const orders = await rowsOf<{ number: string; total_minor: number; line_total: number; contact_id: string | null; placed_at: Date }>(
      "select number, total_minor, (select sum((line->>'quantity')::int * (line->>'unitPriceMinor')::int)::int from jsonb_array_elements(lines) line) as line_total, contact_id, placed_at from orders where account_id = $1",
      [loaded.accountId],
    );
    expect(orders.length).toBeGreaterThan(0);
    for (const order of orders) {
      expect(order.contact_id).not.toBeNull();
      expect(order.total_minor).toBe(order.line_total);
      expect(new Date(order.placed_at).getTime()).toBeLessThan(now.getTime());
    }
  });

  it('makes Aiko, the admin, a member of two accounts', async () => {
    const [aiko] = await rowsOf<{ id: string }>('select id from users where email = $1', ['aiko@demo.touchpoint.dev']);
    const described = await describeUser(handle.db, aiko!.id);
    expect(described.accounts).toHaveLength(2);
    expect(described.accounts.every((account) => account.role === 'admin')).toBe(true);
    expect(described.accounts.map((account) => account.id)).toContain(loaded.accountId);
  });

  it('configures the helpdesk like a real shop: labels on conversations, canned replies in three languages, teams, hours, SLAs and CSAT answers', async () => {
    const labelled = await rowsOf<{ n: number }>('select count(distinct conversation_id)::int as n from conversation_labels');
    expect(labelled[0]!.n).toBeGreaterThanOrEqual(5);
    const shortcuts = (await rowsOf<{ shortcut: string }>('select shortcut from canned_replies order by shortcut')).map((row) => row.shortcut);
    expect(shortcuts).toEqual(expect.arrayContaining(['hello', 'konnichiwa', 'nihao']));
    expect((await rowsOf<{ n: number }>('select count(*)::int as n from teams'))[0]!.n).toBe(3);
    expect((await rowsOf<{ name: string }>('select name from sla_policies order by position')).map((row) => row.name)).toEqual(['Urgent and high: 30 minutes', 'Everyone: answer within the hour']);
    expect((await rowsOf<{ n: number }>('select count(*)::int as n from business_hours'))[0]!.n).toBe(1);
    const ratings = await rowsOf<{ rating: number }>('select rating from csat_ratings order by rating');
    expect(ratings.map((row) => row.rating)).toEqual([3, 4, 5, 5]);
  });
});


describe('the demo help center', () => {
  it('has four categories and every article published in English, Japanese and Chinese, found by search in each', async () => {
    const scope = { accountId: loaded.accountId };
    expect(await rowsOf<{ n: number }>('select count(*)::int as n from help_categories where account_id = $1', [loaded.accountId])).toEqual([{ n: 4 }]);
    const perLocale = await rowsOf<{ locale: string; n: number }>("select locale, count(*)::int as n from help_article_translations where account_id = $1 and status = 'published' group by locale order by locale", [loaded.accountId]);
    expect(perLocale.map((row) => row.locale)).toEqual(['en', 'ja', 'zh']);
    expect(new Set(perLocale.map((row) => row.n)).size).toBe(1);
    expect(perLocale[0]!.n).toBeGreaterThanOrEqual(10);
    expect((await searchPublishedArticles(handle.db, scope, { query: 'refund', locale: 'en' }))[0]?.slug).toBe('refund-timing');
    expect((await searchPublishedArticles(handle.db, scope, { query: '返品したい', locale: 'ja' }))[0]?.url).toBe('/help/sakura/ja/articles/return-an-item');
    expect((await searchPublishedArticles(handle.db, scope, { query: '退款', locale: 'zh' }))[0]?.slug).toBe('refund-timing');
  });
});
