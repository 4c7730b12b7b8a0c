import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { ErrorNote, Link, Loading, Page, useLoad } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';
import { type Commit, type CustomerGame, gamesApi, type PlayResult } from './games-api.ts';
import './games.css';

const verifyHref = (handle: string, playId: string, locale: string) => `/play/${encodeURIComponent(handle)}/verify?play=${playId}&lang=${locale}`;
const rulesHref = (handle: string, slug: string, locale: string) => `/play/${encodeURIComponent(handle)}/${slug}/rules?lang=${locale}`;

/** The portal's games: each open game with its plays waiting, progress to the next unlock, the card table and history. */
export function GamesPage() {
  const { api, me, t } = usePortal();
  const games = useMemo(() => gamesApi(api, me.csrfToken), [api, me.csrfToken]);
  const loaded = useLoad(() => games.list(), [games]);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') return <Page title={t('gamesTitle')}><ErrorNote message={t('loadFailed')} onRetry={loaded.reload} /></Page>;
  const list = loaded.data.games;
  return (
    <Page title={t('gamesTitle')}>
      {list.length === 0 ? <p class="muted">{t('gamesNone')}</p> : list.map((game) => <GameSection key={game.id} game={game} onChanged={loaded.reload} />)}
    </Page>
  );
}

function GameSection({ game, onChanged }: { game: CustomerGame; onChanged: () => void }) {
  const { handle, locale, t, api, me } = usePortal();
  const [entering, setEntering] = useState(false);
  const next = game.unlocked[0];
  async function enter() {
    setEntering(true);
    try {
      await gamesApi(api, me.csrfToken).enter(game.id);
      onChanged();
    } finally {
      setEntering(false);
    }
  }
  return (
    <section class="card game" aria-labelledby={`game-${game.id}`}>
      <h2 id={`game-${game.id}`}>{game.name}</h2>
      {game.progress ? (
        <div class="game-progress">
          <span>{t('gamesProgress', { counted: game.progress.counted, required: game.progress.required })}</span>
          <progress max={game.progress.required} value={game.progress.counted} aria-label={t('gamesProgress', { counted: game.progress.counted, required: game.progress.required })} />
        </div>
      ) : null}
      {game.unlocked.length > 1 ? <p class="muted small">{t('gamesPlaysWaiting', { n: game.unlocked.length })}</p> : null}
      {next ? <CardTable key={next.unlockId} game={game} unlockId={next.unlockId} commit={next.commit} onDone={onChanged} /> : null}
      {!next && game.kind === 'draw' ? <button type="button" class="button primary" disabled={entering} onClick={() => void enter()}>{t('gamesEnterDraw')}</button> : null}
      <p><a href={rulesHref(handle, game.slug, locale)}>{t('gamesRules')}</a></p>
      {game.history.length > 0 ? (
        <>
          <h3>{t('gamesHistory')}</h3>
          <ul class="list">
            {game.history.map((play) => (
              <li key={play.receipt.playId} class="list-item">
                <span class="list-title">{play.receipt.prize ? play.receipt.prize.label : t('gamesLost')}</span>
                {play.couponCode ? <span class="list-meta">{t('gamesYourCode')}: <code>{play.couponCode}</code></span> : null}
                <a class="small" href={verifyHref(handle, play.receipt.playId, locale)}>{t('gamesVerify')}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * Face-down cards. The commit (seed hash, nonce) is fetched and shown first; a pick sends the play, and only once the
 * server has answered does the picked card turn over to show it. The pick itself does not change the outcome.
 */
function CardTable({ game, unlockId, commit: known, onDone }: { game: CustomerGame; unlockId: string; commit: Commit | null; onDone: () => void }) {
  const { api, me, t, handle, locale } = usePortal();
  const games = useMemo(() => gamesApi(api, me.csrfToken), [api, me.csrfToken]);
  const [commit, setCommit] = useState<Commit | null>(known);
  const [picked, setPicked] = useState<number | null>(null);
  const [result, setResult] = useState<PlayResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!commit) games.commit(unlockId).then(setCommit, (e: unknown) => setError(e instanceof ApiError ? (e.problem.detail ?? e.problem.code) : String(e)));
  }, [commit, games, unlockId]);

  async function pick(index: number) {
    if (!commit || picked !== null) return;
    setPicked(index);
    setError(null);
    try {
      setResult(await games.play(commit));
    } catch (e) {
      setPicked(null);
      setError(e instanceof ApiError ? (e.problem.detail ?? e.problem.code) : String(e));
    }
  }
  const won = result?.receipt.outcome === 'won';
  const face = result ? (won ? result.receipt.prize!.label : '✕') : '';
  return (
    <div class="card-table">
      <h3>{t('gamesPickCard')}</h3>
      <p class="muted small">{t('gamesPickLead')}</p>
      <div class={`cards cards-${game.cardCount}`} role="group" aria-label={t('gamesPickCard')}>
        {Array.from({ length: game.cardCount }, (_, index) => {
          const turned = result !== null && picked === index;
          return (
            <button key={index} type="button" class={`play-card${turned ? ' turned' : ''}${picked !== null && picked !== index ? ' dimmed' : ''}`} disabled={!commit || picked !== null}
              aria-label={t('gamesCardLabel', { n: index + 1, total: game.cardCount })} aria-pressed={picked === index} onClick={() => void pick(index)}>
              <span class="card-inner" aria-hidden="true">
                <span class="card-back">★</span>
                <span class={`card-front${won ? ' win' : ''}`}>{turned ? face : ''}</span>
              </span>
            </button>
          );
        })}
      </div>
      {picked !== null && !result ? <p class="muted" role="status">{t('gamesDrawing')}</p> : null}
      {error ? <p class="error-text game-error" role="alert">{t('gamesFailed', { detail: error })}</p> : null}
      {result ? (
        <div class={`game-result${won ? ' won' : ''}`} role="status" data-testid="game-result">
          <p class="result-title">
            {won ? t('gamesWon', { prize: result.receipt.prize!.label }) : result.receipt.fallback ? t('gamesFallback', { prize: result.receipt.table.find((line) => line.id === result.receipt.drawnPrizeId)?.label ?? '' }) : t('gamesLost')}
          </p>
          {result.couponCode ? (
            <p>
              {t('gamesYourCode')}: <code class="coupon-code" data-testid="coupon-code">{result.couponCode}</code>{' '}
              <button type="button" class="link-button" onClick={() => void navigator.clipboard?.writeText(result.couponCode!).then(() => setCopied(true))}>{copied ? t('gamesCopied') : t('gamesCopyCode')}</button>
            </p>
          ) : null}
          {result.points ? <p>{t('gamesPointsAdded', { n: result.points })}</p> : null}
          <p class="result-links">
            <a href={verifyHref(handle, result.receipt.playId, locale)}>{t('gamesVerify')}</a>
            {game.unlocked.length > 1 ? <button type="button" class="button secondary" onClick={onDone}>{t('gamesPlayAgain')}</button> : null}
          </p>
        </div>
      ) : null}
      {commit ? (
        <details class="commitment small">
          <summary>{t('gamesCommitment')}</summary>
          <code data-testid="seed-hash">{commit.serverSeedHash}</code> · {t('gamesNonce', { n: commit.nonce })} · {commit.algorithm}
        </details>
      ) : null}
    </div>
  );
}

/** A card on the portal home when a play is waiting; nothing otherwise. */
export function GamesHomeCard() {
  const { api, me, t } = usePortal();
  const [game, setGame] = useState<CustomerGame | null>(null);
  useEffect(() => {
    let live = true;
    gamesApi(api, me.csrfToken).list().then((data) => live && setGame(data.games.find((g) => g.unlocked.length > 0) ?? null), () => undefined);
    return () => {
      live = false;
    };
  }, [api, me.csrfToken]);
  if (!game) return null;
  return (
    <Link to="/games" class="action-card game-invite">
      <span class="action-title">{t('gamesUnlockedCard', { name: game.name })}</span>
      <span class="muted">{t('gamesUnlockedCardLead')}</span>
    </Link>
  );
}
