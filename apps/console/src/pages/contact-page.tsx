import { getContact } from '../api/endpoints.ts';
import { Avatar, StatusBadge } from '../components/badge.tsx';
import { describeChannel } from '../components/channel-label.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { ChevronLeftIcon } from '../components/icons.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { OrderStatusBadge } from '../components/order-status.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { DateTime, RelativeTime } from '../components/time-text.tsx';
import { useCurrentAccount } from '../hooks/use-current-account.ts';
import { useResource } from '../hooks/use-resource.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { LOCALE_NAMES, isLocale } from '../i18n/locales.ts';
import { Link } from '../router/link.tsx';
import { paths } from '../routes/paths.ts';

export function ContactPage({ contactId }: { contactId: string }) {
  const { t, formatMoney } = useI18n();
  const account = useCurrentAccount();
  const contact = useResource((signal) => getContact(account.id, contactId, signal), [account.id, contactId], {
    accountId: account.id,
    events: ['contact.*', 'order.*', 'conversation.*', 'message.created'],
  });
  const data = contact.data;
  const backLink = (
    <Link to={paths.contacts(account.id)} className="back-link">
      <ChevronLeftIcon />
      {t('contact.back')}
    </Link>
  );

  if (!data) {
    return (
      <>
        <PageHeader title={t('contact.title')} before={backLink} />
        <ErrorNotice error={contact.error} />
        {contact.loading ? <LoadingState /> : null}
      </>
    );
  }

  return (
    <>
      <PageHeader before={backLink} title={data.name} description={data.email ?? data.phone ?? undefined} />
      <ErrorNotice error={contact.error} />
      <div className="two-column two-column-reverse">
        <aside className="side-panel" aria-labelledby="profile-heading">
          <div className="profile-head">
            <Avatar name={data.name} size="large" />
            <h2 id="profile-heading" className="panel-title">
              {t('contact.profile')}
            </h2>
          </div>
          <dl className="facts">
            <div>
              <dt>{t('contact.email')}</dt>
              <dd>{data.email ? <a href={`mailto:${data.email}`}>{data.email}</a> : '—'}</dd>
            </div>
            <div>
              <dt>{t('contact.phone')}</dt>
              <dd>{data.phone ? <a href={`tel:${data.phone}`}>{data.phone}</a> : '—'}</dd>
            </div>
            <div>
              <dt>{t('contact.language')}</dt>
              <dd>{data.locale ? (isLocale(data.locale) ? LOCALE_NAMES[data.locale] : data.locale) : '—'}</dd>
            </div>
            {data.timeZone ? (
              <div>
                <dt>{t('contact.timeZone')}</dt>
                <dd>{data.timeZone}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('contact.createdAt')}</dt>
              <dd>
                <DateTime iso={data.createdAt} />
              </dd>
            </div>
          </dl>
        </aside>
        <div className="stack">
          <section aria-labelledby="orders-heading" className="panel">
            <h2 id="orders-heading" className="panel-title">
              {t('contact.orders')}
            </h2>
            {data.orders.length === 0 ? (
              <p className="muted">{t('contact.noOrders')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table table-responsive">
                  <thead>
                    <tr>
                      <th scope="col">{t('contact.orderNumber')}</th>
                      <th scope="col">{t('contact.orderPlaced')}</th>
                      <th scope="col">{t('contact.orderStatus')}</th>
                      <th scope="col" className="numeric">
                        {t('contact.orderTotal')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.orders.map((order) => (
                      <tr key={order.id}>
                        <td data-label={t('contact.orderNumber')}>
                          <div>
                            <span className="mono">{order.number}</span>
                            {order.lines && order.lines.length > 0 ? (
                              <span className="order-lines">
                                {order.lines.map((line) => `${line.title} × ${line.quantity}`).join(', ')}
                              </span>
                            ) : null}
                          </div>
                        </td>
                        <td data-label={t('contact.orderPlaced')}>
                          <DateTime iso={order.placedAt} />
                        </td>
                        <td data-label={t('contact.orderStatus')}>
                          <OrderStatusBadge status={order.status} />
                        </td>
                        <td data-label={t('contact.orderTotal')} className="numeric">
                          {formatMoney(order.totalMinor, order.currency)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="contact-conversations-heading" className="panel">
            <h2 id="contact-conversations-heading" className="panel-title">
              {t('contact.conversations')}
            </h2>
            {data.conversations.length === 0 ? (
              <p className="muted">{t('contact.noConversations')}</p>
            ) : (
              <ul className="plain-list">
                {data.conversations.map((conversation) => (
                  <li key={conversation.id}>
                    <Link to={paths.conversation(account.id, conversation.id)} className="mini-row">
                      <span className="mini-row-main">
                        <span className="muted">#{conversation.number}</span>{' '}
                        {conversation.subject || t('conversations.noSubject')}
                      </span>
                      <span className="mini-row-meta">
                        <StatusBadge status={conversation.status} />
                        {conversation.channel ? <span className="meta-text">{describeChannel(conversation.channel, t)}</span> : null}
                        <span className="meta-text">
                          <RelativeTime iso={conversation.lastMessageAt} />
                        </span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

      </div>
    </>
  );
}
