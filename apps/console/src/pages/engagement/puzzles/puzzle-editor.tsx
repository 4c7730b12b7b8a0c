import { useId, useState } from 'react';
import { deletePuzzleDay, getPuzzleCalendar, getPuzzleStats, listPuzzleCouponPools, type Puzzle, type PuzzleCalendar, type PuzzleInput, savePuzzleDay, uploadPuzzleImage } from '../../../api/puzzle-endpoints.ts';
import type { Locale } from '../../../api/types.ts';
import { ConfirmButton } from '../../../components/confirm-button.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { LoadingState } from '../../../components/loading-state.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useCurrentAccount, useIsAdmin } from '../../../hooks/use-current-account.ts';
import { useFormAction } from '../../../hooks/use-form-action.ts';
import { useResource } from '../../../hooks/use-resource.ts';
import { useI18n } from '../../../i18n/i18n-context.tsx';
import type { MessageKey } from '../../../i18n/messages.ts';
import { Link } from '../../../router/link.tsx';
import { navigate } from '../../../router/history.ts';
import { paths } from '../../../routes/paths.ts';
import { PuzzleCutPreview, squareForUpload } from './puzzle-cut.tsx';
import { formatPuzzleDay } from './puzzle-format.ts';
import { PuzzleDayResults } from './puzzle-results.tsx';

const LANGS: Locale[] = ['en', 'ja', 'zh'];

/** `/engagement/puzzles/<day>`: set or change one day's puzzle (today or later), or look back at a past one. */
export function PuzzleDayEditor({ day }: { day: string }) {
  const { t, locale } = useI18n();
  const account = useCurrentAccount();
  const calendar = useResource((signal) => getPuzzleCalendar(account.id, { from: day, to: day }, signal), [account.id, day]);
  const isAdmin = useIsAdmin();
  // Coupon pools are an admin's list; an agent sees the day read-only, without pool names.
  const pools = useResource((signal) => (isAdmin ? listPuzzleCouponPools(account.id, signal) : Promise.resolve({ pools: [] })), [account.id, isAdmin]);
  const title = t('puzzles.editorTitle', { date: formatPuzzleDay(day, locale) });
  return (
    <div className="puzzles">
      <PageHeader before={<Link to={paths.engagement(account.id, 'puzzles')} className="back-link">{t('puzzles.back')}</Link>} title={title} />
      <ErrorNotice error={calendar.error ?? pools.error} />
      {calendar.data && pools.data ? <PuzzleForm key={day} day={day} calendar={calendar.data} pools={pools.data.pools} onSaved={calendar.reload} /> : calendar.loading || pools.loading ? <LoadingState /> : null}
      <PuzzleDayResults day={day} load={(signal) => getPuzzleStats(account.id, { from: day, to: day }, signal)} />
    </div>
  );
}

function draftOf(puzzle: Puzzle | null, calendar: PuzzleCalendar, firstPoolId: string | null): PuzzleInput {
  if (puzzle) return { image: puzzle.image, gridSize: puzzle.gridSize, deal: puzzle.deal, dealText: { en: puzzle.dealText.en ?? '', ja: puzzle.dealText.ja ?? '', zh: puzzle.dealText.zh ?? '' } };
  return {
    image: { kind: 'builtin', key: calendar.builtinImages[0]!.key }, gridSize: 4,
    deal: firstPoolId ? { kind: 'coupon', poolId: firstPoolId } : { kind: 'points', points: 100 },
    dealText: { en: '', ja: '', zh: '' },
  };
}

function PuzzleForm({ day, calendar, pools, onSaved }: { day: string; calendar: PuzzleCalendar; pools: Awaited<ReturnType<typeof listPuzzleCouponPools>>['pools']; onSaved: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const account = useCurrentAccount();
  const isAdmin = useIsAdmin();
  const existing = calendar.days[0]?.puzzle ?? null;
  const past = day < calendar.today;
  const readOnly = past || !isAdmin;
  const [draft, setDraft] = useState<PuzzleInput>(() => draftOf(existing, calendar, pools[0]?.id ?? null));
  const [uploadedUrl, setUploadedUrl] = useState<string | null>(existing?.image.kind === 'upload' ? existing.imageUrl : null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<PuzzleInput>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...patch }));
  };
  const imageUrl = draft.image.kind === 'upload' ? uploadedUrl : calendar.builtinImages.find((image) => image.key === (draft.image as { key: string }).key)?.url ?? null;
  const action = useFormAction(async () => {
    const dealText = { en: draft.dealText.en, ...(draft.dealText.ja?.trim() ? { ja: draft.dealText.ja } : {}), ...(draft.dealText.zh?.trim() ? { zh: draft.dealText.zh } : {}) };
    await savePuzzleDay(account.id, day, { ...draft, dealText });
    setSaved(true);
    onSaved();
  });

  async function upload(file: File) {
    setUploading(true);
    setUploadError(null);
    try {
      const image = await uploadPuzzleImage(account.id, await squareForUpload(file));
      setUploadedUrl(image.url);
      set({ image: { kind: 'upload', imageId: image.id } });
    } catch (error) {
      setUploadError(error);
    } finally {
      setUploading(false);
    }
  }

  return (
    <form className="form puzzle-form panel" onSubmit={action.handleSubmit}>
      {past ? <p className="field-hint">{t('puzzles.pastNote')}</p> : null}
      <fieldset className="puzzle-fieldset" disabled={readOnly}>
        <legend>{t('puzzles.picture')}</legend>
        <p className="field-hint">{t('puzzles.pictureHint')}</p>
        <div className="puzzle-pictures">
          {calendar.builtinImages.map((image) => (
            <label key={image.key} className="puzzle-picture-choice">
              <input type="radio" name={`${id}-picture`} checked={draft.image.kind === 'builtin' && draft.image.key === image.key} onChange={() => set({ image: { kind: 'builtin', key: image.key } })} />
              <img src={image.url} alt="" width={72} height={72} />
              <span>{t(`puzzles.builtin.${image.key}` as MessageKey)}</span>
            </label>
          ))}
          {uploadedUrl ? (
            <label className="puzzle-picture-choice">
              <input type="radio" name={`${id}-picture`} checked={draft.image.kind === 'upload'} onChange={() => existing?.image.kind === 'upload' && set({ image: existing.image })} />
              <img src={uploadedUrl} alt="" width={72} height={72} />
              <span>{t('puzzles.uploaded')}</span>
            </label>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-upload`}>{uploading ? t('puzzles.uploading') : t('puzzles.upload')}</label>
          <input id={`${id}-upload`} type="file" accept="image/png,image/jpeg,image/webp" disabled={uploading} onChange={(event) => { const file = event.target.files?.[0]; if (file) void upload(file); event.target.value = ''; }} />
        </div>
        <ErrorNotice error={uploadError} />
        <div className="field">
          <label htmlFor={`${id}-grid`}>{t('puzzles.gridSize')}</label>
          <select id={`${id}-grid`} className="select" value={draft.gridSize} onChange={(event) => set({ gridSize: Number(event.target.value) })}>
            {Array.from({ length: calendar.gridSizes.max - calendar.gridSizes.min + 1 }, (_, i) => calendar.gridSizes.min + i).map((size) => (
              <option key={size} value={size}>{t('puzzles.pieces', { size })}</option>
            ))}
          </select>
        </div>
        {imageUrl ? (
          <div>
            <p className="field-label">{t('puzzles.preview')}</p>
            <PuzzleCutPreview imageUrl={imageUrl} size={draft.gridSize} label={`${t('puzzles.preview')}: ${t('puzzles.pieces', { size: draft.gridSize })}`} />
          </div>
        ) : null}
      </fieldset>

      <fieldset className="puzzle-fieldset" disabled={readOnly}>
        <legend>{t('puzzles.deal')}</legend>
        <div className="puzzle-deal-kinds">
          <label className="checkbox">
            <input type="radio" name={`${id}-deal`} checked={draft.deal.kind === 'coupon'} disabled={pools.length === 0} onChange={() => set({ deal: { kind: 'coupon', poolId: pools[0]!.id } })} />
            {t('puzzles.dealKindCoupon')}
          </label>
          <label className="checkbox">
            <input type="radio" name={`${id}-deal`} checked={draft.deal.kind === 'points'} onChange={() => set({ deal: { kind: 'points', points: 100 } })} />
            {t('puzzles.dealKindPoints')}
          </label>
        </div>
        {pools.length === 0 ? <p className="field-hint">{t('puzzles.noPools')}</p> : null}
        {draft.deal.kind === 'coupon' ? (
          <div className="field">
            <label htmlFor={`${id}-pool`}>{t('puzzles.pool')}</label>
            <select id={`${id}-pool`} className="select" value={draft.deal.poolId} onChange={(event) => set({ deal: { kind: 'coupon', poolId: event.target.value } })}>
              {pools.some((pool) => draft.deal.kind === 'coupon' && pool.id === draft.deal.poolId) ? null : <option value={draft.deal.poolId}>{t('puzzles.dealKindCoupon')}</option>}
              {pools.map((pool) => <option key={pool.id} value={pool.id}>{pool.stock ? t('puzzles.poolStock', { name: pool.name, available: pool.stock.available }) : pool.name}</option>)}
            </select>
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-points`}>{t('puzzles.points')}</label>
            <input id={`${id}-points`} className="input" type="number" min={1} max={1000000} required value={draft.deal.points} onChange={(event) => set({ deal: { kind: 'points', points: Math.max(1, Math.floor(Number(event.target.value) || 1)) } })} />
          </div>
        )}
        <p className="field-label">{t('puzzles.dealText')}</p>
        <p className="field-hint">{t('puzzles.dealTextHint')}</p>
        {LANGS.map((lang) => (
          <div key={lang} className="field">
            <label htmlFor={`${id}-text-${lang}`}>{t(`puzzles.lang.${lang}`)}</label>
            <input id={`${id}-text-${lang}`} className="input" lang={lang} maxLength={300} required={lang === 'en'} value={draft.dealText[lang] ?? ''} onChange={(event) => set({ dealText: { ...draft.dealText, [lang]: event.target.value } })} />
          </div>
        ))}
      </fieldset>

      <ErrorNotice error={action.error} />
      {readOnly ? null : (
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={action.busy || uploading}>{t('common.save')}</button>
          {saved ? <span role="status" className="field-hint">{t('common.saved')}</span> : null}
          {existing ? <ConfirmButton label={t('puzzles.remove')} confirmLabel={t('puzzles.removeConfirm')} onConfirm={async () => { await deletePuzzleDay(account.id, day); navigate(paths.engagement(account.id, 'puzzles')); }} /> : null}
        </div>
      )}
    </form>
  );
}
