import { useState } from 'react';
import type { FormEvent } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/alert';
import { Badge } from '../../../../components/badge';
import { Button } from '../../../../components/button';
import { DetailsList } from '../../../../components/details-list';
import { EmptyState } from '../../../../components/empty-state';
import { ErrorState } from '../../../../components/error-state';
import { SelectField } from '../../../../components/select-field';
import { Loading } from '../../../../components/spinner';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import { describeError } from '../../../../lib/describe-error';
import { useEnumLabel } from '../../../../lib/enum-label';
import { formatCalendarDate, formatDateTime } from '../../../../lib/format';
import { useIdempotencyKey } from '../../../../lib/idempotency-key';
import type { Person } from '../../api/initial-phase/initial-phase-api';
import { addPerson, archivePerson, updatePerson, useInvalidateInitialPhase, useInventory, usePersonHistory } from '../../api/initial-phase/initial-phase-api';
import { InitialPhaseFrame, RadioGroup, orNull } from '../../components/initial-phase/initial-phase-frame';

const relationshipTypes = ['partner', 'parent', 'child', 'sibling', 'other-family', 'friend', 'colleague', 'neighbour', 'professional', 'other'] as const;
const contactFrequencies = ['daily', 'several-times-a-week', 'weekly', 'monthly', 'rarely', 'no-contact'] as const;
const yesPartlyNo = ['yes', 'partly', 'no'] as const;
const yesNoUnsure = ['yes', 'no', 'unsure'] as const;
const changes = ['none', 'closer', 'more-distant', 'ended', 'new'] as const;
export const problemAreas = ['grief', 'role-dispute', 'role-transition', 'interpersonal-deficits'] as const;
const textFields = ['goodThings', 'hardThings', 'clientExpects', 'otherExpects', 'canTalkAbout', 'cannotTalkAbout', 'supportGiven', 'supportReceived', 'conflicts', 'changeNote', 'clientWouldChange'] as const;
type TextKey = (typeof textFields)[number];

interface Draft {
  label: string;
  relationshipType: string;
  relationshipDetail: string;
  contactFrequency: string;
  texts: Record<TextKey, string>;
  expectationsMet: string | null;
  expectationsDiffer: string | null;
  conflictResolved: string | null;
  changeSinceOnset: string;
  knowsAboutDepression: string | null;
  problemAreas: string[];
  deceased: boolean;
  diedOn: string;
}

function draftOf(person: Person | null): Draft {
  const texts = Object.fromEntries(textFields.map((key) => [key, person?.[key] ?? ''])) as Record<TextKey, string>;
  return {
    label: person?.label ?? '',
    relationshipType: person?.relationshipType ?? '',
    relationshipDetail: person?.relationshipDetail ?? '',
    contactFrequency: person?.contactFrequency ?? '',
    texts,
    expectationsMet: person?.expectationsMet ?? null,
    expectationsDiffer: person?.expectationsDiffer ?? null,
    conflictResolved: person?.conflictResolved ?? null,
    changeSinceOnset: person?.changeSinceOnset ?? '',
    knowsAboutDepression: person?.knowsAboutDepression ?? null,
    problemAreas: person?.problemAreas ?? [],
    deceased: person?.deceased !== null && person?.deceased !== undefined,
    diedOn: person?.deceased?.diedOn ?? '',
  };
}

function bodyOf(draft: Draft) {
  return {
    label: draft.label.trim(),
    relationshipType: draft.relationshipType as Person['relationshipType'],
    relationshipDetail: orNull(draft.relationshipDetail),
    contactFrequency: (draft.contactFrequency || null) as Person['contactFrequency'],
    ...(Object.fromEntries(textFields.map((key) => [key, orNull(draft.texts[key])])) as Record<TextKey, string | null>),
    expectationsMet: draft.expectationsMet as Person['expectationsMet'],
    expectationsDiffer: draft.expectationsDiffer as Person['expectationsDiffer'],
    conflictResolved: draft.conflictResolved as Person['conflictResolved'],
    changeSinceOnset: (draft.changeSinceOnset || null) as Person['changeSinceOnset'],
    knowsAboutDepression: draft.knowsAboutDepression as Person['knowsAboutDepression'],
    problemAreas: draft.problemAreas as Person['problemAreas'],
    deceased: draft.deceased && draft.diedOn ? { diedOn: draft.diedOn } : null,
  };
}

/** Add or change one person: every inventory field of the contract, grouped as the interview goes. */
function PersonForm({ episodeId, person, onDone }: { episodeId: string; person: Person | null; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [draft, setDraft] = useState<Draft>(() => draftOf(person));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idempotency = useIdempotencyKey();
  const invalidate = useInvalidateInitialPhase(episodeId);
  const prefix = person ? `person-${person.id}` : 'person-new';
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const setText = (key: TextKey, value: string) => setDraft((current) => ({ ...current, texts: { ...current.texts, [key]: value } }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.label.trim() || !draft.relationshipType) {
      setError(t('initialPhase.inventory.required'));
      return;
    }
    setBusy(true);
    setError(null);
    const body = bodyOf(draft);
    const request = person ? updatePerson(episodeId, person.id, person.version, body) : addPerson(episodeId, body, idempotency.key());
    request
      .then(async (saved) => {
        idempotency.renew();
        await invalidate();
        onDone(t('initialPhase.inventory.saved', { name: saved.label }));
      })
      .catch((failure: unknown) => setError(describeError(failure)))
      .finally(() => setBusy(false));
  };

  const area = (key: TextKey) => <TextArea id={`${prefix}-${key}`} label={t(`initialPhase.inventory.fields.${key}`)} optional rows={2} value={draft.texts[key]} onChange={(event) => setText(key, event.currentTarget.value)} />;

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{person ? t('initialPhase.inventory.editTitle', { name: person.label }) : t('initialPhase.inventory.addTitle')}</h2>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="ip-grid">
        <TextField id={`${prefix}-label`} label={t('initialPhase.inventory.fields.label')} hint={t('initialPhase.inventory.fields.labelHint')} required maxLength={100} value={draft.label} onChange={(event) => set({ label: event.currentTarget.value })} />
        <SelectField id={`${prefix}-type`} label={t('initialPhase.inventory.fields.relationshipType')} required value={draft.relationshipType} onChange={(event) => set({ relationshipType: event.currentTarget.value })}>
          <option value="">{t('initialPhase.common.choose')}</option>
          {relationshipTypes.map((type) => (
            <option key={type} value={type}>
              {label('initialPhase.enums.relationship', type)}
            </option>
          ))}
        </SelectField>
        <TextField id={`${prefix}-detail`} label={t('initialPhase.inventory.fields.relationshipDetail')} optional maxLength={100} value={draft.relationshipDetail} onChange={(event) => set({ relationshipDetail: event.currentTarget.value })} />
        <SelectField id={`${prefix}-contact`} label={t('initialPhase.inventory.fields.contactFrequency')} optional value={draft.contactFrequency} onChange={(event) => set({ contactFrequency: event.currentTarget.value })}>
          <option value="">{t('initialPhase.common.notSet')}</option>
          {contactFrequencies.map((value) => (
            <option key={value} value={value}>
              {label('initialPhase.enums.contact', value)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="ip-grid">
        {area('goodThings')}
        {area('hardThings')}
        {area('clientExpects')}
        {area('otherExpects')}
      </div>
      <div className="ip-grid">
        <RadioGroup name={`${prefix}-met`} legend={t('initialPhase.inventory.fields.expectationsMet')} options={yesPartlyNo} value={draft.expectationsMet} onChange={(value) => set({ expectationsMet: value })} labelFor={(value) => label('initialPhase.enums.answer', value)} />
        <RadioGroup name={`${prefix}-differ`} legend={t('initialPhase.inventory.fields.expectationsDiffer')} options={yesNoUnsure} value={draft.expectationsDiffer} onChange={(value) => set({ expectationsDiffer: value })} labelFor={(value) => label('initialPhase.enums.answer', value)} />
      </div>
      <div className="ip-grid">
        {area('canTalkAbout')}
        {area('cannotTalkAbout')}
        {area('supportGiven')}
        {area('supportReceived')}
        {area('conflicts')}
      </div>
      <RadioGroup name={`${prefix}-resolved`} legend={t('initialPhase.inventory.fields.conflictResolved')} options={yesPartlyNo} value={draft.conflictResolved} onChange={(value) => set({ conflictResolved: value })} labelFor={(value) => label('initialPhase.enums.answer', value)} />
      <div className="ip-grid">
        <SelectField id={`${prefix}-change`} label={t('initialPhase.inventory.fields.changeSinceOnset')} optional value={draft.changeSinceOnset} onChange={(event) => set({ changeSinceOnset: event.currentTarget.value })}>
          <option value="">{t('initialPhase.common.notSet')}</option>
          {changes.map((value) => (
            <option key={value} value={value}>
              {label('initialPhase.enums.change', value)}
            </option>
          ))}
        </SelectField>
        {area('changeNote')}
      </div>
      <RadioGroup name={`${prefix}-knows`} legend={t('initialPhase.inventory.fields.knowsAboutDepression')} options={yesNoUnsure} value={draft.knowsAboutDepression} onChange={(value) => set({ knowsAboutDepression: value })} labelFor={(value) => label('initialPhase.enums.answer', value)} />
      {area('clientWouldChange')}
      <fieldset className="ip-radios">
        <legend className="field__label">{t('initialPhase.inventory.fields.problemAreas')}</legend>
        <div className="ip-radios__options">
          {problemAreas.map((value) => (
            <label key={value} className="ip-radios__option">
              <input
                type="checkbox"
                checked={draft.problemAreas.includes(value)}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setDraft((current) => ({ ...current, problemAreas: checked ? [...current.problemAreas, value] : current.problemAreas.filter((entry) => entry !== value) }));
                }}
              />
              {label('initialPhase.enums.area', value)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="ip-grid">
        <label className="ip-radios__option">
          <input type="checkbox" checked={draft.deceased} onChange={(event) => set({ deceased: event.currentTarget.checked })} />
          {t('initialPhase.inventory.fields.deceased')}
        </label>
        {draft.deceased ? <TextField id={`${prefix}-died`} type="date" label={t('initialPhase.inventory.fields.diedOn')} value={draft.diedOn} onChange={(event) => set({ diedOn: event.currentTarget.value })} /> : null}
      </div>
      <div className="actions">
        <Button type="submit" busy={busy}>
          {person ? t('initialPhase.inventory.saveChanges') : t('initialPhase.inventory.add')}
        </Button>
        <Button variant="secondary" onClick={() => onDone('')}>
          {t('initialPhase.common.cancel')}
        </Button>
      </div>
    </form>
  );
}

function PersonHistory({ episodeId, person }: { episodeId: string; person: Person }) {
  const { t } = useTranslation();
  const history = usePersonHistory(episodeId, person.id);
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} />;
  return (
    <ol className="ip-history">
      {history.data.items.map((item) => (
        <li key={item.version}>
          {t('initialPhase.inventory.historyItem', { version: item.version, at: formatDateTime(item.changedAt), by: item.changedByName ?? item.changedBy })}
          {item.current ? <Badge tone="info">{t('initialPhase.common.current')}</Badge> : null} — {item.snapshot.label}
          {item.snapshot.status === 'archived' ? ` (${t('initialPhase.inventory.archived')})` : ''}
        </li>
      ))}
    </ol>
  );
}

function PersonCard({ episodeId, person, editable, onEdit, onMessage }: { episodeId: string; person: Person; editable: boolean; onEdit: () => void; onMessage: (message: string) => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const invalidate = useInvalidateInitialPhase(episodeId);
  const [archiving, setArchiving] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const headingId = `person-${person.id}-name`;
  const archive = () => {
    if (!reason.trim()) {
      setError(t('initialPhase.inventory.reasonRequired'));
      return;
    }
    archivePerson(episodeId, person.id, person.version, reason.trim())
      .then(async () => {
        await invalidate();
        onMessage(t('initialPhase.inventory.archivedMessage', { name: person.label }));
      })
      .catch((failure: unknown) => setError(describeError(failure)));
  };
  return (
    <li className="card stack ip-person" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {person.label} {person.deceased ? <Badge>{t('initialPhase.inventory.deceasedBadge', { date: formatCalendarDate(person.deceased.diedOn) })}</Badge> : null}
        {person.status === 'archived' ? <Badge>{t('initialPhase.inventory.archived')}</Badge> : null}
      </h3>
      <DetailsList
        items={[
          { label: t('initialPhase.inventory.fields.relationshipType'), value: `${label('initialPhase.enums.relationship', person.relationshipType)}${person.relationshipDetail ? ` (${person.relationshipDetail})` : ''}` },
          { label: t('initialPhase.inventory.fields.contactFrequency'), value: person.contactFrequency ? label('initialPhase.enums.contact', person.contactFrequency) : null },
          { label: t('initialPhase.inventory.fields.expectationsMet'), value: person.expectationsMet ? label('initialPhase.enums.answer', person.expectationsMet) : null },
          { label: t('initialPhase.inventory.fields.changeSinceOnset'), value: person.changeSinceOnset ? label('initialPhase.enums.change', person.changeSinceOnset) : null },
          { label: t('initialPhase.inventory.fields.problemAreas'), value: person.problemAreas.length > 0 ? person.problemAreas.map((area) => label('initialPhase.enums.area', area)).join(', ') : null },
        ].filter((item) => item.value !== null)}
      />
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="actions">
        {editable && person.status === 'active' ? (
          <>
            <Button variant="secondary" onClick={onEdit} aria-label={t('initialPhase.inventory.editNamed', { name: person.label })}>
              {t('initialPhase.common.edit')}
            </Button>
            <Button variant="secondary" onClick={() => setArchiving((value) => !value)} aria-expanded={archiving} aria-label={t('initialPhase.inventory.archiveNamed', { name: person.label })}>
              {t('initialPhase.inventory.archive')}
            </Button>
          </>
        ) : null}
        <Button variant="secondary" onClick={() => setShowHistory((value) => !value)} aria-expanded={showHistory} aria-label={t('initialPhase.inventory.historyNamed', { name: person.label })}>
          {t('initialPhase.inventory.history')}
        </Button>
      </div>
      {archiving ? (
        <div className="stack">
          <TextField id={`person-${person.id}-reason`} label={t('initialPhase.inventory.reason')} value={reason} maxLength={500} onChange={(event) => setReason(event.currentTarget.value)} />
          <div>
            <Button variant="danger" onClick={archive}>
              {t('initialPhase.inventory.confirmArchive')}
            </Button>
          </div>
        </div>
      ) : null}
      {showHistory ? <PersonHistory episodeId={episodeId} person={person} /> : null}
    </li>
  );
}

/** The interpersonal inventory (clinical-reference §4.1): the important people, one card each. */
export function InventoryPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const inventory = useInventory(id);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [message, setMessage] = useState('');
  const done = (text: string) => {
    setEditing(null);
    setMessage(text);
  };
  return (
    <InitialPhaseFrame episodeId={id} title={t('initialPhase.inventory.title')} lead={t('initialPhase.inventory.lead')}>
      {(editable) => (
        <>
          <div role="status">{message ? <Alert tone="success">{message}</Alert> : null}</div>
          {editable && editing === null ? (
            <div>
              <Button onClick={() => setEditing('new')}>{t('initialPhase.inventory.addButton')}</Button>
            </div>
          ) : null}
          {editing !== null ? <PersonForm key={editing === 'new' ? 'new' : editing.id} episodeId={id} person={editing === 'new' ? null : editing} onDone={done} /> : null}
          <section className="stack" aria-labelledby="inventory-people">
            <h2 id="inventory-people">{t('initialPhase.inventory.people')}</h2>
            {inventory.isPending ? <Loading /> : null}
            {inventory.isError ? <ErrorState error={inventory.error} onRetry={() => void inventory.refetch()} /> : null}
            {inventory.data && inventory.data.items.length === 0 ? <EmptyState title={t('initialPhase.inventory.emptyTitle')}>{t('initialPhase.inventory.empty')}</EmptyState> : null}
            {inventory.data && inventory.data.items.length > 0 ? (
              <ul className="ip-cards">
                {inventory.data.items.map((person) => (
                  <PersonCard key={person.id} episodeId={id} person={person} editable={editable} onEdit={() => setEditing(person)} onMessage={setMessage} />
                ))}
              </ul>
            ) : null}
          </section>
        </>
      )}
    </InitialPhaseFrame>
  );
}
