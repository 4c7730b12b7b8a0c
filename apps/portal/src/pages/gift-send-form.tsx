import { useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { usePortal } from '../portal-context.ts';
import { type GiftApi, type GiftCampaign, itemTitle, shareOrCopy } from './gift-api.ts';

const newClientId = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** The link box shown after a link gift is made: the URL, Share (the phone's sheet) and Copy. */
export function GiftLink({ url }: { url: string }) {
  const { t, me } = usePortal();
  const [note, setNote] = useState('');
  const share = async () => {
    const result = await shareOrCopy(url, t('giftShareText', { name: me.name }));
    setNote(result === 'copied' ? t('giftCopied') : '');
  };
  const copy = async () => {
    await navigator.clipboard.writeText(url).then(() => setNote(t('giftCopied')), () => setNote(''));
  };
  return (
    <div class="gift-link">
      <label for="gift-link-url">{t('giftLinkLabel')}</label>
      <input id="gift-link-url" type="text" readOnly value={url} onFocus={(event) => (event.target as HTMLInputElement).select()} />
      <div class="step-buttons">
        <button type="button" class="button primary" onClick={share}>{t('giftShare')}</button>
        <button type="button" class="button secondary" onClick={copy}>{t('giftCopy')}</button>
      </div>
      {note ? <p class="success-text" role="status">{note}</p> : null}
    </div>
  );
}

/** Send a gift: a campaign's item or a card, by link, email or text message, now or at a chosen time. */
export function GiftSendForm({ gifts, campaigns, onSent }: { gifts: GiftApi; campaigns: GiftCampaign[]; onSent: () => void }) {
  const { t, locale } = usePortal();
  const [choice, setChoice] = useState(campaigns[0]?.id ?? 'card');
  const [how, setHow] = useState<'link' | 'email' | 'sms'>('link');
  const [name, setName] = useState('');
  const [address, setAddress] = useState('');
  const [message, setMessage] = useState('');
  const [later, setLater] = useState(false);
  const [when, setWhen] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'busy' } | { kind: 'sent'; link: string | null } | { kind: 'failed'; reason: string }>({ kind: 'idle' });
  const [clientId, setClientId] = useState(newClientId);

  async function submit(event: Event) {
    event.preventDefault();
    setState({ kind: 'busy' });
    try {
      const recipient = { ...(name.trim() ? { name: name.trim() } : {}), ...(how === 'email' ? { email: address.trim() } : how === 'sms' ? { phone: address.trim() } : {}) };
      const sent = await gifts.send({
        ...(choice === 'card' ? {} : { campaignId: choice }), recipient, message, locale, clientId,
        ...(how === 'sms' ? { channel: 'sms' as const } : {}), ...(later && when ? { deliverAt: new Date(when).toISOString() } : {}),
      });
      setState({ kind: 'sent', link: how === 'link' ? new URL(sent.claimUrl, location.origin).toString() : null });
      setClientId(newClientId());
      setMessage('');
      setAddress('');
      setName('');
      onSent();
    } catch (error) {
      setState({ kind: 'failed', reason: error instanceof ApiError ? (error.problem.detail ?? error.problem.code) : String(error) });
    }
  }

  return (
    <form class="card" aria-labelledby="gift-send-title" onSubmit={submit}>
      <h2 id="gift-send-title">{t('giftsCard')}</h2>
      <fieldset class="plain">
        <legend>{t('giftWhat')}</legend>
        {campaigns.map((campaign) => (
          <label key={campaign.id} class="choice">
            <input type="radio" name="gift-what" value={campaign.id} checked={choice === campaign.id} onChange={() => setChoice(campaign.id)} />
            <span>
              <span class="block">{campaign.name}</span>
              <span class="muted small block">{itemTitle(campaign.item, t('giftCardOnly'))}{campaign.remaining !== null ? ` · ${t('giftLeft', { count: campaign.remaining })}` : ''}</span>
              {campaign.description ? <span class="muted small block">{campaign.description}</span> : null}
              {campaign.requireOtherCountry ? <span class="muted small block">{t('giftAbroad')}</span> : null}
            </span>
          </label>
        ))}
        <label class="choice">
          <input type="radio" name="gift-what" value="card" checked={choice === 'card'} onChange={() => setChoice('card')} />
          <span>{t('giftCardOnly')}</span>
        </label>
      </fieldset>
      <fieldset class="plain">
        <legend>{t('giftHow')}</legend>
        {(['link', 'email', 'sms'] as const).map((option) => (
          <label key={option} class="choice">
            <input type="radio" name="gift-how" value={option} checked={how === option} onChange={() => setHow(option)} />
            <span>{t(option === 'link' ? 'giftByLink' : option === 'email' ? 'giftByEmail' : 'giftByPhone')}</span>
          </label>
        ))}
      </fieldset>
      <label for="gift-name">{t('giftRecipientName')}</label>
      <input id="gift-name" type="text" maxLength={120} value={name} onInput={(event) => setName((event.target as HTMLInputElement).value)} />
      {how !== 'link' ? (
        <>
          <label for="gift-address">{t(how === 'email' ? 'giftRecipientEmail' : 'giftRecipientPhone')}</label>
          {how === 'email' ? (
            <input id="gift-address" class="gift-input" type="email" autoComplete="off" required value={address} onInput={(event) => setAddress((event.target as HTMLInputElement).value)} />
          ) : (
            <input id="gift-address" class="gift-input" type="tel" autoComplete="off" required value={address} onInput={(event) => setAddress((event.target as HTMLInputElement).value)} />
          )}
        </>
      ) : null}
      <label for="gift-message">{t('giftMessage')}</label>
      <textarea id="gift-message" rows={3} maxLength={1000} value={message} onInput={(event) => setMessage((event.target as HTMLTextAreaElement).value)} />
      <label class="toggle">
        <input type="checkbox" checked={later} onChange={(event) => setLater((event.target as HTMLInputElement).checked)} />
        <span>{t('giftLater')}</span>
      </label>
      {later ? (
        <>
          <label for="gift-when">{t('giftDeliverAt')}</label>
          <input id="gift-when" class="gift-input" type="datetime-local" required value={when} onInput={(event) => setWhen((event.target as HTMLInputElement).value)} />
        </>
      ) : null}
      <button type="submit" class="button primary wide" disabled={state.kind === 'busy'}>{state.kind === 'busy' ? t('giftSending') : t('giftSend')}</button>
      {state.kind === 'failed' ? <p class="error-note" role="alert">{t('giftFailed', { reason: state.reason })}</p> : null}
      {state.kind === 'sent' ? (
        <div role="status">
          <p class="success-text">{state.link ? t('giftLinkReady') : t('giftSent')}</p>
          {state.link ? <GiftLink url={state.link} /> : null}
        </div>
      ) : null}
    </form>
  );
}
