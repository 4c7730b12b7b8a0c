import { useMemo, useState } from 'preact/hooks';
import { formatDate } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import { Loading, Page } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';
import { useLoad } from '../use-load.ts';
import { createGiftApi, type GiftApi, itemTitle, type SentGift, shareOrCopy } from './gift-api.ts';
import { GiftLink, GiftSendForm } from './gift-send-form.tsx';
import './gifts.css';

/** The reaction a recipient sent back: the video plays, the photo shows, the text reads; the giver may share it. */
function Reaction({ gift, gifts, onChanged }: { gift: SentGift; gifts: GiftApi; onChanged: () => void }) {
  const { t, me } = usePortal();
  const reaction = gift.reaction!;
  const [note, setNote] = useState('');
  async function share() {
    const shared = reaction.shared ? reaction : await gifts.share(gift.id, true);
    const url = new URL(shared.sharePath!, location.origin).toString();
    const result = await shareOrCopy(url, t('giftShareText', { name: me.name }));
    setNote(result === 'copied' ? `${t('giftCopied')} ${url}` : t('giftReactionShared'));
    onChanged();
  }
  async function unshare() {
    await gifts.share(gift.id, false);
    setNote('');
    onChanged();
  }
  return (
    <div class="gift-reaction">
      <p class="list-title">{t('giftReaction')}</p>
      {reaction.kind === 'video' ? <video src={gifts.mediaUrl(gift.id)} controls playsInline preload="metadata" aria-label={t('giftReaction')} /> : null}
      {reaction.kind === 'photo' ? <img src={gifts.mediaUrl(gift.id)} alt={t('giftReaction')} /> : null}
      {reaction.text ? <blockquote>{reaction.text}</blockquote> : null}
      <div class="step-buttons">
        <button type="button" class="button primary" onClick={share}>{t('giftShareReaction')}</button>
        {reaction.shared ? <button type="button" class="button secondary" onClick={unshare}>{t('giftUnshareReaction')}</button> : null}
      </div>
      {note ? <p class="success-text" role="status">{note}</p> : null}
    </div>
  );
}

function SentGiftItem({ gift, gifts, onChanged }: { gift: SentGift; gifts: GiftApi; onChanged: () => void }) {
  const { t, locale, me } = usePortal();
  const to = gift.recipientName ?? gift.recipientEmail ?? gift.recipientPhone;
  const open = ['scheduled', 'delivered', 'opened'].includes(gift.status);
  return (
    <li class="card gift-item">
      <p class="list-title">{itemTitle(gift.claimedItem ?? gift.item, t('giftCardOnly'))}</p>
      <p class="list-meta">
        <span class="badge">{t(`giftStatus_${gift.status}` as MessageKey)}</span> {to ? t('giftTo', { name: to }) : t('giftToLink')} · {formatDate(gift.createdAt, locale, me.timeZone)}
      </p>
      {gift.message ? <p class="pre-line">{gift.message}</p> : null}
      {open ? <p class="muted small">{t('giftExpiresOn', { date: formatDate(gift.expiresAt, locale, me.timeZone) })}</p> : null}
      {open && gift.deliveryResult?.startsWith('suppressed') ? <p class="error-note">{t('giftNotSent')}</p> : null}
      {open && gift.claimPath ? <GiftLink url={new URL(gift.claimPath, location.origin).toString()} /> : null}
      {gift.reaction ? <Reaction gift={gift} gifts={gifts} onChanged={onChanged} /> : null}
      {open ? (
        <button type="button" class="button secondary wide" onClick={() => gifts.cancel(gift.id).then(onChanged, onChanged)}>{t('giftCancel')}</button>
      ) : null}
    </li>
  );
}

/** `/portal/<handle>/gifts`: send a gift, and follow the ones sent, with the reactions they brought back. */
export function GiftsPage() {
  const { api, me, t } = usePortal();
  const gifts = useMemo(() => createGiftApi(api.base, me.csrfToken), [api.base, me.csrfToken]);
  const data = useLoad(() => gifts.load(), [gifts]);
  return (
    <Page title={t('giftsTitle')} back="/">
      <p class="muted">{t('giftsCardLead')}</p>
      {data.state === 'loading' ? <Loading /> : null}
      {data.state === 'ready' ? (
        <>
          <GiftSendForm gifts={gifts} campaigns={data.data.campaigns} onSent={data.reload} />
          <section aria-labelledby="gifts-sent">
            <h2 id="gifts-sent">{t('giftSentList')}</h2>
            {data.data.gifts.length === 0 ? <p class="muted">{t('giftNoneSent')}</p> : (
              <ul class="list">{data.data.gifts.map((gift) => <SentGiftItem key={gift.id} gift={gift} gifts={gifts} onChanged={data.reload} />)}</ul>
            )}
          </section>
        </>
      ) : null}
      {data.state === 'failed' ? <p class="error-note" role="alert">{t('giftFailed', { reason: String(data.error) })}</p> : null}
    </Page>
  );
}
