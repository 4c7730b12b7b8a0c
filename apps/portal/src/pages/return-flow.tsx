import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type Eligibility, type UploadedPhoto } from '../api.ts';
import { formatBytes, formatDate } from '../format.ts';
import type { MessageKey } from '../i18n.ts';
import { ErrorNote, LoadFailedPage, Loading, Page, useLoad } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';

/** Why a line cannot be returned, by the commerce package's reason code. */
const INELIGIBLE_KEYS: Record<string, MessageKey> = {
  order_cancelled: 'ineligibleCancelled',
  order_refunded: 'ineligibleRefunded',
  not_delivered: 'ineligibleNotDelivered',
  outside_window: 'ineligibleOutsideWindow',
  non_returnable: 'ineligibleNonReturnable',
  already_returned: 'ineligibleAlreadyReturned',
};

const STEPS: MessageKey[] = ['stepLines', 'stepReason', 'stepPhotos', 'stepResolution', 'stepReview'];

export function ReturnFlowPage({ orderId }: { orderId: string }) {
  const { api, t, locale } = usePortal();
  const loaded = useLoad(() => Promise.all([api.order(orderId), api.eligibility(orderId, locale)]), [api, orderId, locale]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <LoadFailedPage title={t('startReturnTitle')} back={`/orders/${orderId}`} onRetry={loaded.reload} />;
  const [order, eligibility] = loaded.data;
  return <ReturnFlow orderId={orderId} orderNumber={order.number} eligibility={eligibility} />;
}

function ReturnFlow({ orderId, orderNumber, eligibility }: { orderId: string; orderNumber: string; eligibility: Eligibility }) {
  const { api, t, navigate, locale, me } = usePortal();
  const [step, setStep] = useState(0);
  const [quantities, setQuantities] = useState<Record<string, number>>({});
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [uploading, setUploading] = useState<string | null>(null);
  const [photoErrors, setPhotoErrors] = useState<string[]>([]);
  const [resolution, setResolution] = useState<'refund' | 'exchange'>('refund');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const stepHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    stepHeading.current?.focus();
  }, [step]);

  const chosen = eligibility.lines.filter((line) => (quantities[line.lineId] ?? 0) > 0);
  const chosenReason = eligibility.reasons.find((r) => r.code === reason);

  function next() {
    setError(null);
    if (step === 0 && chosen.length === 0) return setError(t('chooseAtLeastOne'));
    if (step === 1 && !reason) return setError(t('chooseReason'));
    if (step === 2 && photos.length === 0 && chosenReason?.photoRequired) return setError(t('photoRequired'));
    // Exchange is not offered by every shop: then the only answer is a refund, and the step is skipped.
    setStep(step === 2 && !eligibility.allowExchange ? 4 : step + 1);
  }

  async function addPhotos(files: FileList | null) {
    const errors: string[] = [];
    for (const file of Array.from(files ?? [])) {
      if (photos.length >= eligibility.maxPhotos) break;
      setUploading(file.name);
      try {
        const uploaded = await api.uploadPhoto(file);
        setPhotos((current) => [...current, uploaded]);
        setError(null);
      } catch (failure) {
        errors.push(t('photoFailed', { name: file.name, reason: failure instanceof ApiError ? failure.problem.detail ?? failure.problem.code : t('loadFailed') }));
      }
    }
    setUploading(null);
    setPhotoErrors(errors);
  }

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const created = await api.startReturn({
        orderId,
        lines: chosen.map((line) => ({ lineId: line.lineId, quantity: quantities[line.lineId]! })),
        reason,
        note,
        resolution,
        photoIds: photos.map((photo) => photo.id),
        locale,
      });
      navigate(`/returns/${created.id}?started=1`);
    } catch (failure) {
      setError(failure instanceof ApiError && failure.problem.detail ? failure.problem.detail : t('sendFailed'));
      setBusy(false);
    }
  }

  return (
    <Page title={t('startReturnTitle')} back={`/orders/${orderId}`}>
      <p class="muted">{t('returnFor', { number: orderNumber })}</p>
      <p class="step-count">{t('stepOf', { n: step + 1, total: STEPS.length })}</p>
      <h2 ref={stepHeading} tabIndex={-1}>
        {t(STEPS[step]!)}
      </h2>

      {step === 0 ? (
        <ul class="lines choose">
          {eligibility.lines.map((line) => (
            <li key={line.lineId}>
              <span class="line-title">
                {line.title}
                {line.variant ? <span class="block muted small">{line.variant}</span> : null}
              </span>
              {line.eligible ? (
                <label class="qty">
                  <span class="visually-hidden">{t('quantityToReturn', { title: line.title })}</span>
                  <select
                    value={String(quantities[line.lineId] ?? 0)}
                    aria-label={t('quantityToReturn', { title: line.title })}
                    onChange={(event) => setQuantities({ ...quantities, [line.lineId]: Number((event.target as HTMLSelectElement).value) })}
                  >
                    {Array.from({ length: line.returnableQuantity + 1 }, (_, n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <span class="muted small">{t('notEligible', { reason: line.reason && INELIGIBLE_KEYS[line.reason] ? t(INELIGIBLE_KEYS[line.reason]!) : line.reason ?? '' })}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}

      {step === 1 ? (
        <>
          <fieldset>
            <legend>{t('whyReturn')}</legend>
            {eligibility.reasons.map((option) => (
              <label key={option.code} class="choice">
                <input type="radio" name="reason" value={option.code} checked={reason === option.code} onChange={() => setReason(option.code)} />
                <span>{option.label}</span>
              </label>
            ))}
          </fieldset>
          <label for="return-note">{t('reasonDetails')}</label>
          <textarea id="return-note" rows={3} maxLength={2000} value={note} onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)} />
        </>
      ) : null}

      {step === 2 ? (
        <>
          <label for="photos" class="button secondary wide file-button">
            {t(chosenReason?.photoRequired ? 'addPhotosRequired' : 'addPhotos')}
          </label>
          <input
            id="photos"
            class="visually-hidden"
            type="file"
            accept={eligibility.photoTypes.join(',')}
            multiple
            aria-describedby="photos-hint"
            onChange={(event) => {
              const input = event.target as HTMLInputElement;
              void addPhotos(input.files).then(() => {
                input.value = '';
              });
            }}
          />
          <p id="photos-hint" class="muted">
            {chosenReason?.photoRequired ? `${t('photoRequired')} ` : ''}
            {t('photosHint', { size: formatBytes(eligibility.maxPhotoBytes), count: eligibility.maxPhotos })}
          </p>
          {uploading ? (
            <p role="status" class="muted">
              {t('photoUploading', { name: uploading })}
            </p>
          ) : null}
          {photoErrors.length > 0 ? (
            <div class="error-note" role="alert">
              {photoErrors.map((message) => (
                <p key={message}>{message}</p>
              ))}
            </div>
          ) : null}
          <ul class="photos">
            {photos.map((photo) => (
              <li key={photo.id}>
                <span>{photo.fileName}</span>
                <button type="button" class="button link" onClick={() => setPhotos(photos.filter((p) => p.id !== photo.id))}>
                  {t('photoRemove', { name: photo.fileName })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {step === 3 ? (
        <fieldset>
          <legend class="visually-hidden">{t('stepResolution')}</legend>
          {(['refund', 'exchange'] as const).map((option) => (
            <label key={option} class="choice big">
              <input type="radio" name="resolution" value={option} checked={resolution === option} onChange={() => setResolution(option)} />
              <span>
                <strong>{t(option)}</strong>
                <span class="muted block">{t(option === 'refund' ? 'refundLead' : 'exchangeLead')}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}

      {step === 4 ? (
        <>
          <dl class="review">
            <div>
              <dt>{t('items')}</dt>
              <dd>
                <ul>
                  {chosen.map((line) => (
                    <li key={line.lineId}>
                      {line.title} {t('quantityTimes', { n: quantities[line.lineId]! })}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>{t('reason')}</dt>
              <dd>
                {chosenReason?.label ?? reason}
                {note ? <span class="block muted">{note}</span> : null}
              </dd>
            </div>
            <div>
              <dt>{t('stepPhotos')}</dt>
              <dd>{photos.length === 0 ? '—' : photos.map((photo) => photo.fileName).join(', ')}</dd>
            </div>
            <div>
              <dt>{t('resolution')}</dt>
              <dd>{t(resolution)}</dd>
            </div>
          </dl>
          <section class="card policy" aria-labelledby="policy-title">
            {eligibility.returnBy ? <p class="muted small">{t('returnBy', { date: formatDate(eligibility.returnBy, locale, me.timeZone) })}</p> : null}
            <h3 id="policy-title">{t('returnPolicy')}</h3>
            <p class="pre-line">{eligibility.policy}</p>
          </section>
        </>
      ) : null}

      {error ? <ErrorNote message={error} /> : null}

      <div class="step-buttons">
        {step > 0 ? (
          <button type="button" class="button secondary" onClick={() => setStep(step === 4 && !eligibility.allowExchange ? 2 : step - 1)}>
            {t('back')}
          </button>
        ) : null}
        {step < STEPS.length - 1 ? (
          <button type="button" class="button primary" onClick={next} disabled={uploading !== null}>
            {t('continue')}
          </button>
        ) : (
          <button type="button" class="button primary" onClick={confirm} disabled={busy}>
            {t('confirmReturn')}
          </button>
        )}
      </div>
    </Page>
  );
}
