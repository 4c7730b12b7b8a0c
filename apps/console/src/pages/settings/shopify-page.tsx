import { useId, useState } from 'react';
import { disconnectShopify, getShopifyConnection, saveShopifyConnection, type ShopifyConnection } from '../../api/commerce-endpoints.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useResource } from '../../hooks/use-resource.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import '../commerce/commerce.css';

/** Connects a Shopify store: domain and webhook secret (write-only, never shown again), then the URL to paste. */
function ConnectionForm({ connection, onSaved }: { connection: ShopifyConnection; onSaved(next: ShopifyConnection): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [shopDomain, setShopDomain] = useState(connection.shopDomain ?? '');
  const [secret, setSecret] = useState('');
  const { error, busy, handleSubmit } = useFormAction(async () => {
    onSaved(await saveShopifyConnection(account.id, { shopDomain: shopDomain.trim(), ...(secret.trim() ? { webhookSecret: secret.trim() } : {}) }));
    setSecret('');
  });
  return (
    <form className="panel form" onSubmit={handleSubmit}>
      <ErrorNotice error={error} />
      <div className="field">
        <label htmlFor={`${id}-domain`}>{t('shopify.shopDomain')}</label>
        <input id={`${id}-domain`} className="input input-mono" required maxLength={255} placeholder="sakura-goods.myshopify.com" aria-describedby={`${id}-domain-hint`} value={shopDomain} onChange={(event) => setShopDomain(event.target.value)} />
        <p id={`${id}-domain-hint`} className="field-hint">{t('shopify.shopDomainHint')}</p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-secret`}>{t('shopify.secret')}</label>
        <input id={`${id}-secret`} type="password" className="input input-mono" autoComplete="off" required={!connection.connected} maxLength={500} aria-describedby={`${id}-secret-hint`} value={secret} onChange={(event) => setSecret(event.target.value)} />
        <p id={`${id}-secret-hint`} className="field-hint">{t('shopify.secretHint')} {connection.connected ? t('shopify.secretKeep') : ''}</p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{connection.connected ? t('shopify.update') : t('shopify.connect')}</button>
      </div>
    </form>
  );
}

export function ShopifyPage() {
  const { t, formatDateTime } = useI18n();
  const account = useCurrentAccount();
  const resource = useResource((signal) => getShopifyConnection(account.id, signal), [account.id]);
  const [saved, setSaved] = useState<ShopifyConnection | null>(null);
  const connection = saved ?? resource.data;
  return (
    <>
      <PageHeader title={t('shopify.title')} description={t('shopify.description')} />
      <ErrorNotice error={resource.error} />
      {!connection ? (resource.loading ? <LoadingState /> : null) : (
        <div className="stack">
          <section className="panel" aria-live="polite">
            {connection.connected ? (
              <>
                <p>{t('shopify.connected', { domain: connection.shopDomain ?? '' })}</p>
                {connection.webhookUrl ? <CopyField label={t('shopify.webhookUrl')} value={connection.webhookUrl} description={t('shopify.webhookSteps')} /> : null}
                <p className="muted">{connection.lastWebhookAt ? t('shopify.lastWebhook', { time: formatDateTime(connection.lastWebhookAt) }) : t('shopify.noWebhookYet')}</p>
                <ConfirmButton
                  label={t('shopify.disconnect')}
                  confirmLabel={t('shopify.disconnect')}
                  onConfirm={async () => {
                    await disconnectShopify(account.id);
                    setSaved({ connected: false, shopDomain: null, webhookUrl: null, lastWebhookAt: null, updatedAt: null });
                  }}
                />
              </>
            ) : (
              <p className="muted">{t('shopify.notConnected')}</p>
            )}
          </section>
          <ConnectionForm key={connection.updatedAt ?? 'new'} connection={connection} onSaved={setSaved} />
        </div>
      )}
    </>
  );
}
