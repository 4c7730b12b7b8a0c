import { useState } from 'react';
import { type DelightKind, type GestureFields, getMyDelight, listConversationGestures, sendDelightGesture } from '../../../api/delight-endpoints.ts';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { useCurrentAccount } from '../../../hooks/use-current-account.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import './delight.css';

const KINDS: DelightKind[] = ['voucher', 'points', 'card', 'gift'];
const toMinor = (text: string) => Math.round(Number(text.replace(',', '.')) * 100);

/**
 * The "Delight" action of a conversation's side panel: the agent's budget left, and a gesture (voucher, points, a
 * handwritten-style card, a gift) sent on the spot, without approval. Over budget, the server refuses and says why.
 */
export function DelightAction({ conversationId }: { conversationId: string }) {
  const { t, formatMoney, formatDate, formatNumber } = useI18n();
  const account = useCurrentAccount();
  const mine = useResource((signal) => getMyDelight(account.id, signal), [account.id]);
  const gestures = useResource((signal) => listConversationGestures(account.id, conversationId, signal), [account.id, conversationId]);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<DelightKind>('voucher');
  const [poolId, setPoolId] = useState('');
  const [value, setValue] = useState('');
  const [points, setPoints] = useState('500');
  const [giftTitle, setGiftTitle] = useState('');
  const [cardStyle, setCardStyle] = useState('thanks');
  const [message, setMessage] = useState('');
  const [clientKey, setClientKey] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const data = mine.data;
  const currency = data?.budget?.currency ?? 'USD';
  const pool = data?.pools.find((item) => item.id === (poolId || data.pools[0]?.id));

  async function send() {
    setBusy(true);
    setError(null);
    setSent(null);
    const body: GestureFields = { kind, clientKey, message, cardStyle };
    if (kind === 'voucher') Object.assign(body, { poolId: pool?.id, ...(pool && pool.kind !== 'amount' && value.trim() ? { valueMinor: toMinor(value) } : {}) });
    if (kind === 'points') body.points = Math.floor(Number(points));
    if (kind === 'gift') Object.assign(body, { gift: { title: giftTitle }, ...(value.trim() ? { valueMinor: toMinor(value) } : {}) });
    try {
      const answer = await sendDelightGesture(account.id, conversationId, body);
      setSent(answer.gesture.kind === 'voucher' ? t('delight.sentVoucher', { code: String(answer.gesture.details.code ?? '') }) : t(`delight.sent.${answer.gesture.kind}`));
      setClientKey(crypto.randomUUID());
      setMessage('');
      setOpen(false);
      mine.reload();
      gestures.reload();
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="delight-action" aria-labelledby={`delight-${conversationId}`}>
      <h3 id={`delight-${conversationId}`} className="panel-subtitle">{t('delight.action')}</h3>
      {data ? (
        data.budget ? (
          <p className="delight-left" data-testid="delight-left">
            {t('delight.left', { left: formatMoney(data.leftMinor, currency), budget: formatMoney(data.budget.amountMinor, currency), period: t(`delight.period.${data.budget.period}`) })}
            <span className="muted small"> {t('delight.renews', { date: formatDate(data.periodEnd!) })}</span>
          </p>
        ) : <p className="muted small">{t('delight.noBudget')}</p>
      ) : null}
      {sent ? <p className="notice notice-info" role="status">{sent}</p> : null}
      {data?.budget && !open ? <button type="button" className="button button-secondary button-small" onClick={() => setOpen(true)}>{t('delight.open')}</button> : null}
      {data?.budget && open ? (
        <form className="form delight-form" onSubmit={(event) => { event.preventDefault(); void send(); }} noValidate>
          <fieldset className="delight-kinds">
            <legend className="field-label-small">{t('delight.kind')}</legend>
            {KINDS.filter((item) => item !== 'gift' || data.giftsAvailable).map((item) => (
              <label key={item} className="delight-kind">
                <input type="radio" name={`delight-kind-${conversationId}`} value={item} checked={kind === item} onChange={() => setKind(item)} /> {t(`delight.kind.${item}`)}
              </label>
            ))}
          </fieldset>
          {kind === 'voucher' ? (
            data.pools.length === 0 ? <p className="muted small">{t('delight.noPools')}</p> : (
              <div className="field">
                <label htmlFor={`delight-pool-${conversationId}`}>{t('delight.pool')}</label>
                <select id={`delight-pool-${conversationId}`} className="select" value={pool?.id ?? ''} onChange={(event) => setPoolId(event.currentTarget.value)}>
                  {data.pools.map((item) => (
                    <option key={item.id} value={item.id}>
                      {item.name} · {item.kind === 'amount' ? formatMoney(item.value, item.currency ?? currency) : item.kind === 'percent' ? `${item.value}%` : t('delight.freeItem')} ({t('delight.inStock', { count: formatNumber(item.available) })})
                    </option>
                  ))}
                </select>
              </div>
            )
          ) : null}
          {kind === 'points' ? (
            <div className="field">
              <label htmlFor={`delight-points-${conversationId}`}>{t('delight.points')}</label>
              <input id={`delight-points-${conversationId}`} className="input" type="number" min={1} value={points} onChange={(event) => setPoints(event.currentTarget.value)} aria-describedby={`delight-points-cost-${conversationId}`} />
              <p id={`delight-points-cost-${conversationId}`} className="field-hint">{t('delight.pointsCost', { cost: formatMoney(Math.floor(Number(points) || 0) * data.budget.pointValueMinor, currency) })}</p>
            </div>
          ) : null}
          {kind === 'gift' ? (
            <div className="field">
              <label htmlFor={`delight-gift-${conversationId}`}>{t('delight.giftTitle')}</label>
              <input id={`delight-gift-${conversationId}`} className="input" value={giftTitle} onChange={(event) => setGiftTitle(event.currentTarget.value)} />
            </div>
          ) : null}
          {kind === 'gift' || (kind === 'voucher' && pool && pool.kind !== 'amount') ? (
            <div className="field">
              <label htmlFor={`delight-value-${conversationId}`}>{t('delight.cost', { currency })}</label>
              <input id={`delight-value-${conversationId}`} className="input" inputMode="decimal" value={value} onChange={(event) => setValue(event.currentTarget.value)} />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`delight-style-${conversationId}`}>{t('delight.cardStyle')}</label>
            <select id={`delight-style-${conversationId}`} className="select" value={cardStyle} onChange={(event) => setCardStyle(event.currentTarget.value)}>
              {data.cardStyles.map((style) => <option key={style} value={style}>{t(`delight.style.${style as 'thanks'}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`delight-message-${conversationId}`}>{t('delight.message')}</label>
            <textarea id={`delight-message-${conversationId}`} className="textarea delight-message" rows={4} value={message} onChange={(event) => setMessage(event.currentTarget.value)} maxLength={2000} />
          </div>
          <ErrorNotice error={error} />
          <div className="form-actions">
            <button type="submit" className="button button-primary button-small" disabled={busy}>{t('delight.send')}</button>
            <button type="button" className="button button-ghost button-small" onClick={() => { setOpen(false); setError(null); }}>{t('delight.cancel')}</button>
          </div>
        </form>
      ) : null}
      {gestures.data && gestures.data.gestures.length > 0 ? (
        <ul className="inbox-contact-list" aria-label={t('delight.sentHere')}>
          {gestures.data.gestures.map((gesture) => (
            <li key={gesture.id}>
              {t(`delight.kind.${gesture.kind}`)} · {formatMoney(gesture.valueMinor, gesture.currency)} · {gesture.agentName ?? ''}{' '}
              <a href={gesture.cardPath} target="_blank" rel="noreferrer" className="tap-link">{t('delight.viewCard')}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
