import type { ReactNode } from 'react';
import { type ConsentChannel, getContactConsent } from '../../api/consent-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

const CHANNELS: ConsentChannel[] = ['email', 'sms', 'whatsapp', 'messenger'];
const SOURCES = new Set(['portal', 'agent', 'api', 'import']);

/** What the customer said about being contacted first, per channel, with where and when they said it; `children` follow (the portal link). */
export function ContactConsent({ contactId, children }: { contactId: string; children?: ReactNode }) {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const consent = useResource((signal) => getContactConsent(account.id, contactId, signal), [account.id, contactId], { accountId: account.id, events: ['contact.*'] });
  return (
    <section aria-labelledby="consent-heading" className="panel">
      <h2 id="consent-heading" className="panel-title">
        {t('consent.heading')}
      </h2>
      <p className="muted">{t('consent.lead')}</p>
      <ErrorNotice error={consent.error} />
      {consent.loading && !consent.data ? <LoadingState /> : null}
      {consent.data ? (
        <dl className="consent-list">
          {CHANNELS.map((channel) => {
            const state = consent.data!.consent[channel];
            return (
              <div key={channel} className="mini-row">
                <dt className="mini-row-main">{t(`consent.${channel}` as MessageKey)}</dt>
                <dd className="mini-row-meta">
                  <strong>{state ? t(state.granted ? 'consent.yes' : 'consent.no') : t('consent.unknown')}</strong>
                  {state ? (
                    <span className="meta-text">
                      {' '}
                      {t('consent.changed', { source: SOURCES.has(state.source) ? t(`consent.source.${state.source}` as MessageKey) : state.source, date: formatDateTime(state.at) })}
                    </span>
                  ) : null}
                </dd>
              </div>
            );
          })}
        </dl>
      ) : null}
      {children}
    </section>
  );
}
