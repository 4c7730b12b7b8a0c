import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { formatDate, formatMoney } from '../format.ts';
import { ErrorNote, Link, Loading, Page, useLoad } from '../parts.tsx';
import { usePortal } from '../portal-context.ts';
import { createPuzzleApi, type PuzzleDeal, type PuzzleMove, type PuzzleSession, type PuzzleSolve } from '../puzzle-api.ts';
import { PuzzleBoard } from './puzzle-board.tsx';
import './puzzle.css';

const movesKey = (sessionId: string) => `touchpoint-puzzle:${sessionId}`;
const formatClock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** The moves made so far in this play, kept in the tab so a reload resumes where the player was. */
function loadMoves(sessionId: string): PuzzleMove[] {
  try {
    const saved = JSON.parse(sessionStorage.getItem(movesKey(sessionId)) ?? '[]') as unknown;
    return Array.isArray(saved) ? (saved as PuzzleMove[]) : [];
  } catch {
    return [];
  }
}
function saveMoves(sessionId: string, moves: PuzzleMove[]) {
  try {
    sessionStorage.setItem(movesKey(sessionId), JSON.stringify(moves));
  } catch {
    // Private mode: a reload starts the arrangement from the server's shuffle again.
  }
}
function applyMoves(shuffle: readonly number[], moves: readonly PuzzleMove[]) {
  const board = [...shuffle];
  for (const [a, b] of moves) if (a in board && b in board) [board[a], board[b]] = [board[b]!, board[a]!];
  return board;
}

export function usePuzzleApi() {
  const { api, me } = usePortal();
  return useMemo(() => createPuzzleApi(api.base, me.csrfToken), [api.base, me.csrfToken]);
}

/** The home page's card: shown on days with a puzzle, ticked once solved. */
export function PuzzleHomeCard() {
  const { t, locale } = usePortal();
  const puzzles = usePuzzleApi();
  const today = useLoad(() => puzzles.today(locale), [puzzles]);
  if (today.state !== 'ready' || !today.data.puzzle) return null;
  return (
    <Link to="/puzzle" class="action-card puzzle-card">
      <span class="action-title">{t('puzzleTitle')}{today.data.solved ? ' ✓' : ''}</span>
      <span class="muted">{today.data.solved ? t('puzzleComeBack') : t('puzzleCardLead')}</span>
    </Link>
  );
}

export function PuzzlePage() {
  const { t, locale } = usePortal();
  const puzzles = usePuzzleApi();
  const today = useLoad(() => puzzles.today(locale), [puzzles, locale]);
  const [session, setSession] = useState<PuzzleSession | null>(null);
  const [solved, setSolved] = useState<PuzzleSolve | null>(null);
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const loaded = today.state === 'ready' ? today.data : null;
  useEffect(() => {
    if (!loaded) return;
    setSession(loaded.session);
    setSolved(loaded.solved);
  }, [loaded]);

  if (today.state === 'loading') return <Page title={t('puzzleTitle')}><Loading /></Page>;
  if (today.state === 'failed') return <Page title={t('puzzleTitle')}><ErrorNote message={t('loadFailed')} onRetry={today.reload} /></Page>;
  const { puzzle } = today.data;
  if (!puzzle) {
    const next = today.data.nextDay;
    return (
      <Page title={t('puzzleTitle')}>
        <div class="card">
          <p>{t('puzzleNone')}</p>
          <p class="muted">{next ? t('puzzleNext', { date: formatDate(`${next}T12:00:00Z`, locale, 'UTC') }) : t('puzzleNoneLater')}</p>
        </div>
      </Page>
    );
  }

  const start = async () => {
    setStarting(true);
    setFailure(null);
    try {
      setSession((await puzzles.start()).session);
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 409) today.reload();
      else setFailure(t('loadFailed'));
    } finally {
      setStarting(false);
    }
  };

  return (
    <Page title={t('puzzleTitle')}>
      {solved ? (
        <SolvedView solved={solved} imageUrl={puzzle.imageUrl} />
      ) : session ? (
        <PlayView
          key={session.id}
          session={session}
          imageUrl={puzzle.imageUrl}
          onSolved={setSolved}
          onExpired={() => {
            setSession(null);
            today.reload();
          }}
        />
      ) : (
        <section class="card puzzle-intro">
          <img class="puzzle-preview" src={puzzle.imageUrl} alt={t('puzzlePreview')} width="120" height="120" />
          <p>{t('puzzleIntro')}</p>
          <p class="muted">{t('puzzlePieces', { size: puzzle.gridSize })}</p>
          {failure ? <ErrorNote message={failure} /> : null}
          <button type="button" class="button primary" disabled={starting} onClick={start}>
            {t('puzzleStart')}
          </button>
        </section>
      )}
    </Page>
  );
}

function PlayView({ session, imageUrl, onSolved, onExpired }: { session: PuzzleSession; imageUrl: string; onSolved: (solve: PuzzleSolve) => void; onExpired: () => void }) {
  const { t, locale } = usePortal();
  const puzzles = usePuzzleApi();
  const [moves, setMoves] = useState<PuzzleMove[]>(() => loadMoves(session.id));
  const arrangement = useMemo(() => applyMoves(session.arrangement, moves), [session.arrangement, moves]);
  const complete = arrangement.every((piece, slot) => piece === slot);
  const [now, setNow] = useState(() => Date.now());
  const [problem, setProblem] = useState<{ detail: string; expired: boolean } | null>(null);
  const [checking, setChecking] = useState(false);
  const total = session.gridSize * session.gridSize;

  useEffect(() => {
    if (complete) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [complete]);

  useEffect(() => {
    if (!complete || checking || problem) return;
    setChecking(true);
    puzzles.submit(session.id, moves, locale).then(
      (answer) => {
        sessionStorage.removeItem(movesKey(session.id));
        onSolved(answer.solved);
      },
      (error: unknown) => {
        const status = error instanceof ApiError ? error.problem.status : 0;
        setProblem({ detail: error instanceof ApiError ? (error.problem.detail ?? error.problem.code) : t('loadFailed'), expired: status === 410 || status === 409 });
        setChecking(false);
      },
    );
    // Submitted once, when the board becomes complete; a refusal waits for the player.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [complete]);

  const elapsed = Math.max(0, Math.floor((now - Date.parse(session.startedAt)) / 1000));
  const inPlace = arrangement.filter((piece, slot) => piece === slot).length;
  return (
    <section class="puzzle-play">
      <div class="puzzle-status">
        <span role="timer" aria-label={t('puzzleTime')}>
          <span class="muted">{t('puzzleTime')} </span>
          <strong>{formatClock(elapsed)}</strong>
        </span>
        <span>
          <span class="muted">{t('puzzleMoves')} </span>
          <strong>{moves.length}</strong>
        </span>
        <span class="muted">{t('puzzleInPlace', { n: inPlace, total })}</span>
      </div>
      <PuzzleBoard
        size={session.gridSize}
        imageUrl={imageUrl}
        arrangement={arrangement}
        disabled={complete}
        onSwap={(a, b) => {
          const next: PuzzleMove[] = [...moves, [a, b]];
          setMoves(next);
          saveMoves(session.id, next);
        }}
      />
      <p class="muted small">{t('puzzleHowTo')}</p>
      {checking ? <p role="status">{t('puzzleChecking')}</p> : null}
      {problem ? (
        <div class="error-note" role="alert">
          <p>{t('puzzleRefused', { detail: problem.detail })}</p>
          {problem.expired ? (
            <button type="button" class="button secondary" onClick={onExpired}>
              {t('puzzleRestart')}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function SolvedView({ solved, imageUrl }: { solved: PuzzleSolve; imageUrl: string }) {
  const { t } = usePortal();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="puzzle-solved" aria-labelledby="puzzle-solved-title">
      <h2 id="puzzle-solved-title" tabIndex={-1} ref={heading}>
        {t('puzzleSolvedTitle')}
      </h2>
      <p>{t('puzzleSolvedIn', { time: formatClock(solved.seconds), moves: solved.moves })}</p>
      <DealCard deal={solved.deal} />
      <img class="puzzle-picture" src={imageUrl} alt={t('puzzlePreview')} width="600" height="600" />
      <p class="muted">{t('puzzleComeBack')}</p>
    </section>
  );
}

function DealCard({ deal }: { deal: PuzzleDeal }) {
  const { t, locale } = usePortal();
  const [copied, setCopied] = useState(false);
  if (deal.kind === 'missed') return <p class="card">{t('puzzleMissed')}</p>;
  const offer = deal.offer;
  const offerText = !offer ? null
    : offer.kind === 'percent' ? t('puzzleOfferPercent', { value: offer.value })
    : offer.kind === 'amount' && offer.currency ? t('puzzleOfferAmount', { amount: formatMoney(offer.value, offer.currency, locale) })
    : t('puzzleOfferFree');
  return (
    <div class="card puzzle-deal">
      <h3>{t('puzzleYourDeal')}</h3>
      {deal.text ? <p class="puzzle-deal-text">{deal.text}</p> : null}
      {deal.kind === 'coupon' && deal.code ? (
        <>
          <p class="muted small">{t('puzzleCode')}</p>
          <p class="puzzle-code" data-testid="puzzle-code">{deal.code}</p>
          <button
            type="button"
            class="button secondary"
            onClick={() => navigator.clipboard?.writeText(deal.code!).then(() => setCopied(true), () => setCopied(false))}
          >
            {copied ? t('puzzleCopied') : t('puzzleCopy')}
          </button>
          <span class="visually-hidden" aria-live="polite">{copied ? t('puzzleCopied') : ''}</span>
          {offerText ? <p>{offerText}</p> : null}
          {offer?.minSpendMinor && offer.currency ? <p class="muted small">{t('puzzleMinSpend', { amount: formatMoney(offer.minSpendMinor, offer.currency, locale) })}</p> : null}
          {offer?.expiresAt ? <p class="muted small">{t('puzzleExpires', { date: formatDate(offer.expiresAt, locale) })}</p> : null}
        </>
      ) : null}
      {deal.kind === 'points' ? <p class="puzzle-points">{t('puzzlePoints', { points: deal.points ?? 0 })}</p> : null}
    </div>
  );
}
