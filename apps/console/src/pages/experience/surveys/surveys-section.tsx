import { SurveyEditor } from './survey-editor.tsx';
import { SurveyList } from './survey-list.tsx';
import { SurveyReportPage } from './survey-report.tsx';
import './surveys.css';

/** `/a/:accountId/experience/surveys/…`: the list (with fatigue setting), `new`, `<id>` (report), `<id>/edit`. */
export function SurveysSection({ rest }: { rest: string[] }) {
  const [first, second] = rest;
  if (!first) return <SurveyList />;
  if (first === 'new') return <SurveyEditor surveyId={null} />;
  if (second === 'edit') return <SurveyEditor surveyId={first} />;
  return <SurveyReportPage surveyId={first} />;
}
