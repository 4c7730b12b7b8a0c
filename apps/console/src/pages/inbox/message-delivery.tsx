import { useId, useState } from 'react';
import { retryDelivery } from '../../api/channel-endpoints.ts';
import type { Message } from '../../api/types.ts';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { AlertIcon, ClockIcon, DoubleCheckIcon, MapPinIcon, SmallCheckIcon } from '../../components/icons.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { readChannelData } from './channel-data.ts';
import './message-delivery.css';

/**
 * How far a reply got on its channel: pending (clock), sent (✓), delivered (✓✓), read (✓✓ in colour), each with its
 * word beside the icon so colour is never the only sign. A failed reply shows the provider's reason and Retry.
 * Keyed by status, so the thread's live region announces a change as a new line.
 */
export function DeliveryStatus({ conversationId, message, onRetried }: { conversationId: string; message: Message; onRetried(): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const reasonId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const status = message.deliveryStatus;
  if (message.direction !== 'outbound' || !status) return null;

  if (status === 'failed') {
    const retry = async () => {
      setBusy(true);
      setError(null);
      try {
        await retryDelivery(account.id, conversationId, message.id);
        onRetried();
      } catch (reason) {
        setError(reason);
      } finally {
        setBusy(false);
      }
    };
    return (
      <div key={status} className="delivery-failed">
        <p className="delivery-failed-text" id={reasonId}>
          <AlertIcon />
          <span>
            <strong>{t('delivery.failed')}</strong>
            {message.deliveryError ? <> {t('delivery.reason', { reason: message.deliveryError })}</> : null}
          </span>
        </p>
        <button type="button" className="button button-secondary button-small" aria-describedby={reasonId} disabled={busy} onClick={() => void retry()}>
          {t('delivery.retry')}
        </button>
        <ErrorNotice error={error} />
      </div>
    );
  }

  const icon = status === 'pending' ? <ClockIcon /> : status === 'sent' ? <SmallCheckIcon /> : <DoubleCheckIcon />;
  return (
    <p key={status} className={`delivery delivery-${status}`}>
      {icon}
      <span>{t(`delivery.${status}`)}</span>
    </p>
  );
}

/**
 * An email as its sender formatted it, on request. The server has sanitized the HTML already; the frame adds a second
 * wall: no scripts, forms or plugins (`sandbox` without `allow-scripts`), links open in a new tab. It is same-origin
 * only so that inline images (attachments) load with the agent's session, and so its height can be read.
 */
function FormattedEmail({ html }: { html: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [height, setHeight] = useState(200);
  return (
    <div className="channel-data-formatted">
      <button type="button" className="button button-secondary button-small" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('channelData.hideFormatted') : t('channelData.showFormatted')}
      </button>
      {open ? (
        <iframe
          title={t('channelData.formatted')}
          sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
          srcDoc={`<!doctype html><meta charset="utf-8"><base target="_blank"><style>body{font:14px/1.5 system-ui,sans-serif;margin:8px;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style>${html}`}
          style={{ height }}
          onLoad={(event) => setHeight(Math.min(2000, (event.currentTarget.contentDocument?.documentElement.scrollHeight ?? 200) + 8))}
        />
      ) : null}
    </div>
  );
}

/** The text of what the channel carried besides the message: a location (with a map link), a reaction, cc, a template. */
export function MessageChannelData({ message, conversationSubject }: { message: Message; conversationSubject: string }) {
  const { t } = useI18n();
  const items = readChannelData(message.channelData).filter(
    // An email's subject is the conversation's on every message: show it only where it changed.
    (item) => item.kind !== 'subject' || normaliseSubject(item.text) !== normaliseSubject(conversationSubject),
  );
  if (items.length === 0) return null;
  return (
    <dl className="channel-data">
      {items.map((item) => {
        switch (item.kind) {
          case 'location':
            return (
              <div key="location" className="channel-data-row">
                <dt>{t('channelData.location')}</dt>
                <dd>
                  <a href={item.mapUrl} target="_blank" rel="noopener noreferrer nofollow" className="channel-data-location">
                    <MapPinIcon />
                    <span>{item.name ?? t('channelData.locationUnnamed', { latitude: item.latitude.toFixed(5), longitude: item.longitude.toFixed(5) })}</span>
                  </a>
                  {item.address ? <span className="channel-data-address">{item.address}</span> : null}
                </dd>
              </div>
            );
          case 'reaction':
            return (
              <div key="reaction" className="channel-data-row">
                <dt>{t('channelData.reaction')}</dt>
                <dd className="channel-data-emoji">{item.emoji}</dd>
              </div>
            );
          case 'subject':
            return (
              <div key="subject" className="channel-data-row">
                <dt>{t('channelData.subject')}</dt>
                <dd>{item.text}</dd>
              </div>
            );
          case 'cc':
            return (
              <div key="cc" className="channel-data-row">
                <dt>{t('channelData.cc')}</dt>
                <dd>{item.addresses.join(', ')}</dd>
              </div>
            );
          case 'template':
            return (
              <div key="template" className="channel-data-row">
                <dt>{t('channelData.template')}</dt>
                <dd>{item.language ? `${item.name} (${item.language})` : item.name}</dd>
              </div>
            );
          case 'autoReply':
            return (
              <div key="autoReply" className="channel-data-row">
                <dt>{t('channelData.autoReply')}</dt>
                <dd>{t('channelData.autoReplyHint', { reason: item.reason })}</dd>
              </div>
            );
          case 'quarantine':
            return (
              <div key="quarantine" className="channel-data-row">
                <dt>{t('channelData.quarantine')}</dt>
                <dd>{t('channelData.quarantineHint', { reason: item.reason })}</dd>
              </div>
            );
          case 'quoted':
            return (
              <div key="quoted" className="channel-data-row">
                <dt>{t('channelData.quoted')}</dt>
                <dd>
                  <details>
                    <summary>{t('channelData.showQuoted')}</summary>
                    <pre className="channel-data-quoted">{item.text}</pre>
                  </details>
                </dd>
              </div>
            );
          case 'html':
            return (
              <div key="html" className="channel-data-row">
                <dt>{t('channelData.formatted')}</dt>
                <dd>
                  <FormattedEmail html={item.html} />
                </dd>
              </div>
            );
        }
      })}
    </dl>
  );
}

const normaliseSubject = (subject: string) => subject.replace(/^\s*((re|fwd?|aw|wg|回复|转发|返信|転送)\s*[:：]\s*)+/i, '').trim().toLowerCase();
