import { useTranslation } from 'react-i18next';
import type { InstrumentDefinition } from '../../../../domain/instruments/instrument-definition';
import { Alert } from '../../../components/alert';

/**
 * Where the questions' words come from. When the definition carries neutral labels (wording we may
 * not publish or could not confirm), a visible note says the questions are labels, not the validated
 * wording, so nobody reads a label out as if it were the instrument; an organization with a licence
 * can import the wording. Licensed packs are named with their version.
 */
export function WordingNote({ definition }: { definition: InstrumentDefinition }) {
  const { t } = useTranslation();
  const wording = definition.wording;
  if (wording.kind === 'neutral-labels') {
    return (
      <Alert tone="warning" title={t('instruments.wording.labelsTitle')}>
        <p>{t('instruments.wording.labelsBody', { title: definition.shortTitle })}</p>
        <p>{t('instruments.wording.labelsImport')}</p>
      </Alert>
    );
  }
  if (wording.kind === 'licensed-pack') {
    return <p className="muted">{t('instruments.wording.pack', { version: wording.packVersion, holder: wording.holder, language: wording.language })}</p>;
  }
  return null;
}
