import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/alert';
import { SelectField } from '../../../../components/select-field';
import { isApiError } from '../../../../lib/api';
import { describeError } from '../../../../lib/describe-error';
import type { Workspace } from '../../api/middle-phase-api';

/**
 * Small pieces the middle-phase pages share: the message for a failed save (one wording per answer
 * the API gives), 0–10 rating pickers, lists typed one entry per line, and sourced text with its
 * citation.
 */

/** Why a save failed, in words: stale (412), signed session (423), closed episode or duplicate (409), bad fields (400). */
export function SaveError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (isApiError(error) && error.status === 412) {
    return <Alert tone="warning" title={t('middlePhase.errors.staleTitle')}>{t('middlePhase.errors.stale')}</Alert>;
  }
  if (isApiError(error) && error.status === 423) {
    return <Alert tone="error" title={t('middlePhase.errors.lockedTitle')}>{t('middlePhase.errors.locked')}</Alert>;
  }
  if (isApiError(error) && error.status === 428) {
    return <Alert tone="error">{t('middlePhase.errors.noVersion')}</Alert>;
  }
  if (isApiError(error) && error.status === 409) {
    return <Alert tone="error" title={t('middlePhase.errors.conflictTitle')}>{describeError(error)}</Alert>;
  }
  if (isApiError(error) && error.status === 400 && error.errors.length > 0) {
    // The server names fields as the API does (`otherPerson`); say them as the form labels them.
    const named = (field: string) => {
      const key = ['middlePhase.worksheet.fields', 'middlePhase.details', 'middlePhase.tasks', 'middlePhase.outcome', 'middlePhase.workspace'].map((prefix) => `${prefix}.${field}`).find((candidate) => i18n.exists(candidate));
      return key ? String(t(key as never)) : field;
    };
    return (
      <Alert tone="error" title={t('middlePhase.errors.fieldsTitle')}>
        {error.errors.length > 1 ? (
          <ul>
            {error.errors.map((entry, index) => (
              <li key={index}>{t('middlePhase.errors.field', { field: named(entry.field), message: entry.message })}</li>
            ))}
          </ul>
        ) : (
          <p>{describeError(error)}</p>
        )}
      </Alert>
    );
  }
  return <Alert tone="error">{describeError(error)}</Alert>;
}

/** True when the failure means the record on screen is out of date and should be re-read. */
export const isStale = (error: unknown) => isApiError(error) && (error.status === 412 || error.status === 423);

/** A 0–10 rating (or a signed range) as a native select with a "not rated" choice. */
export function RatingSelect({ id, label, value, onChange, disabled, min = 0, max = 10, hint, signed = false }: {
  id: string; label: ReactNode; value: string; onChange: (value: string) => void; disabled?: boolean; min?: number; max?: number; hint?: ReactNode; signed?: boolean;
}) {
  const { t } = useTranslation();
  const values = Array.from({ length: max - min + 1 }, (_, index) => min + index);
  return (
    <SelectField id={id} label={label} hint={hint} value={value} disabled={disabled} onChange={(event) => onChange(event.currentTarget.value)}>
      <option value="">{t('middlePhase.notRated')}</option>
      {values.map((n) => (
        <option key={n} value={String(n)}>
          {signed && n > 0 ? `+${n}` : String(n).replace('-', '−')}
        </option>
      ))}
    </SelectField>
  );
}

/** "" → null, else the number. */
export const numberOrNull = (value: string): number | null => (value === '' ? null : Number(value));
/** null → "", else the number as text. */
export const textOf = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));
/** One entry per line → a list without empty lines. */
export const linesOf = (value: string): string[] => value.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
/** A list → one entry per line. */
export const joinLines = (values: readonly string[] | undefined): string => (values ?? []).join('\n');
/** Empty text → null. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Text from the domain's content with its citation (e.g. "[V] [S8] §2.1"). */
export function Sourced({ text, source }: { text: string; source: string }) {
  const { t } = useTranslation();
  return (
    <>
      {text} <span className="mp-source" title={t('middlePhase.sourceTitle')}>{source}</span>
    </>
  );
}

/** A list as bullet points, or "none yet". */
export function PlainList({ items }: { items: readonly ReactNode[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <span className="muted">{t('middlePhase.noneYet')}</span>;
  return (
    <ul className="mp-list">
      {items.map((item, index) => (
        <li key={index}>{item}</li>
      ))}
    </ul>
  );
}

/** Which of the episode's workspaces a worksheet or task serves, or none; shown only when there are workspaces. */
export function WorkspaceSelect({ id, label, workspaces, value, onChange }: { id: string; label: string; workspaces: readonly Workspace[]; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  if (workspaces.length === 0) return null;
  return (
    <SelectField id={id} label={label} optional value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      <option value="">{t('middlePhase.worksheet.noWorkspace')}</option>
      {workspaces.map((workspace) => (
        <option key={workspace.id} value={workspace.id}>
          {workspace.areaLabel}
        </option>
      ))}
    </SelectField>
  );
}
