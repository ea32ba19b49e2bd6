import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../../components/button';
import { DetailsList } from '../../../../components/details-list';
import { TextArea } from '../../../../components/text-area';
import { TextField } from '../../../../components/text-field';
import type { Workspace } from '../../api/middle-phase-api';
import { updateWorkspace } from '../../api/middle-phase-api';
import { PlainList, joinLines, linesOf, orNull } from './middle-phase-parts';

/**
 * What each problem area records (docs/middle-phase.md, "details"): short texts, lists typed one entry
 * per line, and for a dispute what was tried, for deficits the contacts made, as rows.
 */
type FieldKind = 'text' | 'long' | 'lines';
type Field = { key: string; kind: FieldKind };

const FIELDS: Record<Workspace['area'], readonly Field[]> = {
  grief: [
    { key: 'person', kind: 'text' }, { key: 'relationshipBefore', kind: 'long' }, { key: 'aroundTheDeath', kind: 'long' }, { key: 'sinceTheDeath', kind: 'long' },
    { key: 'goodMemories', kind: 'lines' }, { key: 'hardMemories', kind: 'lines' }, { key: 'feelingsExpressed', kind: 'lines' }, { key: 'newConnections', kind: 'lines' },
  ],
  'role-dispute': [{ key: 'clientExpects', kind: 'lines' }, { key: 'otherExpects', kind: 'lines' }, { key: 'mismatches', kind: 'lines' }, { key: 'optionsExplored', kind: 'lines' }],
  'role-transition': [
    { key: 'change', kind: 'text' }, { key: 'oldRoleGood', kind: 'lines' }, { key: 'oldRoleLost', kind: 'lines' }, { key: 'newRoleHard', kind: 'lines' },
    { key: 'newRolePossible', kind: 'lines' }, { key: 'skillsNeeded', kind: 'lines' }, { key: 'supportsNeeded', kind: 'lines' }, { key: 'progress', kind: 'lines' },
  ],
  'interpersonal-deficits': [{ key: 'pastPatterns', kind: 'lines' }, { key: 'presentPatterns', kind: 'lines' }, { key: 'opportunities', kind: 'lines' }],
};

type Tried = { what: string; result: string };
type Contact = { who: string; date: string; whatHappened: string };

function initialTexts(workspace: Workspace): Record<string, string> {
  const details = workspace.details as Record<string, unknown>;
  const texts: Record<string, string> = {};
  for (const field of FIELDS[workspace.area]) {
    const value = details[field.key];
    texts[field.key] = field.kind === 'lines' ? joinLines(value as string[] | undefined) : typeof value === 'string' ? value : '';
  }
  return texts;
}

/** The area's details as a form (or as a read-out for those who may only read). */
export function WorkspaceDetailsForm({ workspace, editable, onSaved, onError }: { workspace: Workspace; editable: boolean; onSaved: (message: string) => void; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const details = workspace.details as Record<string, unknown>;
  const [texts, setTexts] = useState(() => initialTexts(workspace));
  const [tried, setTried] = useState<Tried[]>(() => ((details.tried as { what: string; result?: string | null }[] | undefined) ?? []).map((row) => ({ what: row.what, result: row.result ?? '' })));
  const [contacts, setContacts] = useState<Contact[]>(() =>
    ((details.contactsMade as { who: string; date?: string | null; whatHappened?: string | null }[] | undefined) ?? []).map((row) => ({ who: row.who, date: row.date ?? '', whatHappened: row.whatHappened ?? '' })),
  );
  const [busy, setBusy] = useState(false);
  const fields = FIELDS[workspace.area];
  const fieldLabel = (key: string) => t(`middlePhase.details.${key}` as never);

  if (!editable) {
    return (
      <DetailsList
        items={[
          ...fields.map((field) => ({ label: String(fieldLabel(field.key)), value: field.kind === 'lines' ? <PlainList items={(details[field.key] as string[] | undefined) ?? []} /> : ((details[field.key] as string | null | undefined) ?? null) })),
          ...(workspace.area === 'role-dispute' ? [{ label: t('middlePhase.details.tried'), value: <PlainList items={tried.map((row) => (row.result ? `${row.what} — ${row.result}` : row.what))} /> }] : []),
          ...(workspace.area === 'interpersonal-deficits'
            ? [{ label: t('middlePhase.details.contactsMade'), value: <PlainList items={contacts.map((row) => [row.who, row.date, row.whatHappened].filter(Boolean).join(' — '))} /> }]
            : []),
        ]}
      />
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    for (const field of fields) body[field.key] = field.kind === 'lines' ? linesOf(texts[field.key] ?? '') : orNull(texts[field.key] ?? '');
    if (workspace.area === 'role-dispute') body.tried = tried.filter((row) => row.what.trim()).map((row) => ({ what: row.what.trim(), result: orNull(row.result) }));
    if (workspace.area === 'interpersonal-deficits') {
      body.contactsMade = contacts.filter((row) => row.who.trim()).map((row) => ({ who: row.who.trim(), date: row.date || null, whatHappened: orNull(row.whatHappened) }));
    }
    setBusy(true);
    updateWorkspace(workspace.id, workspace.version, { details: body })
      .then(() => onSaved(t('middlePhase.workspace.detailsSaved')))
      .catch(onError)
      .finally(() => setBusy(false));
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="workspace-details-title">
      <div className="ip-grid">
        {fields.map((field) =>
          field.kind === 'text' ? (
            <TextField key={field.key} id={`details-${field.key}`} label={fieldLabel(field.key)} optional value={texts[field.key] ?? ''} onChange={(event) => { const value = event.currentTarget.value; setTexts((current) => ({ ...current, [field.key]: value })); }} />
          ) : (
            <TextArea
              key={field.key}
              id={`details-${field.key}`}
              label={fieldLabel(field.key)}
              hint={field.kind === 'lines' ? t('middlePhase.onePerLine') : undefined}
              optional
              rows={field.kind === 'long' ? 4 : 3}
              value={texts[field.key] ?? ''}
              onChange={(event) => { const value = event.currentTarget.value; setTexts((current) => ({ ...current, [field.key]: value })); }}
            />
          ),
        )}
      </div>
      {workspace.area === 'role-dispute' ? (
        <fieldset className="stack">
          <legend className="field__label">{t('middlePhase.details.tried')}</legend>
          {tried.map((row, index) => (
            <div key={index} className="ip-grid ip-row">
              <TextField id={`tried-what-${index}`} label={t('middlePhase.details.triedWhat', { number: index + 1 })} value={row.what} onChange={(event) => { const value = event.currentTarget.value; setTried((current) => current.map((entry, i) => (i === index ? { ...entry, what: value } : entry))); }} />
              <TextField id={`tried-result-${index}`} label={t('middlePhase.details.triedResult', { number: index + 1 })} optional value={row.result} onChange={(event) => { const value = event.currentTarget.value; setTried((current) => current.map((entry, i) => (i === index ? { ...entry, result: value } : entry))); }} />
              <Button variant="secondary" onClick={() => setTried((current) => current.filter((_, i) => i !== index))}>{t('middlePhase.details.removeTried', { number: index + 1 })}</Button>
            </div>
          ))}
          <div><Button variant="secondary" onClick={() => setTried((current) => [...current, { what: '', result: '' }])}>{t('middlePhase.details.addTried')}</Button></div>
        </fieldset>
      ) : null}
      {workspace.area === 'interpersonal-deficits' ? (
        <fieldset className="stack">
          <legend className="field__label">{t('middlePhase.details.contactsMade')}</legend>
          {contacts.map((row, index) => (
            <div key={index} className="ip-grid ip-row">
              <TextField id={`contact-who-${index}`} label={t('middlePhase.details.contactWho', { number: index + 1 })} value={row.who} onChange={(event) => { const value = event.currentTarget.value; setContacts((current) => current.map((entry, i) => (i === index ? { ...entry, who: value } : entry))); }} />
              <TextField id={`contact-date-${index}`} type="date" label={t('middlePhase.details.contactDate', { number: index + 1 })} optional value={row.date} onChange={(event) => { const value = event.currentTarget.value; setContacts((current) => current.map((entry, i) => (i === index ? { ...entry, date: value } : entry))); }} />
              <TextField id={`contact-what-${index}`} label={t('middlePhase.details.contactWhat', { number: index + 1 })} optional value={row.whatHappened} onChange={(event) => { const value = event.currentTarget.value; setContacts((current) => current.map((entry, i) => (i === index ? { ...entry, whatHappened: value } : entry))); }} />
              <Button variant="secondary" onClick={() => setContacts((current) => current.filter((_, i) => i !== index))}>{t('middlePhase.details.removeContact', { number: index + 1 })}</Button>
            </div>
          ))}
          <div><Button variant="secondary" onClick={() => setContacts((current) => [...current, { who: '', date: '', whatHappened: '' }])}>{t('middlePhase.details.addContact')}</Button></div>
        </fieldset>
      ) : null}
      <div>
        <Button type="submit" busy={busy}>
          {t('middlePhase.workspace.saveDetails')}
        </Button>
      </div>
    </form>
  );
}
