import { useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { pathTo, routes } from '../../../../app/route-paths';
import { Alert } from '../../../../components/alert';
import { Badge } from '../../../../components/badge';
import { Button } from '../../../../components/button';
import { ErrorState } from '../../../../components/error-state';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import { describeError } from '../../../../lib/describe-error';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatCalendarDate } from '../../../../lib/format';
import type { Formulation, Person, Suggestions } from '../../api/initial-phase/initial-phase-api';
import { agreeFormulation, saveFormulation, useFormulation, useInvalidateInitialPhase, useInventory, useSuggestions } from '../../api/initial-phase/initial-phase-api';
import { episodeKeys } from '../../api/episode-keys';
import { InitialPhaseFrame, orNull } from '../../components/initial-phase/initial-phase-frame';
import { problemAreas } from './inventory-page';
import { useQueryClient } from '@tanstack/react-query';

const stages = ['renegotiation', 'impasse', 'dissolution'] as const;
type AreaId = (typeof problemAreas)[number];
interface AreaDraft {
  personId: string;
  otherParty: string;
  stage: string;
  change: string;
}

function SuggestionList({ data }: { data: Suggestions }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">{t('initialPhase.formulation.suggestionsTitle')}</h2>
      <p className="muted">{data.note}</p>
      {data.suggestions.length === 0 ? <p>{t('initialPhase.formulation.noSuggestions')}</p> : null}
      <ol className="stack">
        {data.suggestions.map((suggestion) => (
          <li key={suggestion.area}>
            <h3>{suggestion.label}</h3>
            <ul>
              {suggestion.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <p className="muted">{t('initialPhase.formulation.considered', { people: data.peopleConsidered, events: data.eventsConsidered })}</p>
    </section>
  );
}

function FormulationForm({ episodeId, data, suggestions, people, editable, onMessage }: { episodeId: string; data: Formulation; suggestions: Suggestions | undefined; people: Person[]; editable: boolean; onMessage: (message: string) => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const invalidate = useInvalidateInitialPhase(episodeId);
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<AreaId[]>(data.areas.map((area) => area.area));
  const [areas, setAreas] = useState<Record<string, AreaDraft>>(() =>
    Object.fromEntries(data.areas.map((area) => [area.area, { personId: area.personId ?? '', otherParty: area.otherParty ?? '', stage: area.stage ?? '', change: area.change ?? '' }])),
  );
  const [goals, setGoals] = useState(data.goals.join('\n'));
  const [rationale, setRationale] = useState(data.rationale ?? '');
  const [statement, setStatement] = useState(data.statement ?? '');
  const [error, setError] = useState<string | null>(null);
  const setMessage = onMessage;
  const [busy, setBusy] = useState(false);
  const draftOf = (area: string): AreaDraft => areas[area] ?? { personId: '', otherParty: '', stage: '', change: '' };
  const setArea = (area: string, patch: Partial<AreaDraft>) => setAreas((current) => ({ ...current, [area]: { ...draftOf(area), ...patch } }));
  const criteria = (area: AreaId) => {
    const suggested = suggestions?.suggestions.find((entry) => entry.area === area);
    const text = t(`initialPhase.formulation.criteria.${area}`);
    return suggested && suggested.reasons.length > 0 ? `${text} ${t('initialPhase.formulation.inThisRecord', { reasons: suggested.reasons.join(' ') })}` : text;
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setMessage('');
    if (chosen.length === 0 || chosen.length > 2) {
      setError(t('initialPhase.formulation.chooseOneOrTwo'));
      return;
    }
    setBusy(true);
    const keepDraft = data.statementDrafted && statement === (data.statement ?? '');
    saveFormulation(episodeId, data.version, {
      areas: chosen.map((area) => {
        const draft = draftOf(area);
        return {
          area,
          personId: draft.personId || null,
          otherParty: area === 'role-dispute' && !draft.personId ? orNull(draft.otherParty) : null,
          stage: area === 'role-dispute' ? ((draft.stage || null) as (typeof stages)[number] | null) : null,
          change: area === 'role-transition' ? orNull(draft.change) : null,
        };
      }),
      rationale: orNull(rationale),
      goals: goals
        .split('\n')
        .map((goal) => goal.trim())
        .filter(Boolean),
      statement: keepDraft ? null : orNull(statement),
    })
      .then(async () => {
        await invalidate();
        await queryClient.invalidateQueries({ queryKey: episodeKeys.detail(episodeId) });
        setMessage(t('initialPhase.formulation.saved'));
      })
      .catch((failure: unknown) => setError(describeError(failure)))
      .finally(() => setBusy(false));
  };

  const agree = () => {
    setError(null);
    setBusy(true);
    agreeFormulation(episodeId, data.version)
      .then(async () => {
        await invalidate();
        await queryClient.invalidateQueries({ queryKey: episodeKeys.detail(episodeId) });
        setMessage(t('initialPhase.formulation.agreedMessage'));
      })
      .catch((failure: unknown) => setError(describeError(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="card stack" onSubmit={save} noValidate aria-labelledby="formulation-title">
      <h2 id="formulation-title">{t('initialPhase.formulation.formTitle')}</h2>
      <p className="badges">
        <Badge tone={data.status === 'agreed' ? 'success' : 'neutral'}>{label('initialPhase.enums.formulationStatus', data.status)}</Badge>
        {data.agreedOn ? <span>{t('initialPhase.formulation.agreedOn', { date: formatCalendarDate(data.agreedOn) })}</span> : null}
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {data.status === 'agreed' ? (
        <Alert tone="info">
          {t('initialPhase.formulation.middleNoReason')} <Link to={pathTo(routes.episode, { id: episodeId })}>{t('initialPhase.nav.back')}</Link>
        </Alert>
      ) : null}
      <fieldset className="stack">
        <legend className="field__label">{t('initialPhase.formulation.areas')}</legend>
        <p className="field__hint">{t('initialPhase.formulation.areasHint')}</p>
        {problemAreas.map((area) => {
          const checked = chosen.includes(area);
          const draft = draftOf(area);
          return (
            <div key={area} className="ip-area">
              <label className="ip-radios__option">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!editable}
                  aria-describedby={`criteria-${area}`}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    setChosen((current) => (on ? [...current, area] : current.filter((entry) => entry !== area)));
                  }}
                />
                {label('initialPhase.enums.area', area)}
              </label>
              <p id={`criteria-${area}`} className="ip-area__criteria">
                {criteria(area)}
              </p>
              {checked && area === 'role-dispute' ? (
                <div className="ip-grid">
                  <SelectField id="dispute-person" label={t('initialPhase.formulation.otherParty')} value={draft.personId} disabled={!editable} onChange={(event) => setArea(area, { personId: event.currentTarget.value })}>
                    <option value="">{t('initialPhase.formulation.otherPartyNotListed')}</option>
                    {people.map((person) => (
                      <option key={person.id} value={person.id}>
                        {person.label}
                      </option>
                    ))}
                  </SelectField>
                  {draft.personId ? null : <TextField id="dispute-other" label={t('initialPhase.formulation.otherPartyName')} value={draft.otherParty} disabled={!editable} onChange={(event) => setArea(area, { otherParty: event.currentTarget.value })} />}
                  <SelectField id="dispute-stage" label={t('initialPhase.formulation.stage')} value={draft.stage} disabled={!editable} onChange={(event) => setArea(area, { stage: event.currentTarget.value })}>
                    <option value="">{t('initialPhase.common.choose')}</option>
                    {stages.map((stage) => (
                      <option key={stage} value={stage}>
                        {label('initialPhase.enums.stage', stage)}
                      </option>
                    ))}
                  </SelectField>
                </div>
              ) : null}
              {checked && area === 'grief' ? (
                <SelectField id="grief-person" label={t('initialPhase.formulation.griefPerson')} value={draft.personId} disabled={!editable} onChange={(event) => setArea(area, { personId: event.currentTarget.value })}>
                  <option value="">{t('initialPhase.common.notSet')}</option>
                  {people.map((person) => (
                    <option key={person.id} value={person.id}>
                      {person.label}
                    </option>
                  ))}
                </SelectField>
              ) : null}
              {checked && area === 'role-transition' ? <TextField id="transition-change" label={t('initialPhase.formulation.transition')} value={draft.change} disabled={!editable} onChange={(event) => setArea(area, { change: event.currentTarget.value })} /> : null}
            </div>
          );
        })}
      </fieldset>
      <TextArea id="formulation-goals" label={t('initialPhase.formulation.goals')} hint={t('initialPhase.formulation.goalsHint')} rows={4} value={goals} disabled={!editable} onChange={(event) => setGoals(event.currentTarget.value)} />
      <TextArea id="formulation-rationale" label={t('initialPhase.formulation.rationale')} optional value={rationale} disabled={!editable} onChange={(event) => setRationale(event.currentTarget.value)} />
      <TextArea id="formulation-statement" label={t('initialPhase.formulation.statement')} hint={t('initialPhase.formulation.statementHint')} rows={10} value={statement} disabled={!editable} onChange={(event) => setStatement(event.currentTarget.value)} />
      {editable && data.draftStatement && data.draftStatement !== statement ? (
        <div>
          <Button variant="secondary" onClick={() => setStatement(data.draftStatement ?? '')}>
            {t('initialPhase.formulation.restoreDraft')}
          </Button>
        </div>
      ) : null}
      {editable ? (
        <div className="actions">
          <Button type="submit" busy={busy}>
            {t('initialPhase.formulation.save')}
          </Button>
          {data.saved && data.status === 'draft' ? (
            <Button variant="secondary" onClick={agree} disabled={busy}>
              {t('initialPhase.formulation.agree')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}

/** Problem-area suggestions with their reasons, and the formulation agreed with the client (§2, §4.5). */
export function FormulationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const suggestions = useSuggestions(id);
  const formulation = useFormulation(id);
  const inventory = useInventory(id);
  const [message, setMessage] = useState('');
  return (
    <InitialPhaseFrame episodeId={id} title={t('initialPhase.formulation.title')} lead={t('initialPhase.formulation.lead')}>
      {(editable) => (
        <>
          {suggestions.isPending ? <Loading /> : null}
          {suggestions.isError ? <ErrorState error={suggestions.error} onRetry={() => void suggestions.refetch()} /> : null}
          {suggestions.data ? <SuggestionList data={suggestions.data} /> : null}
          <div role="status">{message ? <Alert tone="success">{message}</Alert> : null}</div>
          {formulation.isPending ? <Loading /> : null}
          {formulation.isError ? <ErrorState error={formulation.error} onRetry={() => void formulation.refetch()} /> : null}
          {formulation.data ? <FormulationForm key={formulation.data.version} episodeId={id} data={formulation.data} suggestions={suggestions.data} people={inventory.data?.items ?? []} editable={editable} onMessage={setMessage} /> : null}
        </>
      )}
    </InitialPhaseFrame>
  );
}
