import type { ScoreResultView } from '../../../../contracts/instruments.contract';
import { apiRequest } from '../../../lib/api';
import type { Answers } from '../components/answers';

/** Score answers without storing anything (practice, training): the server's domain does the scoring. */
export function scoreAnswers(id: string, answers: Answers): Promise<ScoreResultView> {
  return apiRequest(`/api/v1/instruments/${encodeURIComponent(id)}/score`, { method: 'POST', body: { answers } });
}
