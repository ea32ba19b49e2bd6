/** A questionnaire as answered: raw answers by item id; the score is derived by the domain. */
export interface QuestionnaireResponseTable {
  id: string;
  organization_id: string;
  client_id: string;
  episode_id: string;
  session_id: string | null;
  instrument_id: string;
  instrument_version: string;
  answers_json: string;
  /** Derived from the answers at submission; stored so charts and reports need not rescore. */
  total: number | null;
  severity_code: string | null;
  respondent: string;
  administered_at: string;
  administered_by: string;
  created_at: string;
}
