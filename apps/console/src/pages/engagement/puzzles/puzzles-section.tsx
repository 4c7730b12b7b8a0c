import { PuzzleCalendarView } from './puzzle-calendar.tsx';
import { PuzzleDayEditor } from './puzzle-editor.tsx';
import './puzzles.css';

/** `/a/:accountId/engagement/puzzles[/<YYYY-MM-DD>]`: the calendar of daily puzzles, or one day's editor. */
export function PuzzlesSection({ rest }: { rest: string[] }) {
  const [day] = rest;
  if (day && /^\d{4}-\d{2}-\d{2}$/.test(day)) return <PuzzleDayEditor day={day} />;
  return <PuzzleCalendarView />;
}
