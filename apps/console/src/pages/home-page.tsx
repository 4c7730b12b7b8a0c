import { getHome } from '../api/endpoints.ts';
import type { HomeCounts } from '../api/types.ts';
import { ErrorNotice } from '../components/error-notice.tsx';
import { QuoteIcon } from '../components/icons.tsx';
import { LoadingState } from '../components/loading-state.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useCurrentAccount } from '../hooks/use-current-account.ts';
import { useResource } from '../hooks/use-resource.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { Link } from '../router/link.tsx';
import { paths } from '../routes/paths.ts';
import { useMe } from '../session/session-context.tsx';

interface CountCard {
  key: keyof HomeCounts;
  label: MessageKey;
  to: (accountId: string) => string;
}

const COUNT_CARDS: CountCard[] = [
  { key: 'openConversations', label: 'home.openConversations', to: (id) => paths.conversations(id, 'open') },
  { key: 'unassignedConversations', label: 'home.unassignedConversations', to: (id) => paths.conversations(id, 'open') },
  { key: 'mine', label: 'home.mine', to: (id) => paths.conversations(id, 'open') },
  { key: 'contacts', label: 'home.contacts', to: (id) => paths.contacts(id) },
  { key: 'ordersLast30Days', label: 'home.ordersLast30Days', to: (id) => paths.contacts(id) },
];

const HOME_EVENTS = ['account.updated', 'conversation.*', 'message.created', 'contact.*', 'order.*', 'member.*'];

function pickGreeting(hour: number): MessageKey {
  if (hour < 5) return 'home.greetingEvening';
  if (hour < 12) return 'home.greetingMorning';
  if (hour < 18) return 'home.greetingAfternoon';
  return 'home.greetingEvening';
}

export function HomePage() {
  const { t, formatNumber } = useI18n();
  const me = useMe();
  const account = useCurrentAccount();
  const home = useResource((signal) => getHome(account.id, signal), [account.id], {
    accountId: account.id,
    events: HOME_EVENTS,
  });
  const firstName = me.user.name.split(/\s+/)[0] ?? me.user.name;

  return (
    <>
      <PageHeader title={t(pickGreeting(new Date().getHours()), { name: firstName })} description={account.name} />
      <ErrorNotice error={home.error} />
      {home.loading && !home.data ? <LoadingState /> : null}
      {home.data ? (
        <>
          <section className="purpose-card" aria-labelledby="purpose-heading">
            <QuoteIcon />
            <h2 id="purpose-heading" className="purpose-eyebrow">
              {t('home.purposeHeading')}
            </h2>
            {home.data.purposeStatement.trim() ? (
              <p className="purpose-text" data-testid="purpose-statement">
                {home.data.purposeStatement}
              </p>
            ) : (
              <p className="purpose-text purpose-empty" data-testid="purpose-statement">
                {account.role === 'admin' ? t('home.purposeEmptyAdmin') : t('home.purposeEmptyAgent')}
              </p>
            )}
            {account.role === 'admin' ? (
              <Link to={paths.settings(account.id, 'purpose')} className="purpose-edit">
                {t('home.editPurpose')}
              </Link>
            ) : null}
          </section>

          <section aria-labelledby="today-heading" className="section">
            <h2 id="today-heading" className="section-title">
              {t('home.atAGlance')}
            </h2>
            <ul className="stat-grid">
              {COUNT_CARDS.map((card) => (
                <li key={card.key}>
                  <Link to={card.to(account.id)} className="stat-card">
                    <span className="stat-value">{formatNumber(home.data?.counts[card.key] ?? 0)}</span>
                    <span className="stat-label">{t(card.label)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </>
  );
}
