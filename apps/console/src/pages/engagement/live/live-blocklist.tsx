import { useState } from 'react';
import { addBlockedPhrase, getLiveBlocklist, removeBlockedPhrase } from '../../../api/live-feed-endpoints.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { TextField } from '../../../components/text-field.tsx';
import { useCurrentAccount, useIsAdmin } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import { Link } from '../../../router/link.tsx';
import { paths } from '../../../routes/paths.ts';

/** `/a/:accountId/engagement/live/blocklist`: the account's own phrases, and the built-in lists they add to. */
export function LiveBlocklist() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const list = useResource((signal) => getLiveBlocklist(account.id, signal), [account.id]);
  const [phrase, setPhrase] = useState('');
  const form = useFormAction(async () => {
    await addBlockedPhrase(account.id, phrase);
    setPhrase('');
    list.reload();
  });
  const back = <Link to={paths.engagement(account.id, 'live')}>← {t('live.back')}</Link>;
  return (
    <>
      <PageHeader title={t('live.blocklist')} before={back} description={t('live.blocklistDescription')} />
      {isAdmin ? (
        <form className="panel form live-block-form" onSubmit={(event) => void form.handleSubmit(event)} noValidate>
          {form.error ? <ErrorNotice error={form.error} /> : null}
          <TextField id="live-phrase" label={t('live.phrase')} hint={t('live.phraseHint')} value={phrase} maxLength={100} onChange={(event) => setPhrase(event.target.value)} error={null} required />
          <div className="form-actions"><button type="submit" className="button button-primary" disabled={form.busy}>{t('live.addPhrase')}</button></div>
        </form>
      ) : null}
      {list.error ? <ErrorNotice error={list.error} /> : null}
      {list.loading && !list.data ? <LoadingState /> : null}
      {list.data ? (
        <section className="panel" aria-labelledby="live-own-phrases">
          <h2 id="live-own-phrases" className="panel-title">{t('live.ownPhrases')}</h2>
          {list.data.phrases.length === 0 ? <p className="muted">{t('live.noPhrases')}</p> : (
            <ul className="live-phrase-list">
              {list.data.phrases.map((item) => (
                <li key={item.id}>
                  <span>{item.phrase}</span>
                  {isAdmin ? <ConfirmButton label={t('live.removePhrase')} confirmLabel={t('live.confirmRemove')} ariaLabel={`${t('live.removePhrase')}: ${item.phrase}`} onConfirm={async () => { await removeBlockedPhrase(account.id, item.id); list.reload(); }} /> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {list.data ? (
        <section className="panel" aria-labelledby="live-builtin">
          <h2 id="live-builtin" className="panel-title">{t('live.builtinLists')}</h2>
          <p className="field-hint">{t('live.builtinHint')}</p>
          {Object.entries(list.data.builtin).map(([locale, phrases]) => (
            <details key={locale} className="live-builtin">
              <summary>{t(`live.builtin.${locale as 'en' | 'ja' | 'zh'}`, { n: phrases.length })}</summary>
              <p lang={locale} className="small">{phrases.join(' · ')}</p>
            </details>
          ))}
        </section>
      ) : null}
    </>
  );
}
