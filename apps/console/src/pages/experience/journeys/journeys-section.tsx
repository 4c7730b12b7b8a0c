import { lazy, Suspense } from 'react';
import { LoadingState } from '../../../components/loading-state.tsx';

/* Both pages load on first visit; the editor carries the canvas library, so the rest of the console never pays for it. */
const JourneysListPage = lazy(() => import('./journeys-list-page.tsx').then((module) => ({ default: module.JourneysListPage })));
const JourneyEditorPage = lazy(() => import('./journey-editor-page.tsx').then((module) => ({ default: module.JourneyEditorPage })));

/** `/a/:accountId/experience/journeys[/:journeyId]`. */
export function JourneysSection({ rest }: { rest: string[] }) {
  const [journeyId] = rest;
  return (
    <Suspense fallback={<LoadingState />}>
      {journeyId ? <JourneyEditorPage key={journeyId} journeyId={journeyId} /> : <JourneysListPage />}
    </Suspense>
  );
}
