import { formatDate, formatMoney } from '../format.ts';
import { ConversationStatus, Link, Page, useLoad } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';
import { OrderStatus } from './orders.tsx';
import { OpenSurveys } from './open-surveys.tsx';
import { GamesHomeCard } from './games.tsx';
import { PuzzleHomeCard } from './puzzle.tsx';
import { LiveNow } from './live-now.tsx';

export function HomePage() {
  const { api, me, info, t, locale } = usePortal();
  const conversations = useLoad(() => api.conversations(), [api]);
  const orders = useLoad(() => api.orders(), [api]);
  return (
    <Page title={t('hello', { name: me.name })}>
      <div class="actions-grid">
        <Link to="/conversations/new" class="action-card">
          <span class="action-title">{t('startConversation')}</span>
        </Link>
        <a href={info.helpCenterUrl} class="action-card">
          <span class="action-title">{t('helpCenter')}</span>
          <span class="muted">{t('helpCenterLead')}</span>
        </a>
        <Link to="/rewards" class="action-card">
          <span class="action-title">{t('rewardsTitle')}</span>
          <span class="muted">{t('rewardsLead')}</span>
        </Link>
        <Link to="/gifts" class="action-card">
          <span class="action-title">{t('giftsCard')}</span>
          <span class="muted">{t('giftsCardLead')}</span>
        </Link>
        <PuzzleHomeCard />
        <Link to="/referrals" class="action-card">
          <span class="action-title">{t('referralsTitle')}</span>
          <span class="muted">{t('referralsCardLead')}</span>
        </Link>
      </div>

      <GamesHomeCard />
      <LiveNow />
      <OpenSurveys />

      <section aria-labelledby="recent-conversations">
        <div class="section-head">
          <h2 id="recent-conversations">{t('recentConversations')}</h2>
          <Link to="/conversations">{t('seeAll')}</Link>
        </div>
        {conversations.state === 'ready' ? (
          conversations.data.conversations.length === 0 ? (
            <p class="muted">{t('noConversations')}</p>
          ) : (
            <ul class="list">
              {conversations.data.conversations.slice(0, 3).map((c) => (
                <li key={c.id}>
                  <Link to={`/conversations/${c.id}`} class="list-item">
                    <span class="list-title">{c.subject || t('conversationNumber', { number: c.number })}</span>
                    <span class="list-meta">
                      <ConversationStatus status={c.status} /> {formatDate(c.lastMessageAt, locale, me.timeZone)}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>

      {orders.state === 'ready' ? (
        <section aria-labelledby="recent-orders">
          <div class="section-head">
            <h2 id="recent-orders">{t('recentOrders')}</h2>
            <Link to="/orders">{t('seeAll')}</Link>
          </div>
          {orders.data.orders.length === 0 ? (
            <p class="muted">{t('noOrders')}</p>
          ) : (
            <ul class="list">
              {orders.data.orders.slice(0, 3).map((order) => (
                <li key={order.id}>
                  <Link to={`/orders/${order.id}`} class="list-item">
                    <span class="list-title">{t('orderNumber', { number: order.number })}</span>
                    <span class="list-meta">
                      <OrderStatus status={order.status} /> {formatMoney(order.totalMinor, order.currency, locale)}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </Page>
  );
}
