import { useMemo } from 'react';
import { useInstrumentLibrary } from '../features/instruments/api/list-instruments';
import { QuestionnaireRunner } from '../features/instruments/components/questionnaire-runner';
import { SessionPage } from '../features/episodes/pages/session-page';

/**
 * The session page, given the instruments feature's questionnaire runner (for measures given in the
 * session, including "hand the device to the client") and the library's titles (features do not
 * import each other). A module of its own so that the router loads it only when a session is opened.
 */
export function SessionRoute() {
  const library = useInstrumentLibrary();
  const instruments = useMemo(() => library.data?.items.map((instrument) => ({ id: instrument.id, shortTitle: instrument.shortTitle, title: instrument.title })), [library.data]);
  return <SessionPage Questionnaire={QuestionnaireRunner} instruments={instruments} />;
}
