import { useState } from 'react';
import { openPortalAsContact } from '../../api/consent-endpoints.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';

/**
 * Admins see the customer portal as this customer sees it. The link is shown rather than opened, so no popup blocker
 * swallows it; it works once, for two minutes, and the audit log records who asked for it.
 */
export function ContactPortalLink({ contactId, contactName }: { contactId: string; contactName: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const [url, setUrl] = useState<string | null>(null);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    setUrl((await openPortalAsContact(account.id, contactId)).url);
  });
  return (
    <form className="portal-as-contact" onSubmit={handleSubmit}>
      <p className="muted">{t('portalAs.lead')}</p>
      <ErrorNotice error={error} />
      {url ? (
        <a className="button" href={url} target="_blank" rel="noopener noreferrer" onClick={() => setUrl(null)}>
          {t('portalAs.open', { name: contactName })}
        </a>
      ) : (
        <button type="submit" className="button secondary" disabled={busy}>
          {t('portalAs.prepare')}
        </button>
      )}
    </form>
  );
}
