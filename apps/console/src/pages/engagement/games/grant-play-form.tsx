import { useId, useState } from 'react';
import { listContacts } from '../../../api/endpoints.ts';
import { grantGamePlay } from '../../../api/games-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';

/**
 * Records one free play for a customer found by email: a no-purchase-necessary entry (same odds as any play) or a
 * goodwill play. The customer sees it in the portal like a play their orders unlocked.
 */
export function GrantPlayForm({ campaignId, onGranted }: { campaignId: string; onGranted: () => void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [email, setEmail] = useState('');
  const [source, setSource] = useState<'alternative' | 'manual'>('alternative');
  const [done, setDone] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const action = useFormAction(async () => {
    setDone(null);
    setMissing(false);
    const found = (await listContacts(account.id, { q: email.trim(), limit: 5 })).items.find((contact) => contact.email?.toLowerCase() === email.trim().toLowerCase());
    if (!found) {
      setMissing(true);
      return;
    }
    await grantGamePlay(account.id, campaignId, found.id, source);
    setDone(found.name);
    setEmail('');
    onGranted();
  });
  return (
    <form className="form game-grant" onSubmit={action.handleSubmit}>
      <div className="form-row">
        <div className="field field-grow">
          <label htmlFor={`${id}-email`}>{t('games.grantEmail')}</label>
          <input id={`${id}-email`} className="input" type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>{t('games.grantSource')}</label>
          <select id={`${id}-source`} className="select" value={source} onChange={(event) => setSource(event.target.value === 'manual' ? 'manual' : 'alternative')}>
            <option value="alternative">{t('games.grantSource.alternative')}</option>
            <option value="manual">{t('games.grantSource.manual')}</option>
          </select>
        </div>
      </div>
      <button type="submit" className="button button-secondary" disabled={action.busy}>{t('games.grant')}</button>
      {action.error ? <ErrorNotice error={action.error} /> : null}
      {missing ? <p role="alert" className="field-error">{t('games.grantMissing')}</p> : null}
      {done ? <p role="status" className="field-hint">{t('games.granted', { name: done })}</p> : null}
    </form>
  );
}
