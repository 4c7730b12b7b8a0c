import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { getReturn, logStoreVisit, lookupStoreCustomer, type ReturnDetail, type StoreLookup } from '../../api/commerce-endpoints.ts';
import { createContact } from '../../api/contact-endpoints.ts';
import type { ContactProfile } from '../../api/types.ts';
import { Avatar } from '../../components/badge.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useFormAction } from '../../hooks/use-form-action.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';
import { CustomerOrders, ReturnStatusBadge } from '../commerce/commerce-parts.tsx';
import { ReturnActions } from '../returns/returns-page.tsx';
import '../commerce/commerce.css';

interface DetectedCode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedCode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** The browser's own QR reader (Chromium on Android and ChromeOS); elsewhere a scanner acting as a keyboard is used. */
const barcodeDetector = (): BarcodeDetectorConstructor | null =>
  (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector ?? null;

/** Reads QR codes from the back camera until one is found or it is stopped. */
function CameraScanner({ onCode, onStop }: { onCode(code: string): void; onStop(): void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const Detector = barcodeDetector();
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer = 0;
    if (!Detector || !navigator.mediaDevices?.getUserMedia) {
      setFailed(true);
      return undefined;
    }
    const detector = new Detector({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (media) => {
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        const tick = async () => {
          if (stopped || !video.current) return;
          const [code] = await detector.detect(video.current).catch(() => []);
          if (code?.rawValue) onCode(code.rawValue);
          else timer = window.setTimeout(() => void tick(), 250);
        };
        void tick();
      })
      .catch(() => setFailed(true));
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onCode]);
  return (
    <div className="store-camera stack">
      {failed ? <p className="notice notice-warning">{t('store.cameraUnavailable')}</p> : <video ref={video} muted playsInline aria-label={t('store.scan')} />}
      <button type="button" className="button button-secondary" onClick={onStop}>{t('store.stopScan')}</button>
    </div>
  );
}

function VisitForm({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const { error, busy, handleSubmit } = useFormAction(async () => {
    setSaved(false);
    await logStoreVisit(account.id, contactId, { note });
    setNote('');
    setSaved(true);
  });
  return (
    <form className="panel form" onSubmit={handleSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">{t('store.logVisit')}</h2>
      <ErrorNotice error={error} />
      {saved ? <p className="notice notice-success" role="status">{t('store.visitSaved')}</p> : null}
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('store.visitNote')}</label>
        <textarea id={`${id}-note`} className="input" rows={3} required maxLength={5000} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !note.trim()}>{t('store.saveVisit')}</button>
      </div>
    </form>
  );
}

/** A walk-in customer with no profile yet: name and, if they give them, email and phone. */
function NewCustomerForm({ initial, onCreated }: { initial: string; onCreated(contact: ContactProfile): void }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const looksLikeEmail = initial.includes('@');
  const looksLikePhone = /^\+?[\d\s().-]{6,}$/.test(initial);
  const [name, setName] = useState(looksLikeEmail || looksLikePhone ? '' : initial);
  const [email, setEmail] = useState(looksLikeEmail ? initial : '');
  const [phone, setPhone] = useState(looksLikePhone ? initial : '');
  const { error, busy, handleSubmit } = useFormAction(async () => {
    onCreated(await createContact(account.id, { name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}), ...(phone.trim() ? { phone: phone.trim() } : {}) }));
  });
  return (
    <form className="panel form" onSubmit={handleSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-title">{t('store.addCustomer')}</h2>
      <ErrorNotice error={error} />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('store.newName')}</label>
        <input id={`${id}-name`} className="input" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('store.newEmail')}</label>
        <input id={`${id}-email`} className="input" type="email" maxLength={254} value={email} onChange={(event) => setEmail(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-phone`}>{t('store.newPhone')}</label>
        <input id={`${id}-phone`} className="input" type="tel" maxLength={40} value={phone} onChange={(event) => setPhone(event.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !name.trim()}>{t('store.create')}</button>
      </div>
    </form>
  );
}

function CustomerAtCounter({ contact }: { contact: ContactProfile }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="store-customer-name">
        <div className="store-customer-head">
          <Avatar name={contact.name} />
          <div>
            <h2 id="store-customer-name">{contact.name}</h2>
            <p className="muted">{[contact.email, contact.phone].filter(Boolean).join(' · ')}</p>
          </div>
        </div>
        <Link to={paths.contact(account.id, contact.id)}>{t('store.openProfile')}</Link>
      </section>
      <section className="panel" aria-labelledby="store-orders-heading">
        <h2 id="store-orders-heading" className="panel-title">{t('store.orders')}</h2>
        <CustomerOrders contactId={contact.id} source="store" compact />
      </section>
      <VisitForm contactId={contact.id} />
    </div>
  );
}

/**
 * Store mode: a phone-sized counter view. The search box takes what a scanner types (`touchpoint:contact:<id>` from
 * the customer's portal, `touchpoint:return:<id>` from a slip) followed by Enter, or a name, phone, email or order number.
 */
export function StorePage() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ query: string; lookup: StoreLookup } | null>(null);
  const [chosen, setChosen] = useState<ContactProfile | null>(null);
  const [slip, setSlip] = useState<ReturnDetail | null>(null);
  const [scanning, setScanning] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // A scanner types into whatever has focus: the box takes it, one frame after the shell has focused the heading.
  useEffect(() => {
    let inner = 0;
    const outer = requestAnimationFrame(() => {
      inner = requestAnimationFrame(() => input.current?.focus());
    });
    return () => {
      cancelAnimationFrame(outer);
      cancelAnimationFrame(inner);
    };
  }, []);

  const find = async (raw: string) => {
    const q = raw.trim();
    if (!q) return;
    setError(null);
    setScanning(false);
    try {
      const lookup = await lookupStoreCustomer(account.id, q);
      setResult({ query: q, lookup });
      setChosen(lookup.contacts.length === 1 ? lookup.contacts[0]! : null);
      setSlip(lookup.ret ? await getReturn(account.id, lookup.ret.id) : null);
      setQuery('');
    } catch (reason) {
      setError(reason);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void find(query);
  };

  const clear = () => {
    setResult(null);
    setChosen(null);
    setSlip(null);
    setQuery('');
    input.current?.focus();
  };

  return (
    <div className="store-page">
      <PageHeader title={t('store.title')} description={t('store.description')} actions={result ? <button type="button" className="button button-secondary" onClick={clear}>{t('store.clear')}</button> : null} />
      <div className="stack">
        <form role="search" className="panel form" onSubmit={submit} aria-labelledby={`${id}-find`}>
          <h2 id={`${id}-find`} className="visually-hidden">{t('store.find')}</h2>
          <label htmlFor={`${id}-q`}>{t('store.findLabel')}</label>
          <div className="store-find">
            <input ref={input} id={`${id}-q`} className="input" type="search" autoComplete="off" autoCapitalize="off" spellCheck={false} enterKeyHint="search" value={query} onChange={(event) => setQuery(event.target.value)} />
            <button type="submit" className="button button-primary">{t('store.search')}</button>
          </div>
          {barcodeDetector() ? (
            scanning ? <CameraScanner onCode={(code) => void find(code)} onStop={() => setScanning(false)} /> : (
              <button type="button" className="button button-secondary" onClick={() => setScanning(true)}>{t('store.scan')}</button>
            )
          ) : null}
        </form>
        <ErrorNotice error={error} />

        {slip ? (
          <section className="panel" aria-labelledby={`${id}-slip`}>
            <h2 id={`${id}-slip`} className="panel-title">
              {t('store.slipFound', { number: slip.number, status: t(`return.status.${slip.status}` as MessageKey) })} <ReturnStatusBadge status={slip.status} />
            </h2>
            <p className="muted">{slip.orderNumber} · {slip.lines.map((line) => `${line.title} × ${line.quantity}`).join(', ')}</p>
            <ReturnActions ret={slip} onChanged={setSlip} />
          </section>
        ) : null}

        {result && result.lookup.contacts.length === 0 && !chosen ? (
          <>
            <p className="notice notice-info" role="status">{t('store.noMatch', { query: result.query })}</p>
            {result.lookup.matchedBy === 'text' ? <NewCustomerForm initial={result.query} onCreated={setChosen} /> : null}
          </>
        ) : null}

        {result && result.lookup.contacts.length > 1 && !chosen ? (
          <section className="panel" aria-labelledby={`${id}-matches`}>
            <h2 id={`${id}-matches`} className="panel-title">{t('store.matches')}</h2>
            <ul className="store-results">
              {result.lookup.contacts.map((contact) => (
                <li key={contact.id}>
                  <span>
                    <strong>{contact.name}</strong>
                    <span className="muted"> {[contact.email, contact.phone].filter(Boolean).join(' · ')}</span>
                  </span>
                  <button type="button" className="button button-secondary button-small" aria-label={`${t('store.choose')}: ${contact.name}`} onClick={() => setChosen(contact)}>
                    {t('store.choose')}
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {chosen ? <CustomerAtCounter key={chosen.id} contact={chosen} /> : null}
      </div>
    </div>
  );
}
