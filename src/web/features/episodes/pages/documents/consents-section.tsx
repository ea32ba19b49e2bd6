import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/alert';
import { Badge } from '../../../../components/badge';
import { Button } from '../../../../components/button';
import { CheckboxField } from '../../../../components/checkbox-field';
import { SelectField } from '../../../../components/select-field';
import { TextField } from '../../../../components/text-field';
import { isApiError } from '../../../../lib/api';
import { describeError } from '../../../../lib/describe-error';
import { formatCalendarDate, localIsoDate } from '../../../../lib/format';
import { useIdempotencyKey } from '../../../../lib/idempotency-key';
import { documentKeys, documentKinds, recordConsent, thirdPartyKinds, useConsents, withdrawConsent, type ConsentView, type DocumentKind } from './documents-api';

/** The client's consents to share documents with a named referrer, GP or professional; record and withdraw them. */
export function ConsentsSection({ clientId, editable }: { clientId: string; editable: boolean }) {
  const { t } = useTranslation();
  const consents = useConsents(clientId);
  const items = consents.data?.items ?? [];
  return (
    <div className="stack">
      <h3>{t('documents.consents.title')}</h3>
      <p>{t('documents.consents.lead')}</p>
      {items.length === 0 ? <p>{t('documents.consents.empty')}</p> : (
        <ul className="stack" aria-label={t('documents.consents.title')}>
          {items.map((c) => <ConsentItem key={c.id} consent={c} clientId={clientId} editable={editable} />)}
        </ul>
      )}
      {editable ? <ConsentForm clientId={clientId} /> : null}
    </div>
  );
}

function ConsentItem({ consent, clientId, editable }: { consent: ConsentView; clientId: string; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      await withdrawConsent(consent.id, consent.version, null);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: documentKeys.consents(clientId) });
    }
  };
  return (
    <li className="card stack">
      <p>
        <strong>{consent.recipientName}</strong> ({t(`documents.recipientKinds.${consent.recipientKind}`)}){' '}
        <Badge tone={consent.status === 'active' ? 'success' : 'neutral'}>{t(`documents.consents.status.${consent.status}`)}</Badge>
      </p>
      <p>{t('documents.consents.covers', { documents: consent.documents.map((d) => t(`documents.kinds.${d}`)).join(', ') })}</p>
      <p>{t('documents.consents.given', { date: formatCalendarDate(consent.givenOn), name: consent.recordedByName ?? '—' })}</p>
      {consent.purpose ? <p>{t('documents.consents.purposeLine', { purpose: consent.purpose })}</p> : null}
      {consent.withdrawnAt ? <p>{t('documents.consents.withdrawnLine', { date: formatCalendarDate(consent.withdrawnAt.slice(0, 10)), name: consent.withdrawnByName ?? '—' })}</p> : null}
      {editable && consent.status === 'active' ? (
        <div>
          <Button variant="danger" busy={busy} onClick={() => void withdraw()} aria-label={t('documents.consents.withdrawFor', { name: consent.recipientName })}>{t('documents.consents.withdraw')}</Button>
        </div>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </li>
  );
}

function ConsentForm({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const idempotency = useIdempotencyKey();
  const [recipientKind, setRecipientKind] = useState<string>('general-practitioner');
  const [recipientName, setRecipientName] = useState('');
  const [documents, setDocuments] = useState<DocumentKind[]>(['treatment-summary']);
  const [givenOn, setGivenOn] = useState(localIsoDate());
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await recordConsent(clientId, { recipientKind, recipientName, documents, givenOn, ...(purpose.trim() ? { purpose: purpose.trim() } : {}) }, idempotency.key());
      idempotency.renew();
      setRecipientName('');
      setPurpose('');
      setMessage({ tone: 'success', text: t('documents.consents.recorded') });
      await queryClient.invalidateQueries({ queryKey: documentKeys.consents(clientId) });
    } catch (e) {
      if (isApiError(e)) setErrors(Object.fromEntries(e.errors.map((f) => [f.field, f.message])));
      setMessage({ tone: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };
  const toggle = (kind: DocumentKind, on: boolean) => setDocuments((current) => (on ? [...current, kind] : current.filter((k) => k !== kind)));
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-labelledby="consent-form-title" noValidate>
      <h4 id="consent-form-title">{t('documents.consents.record')}</h4>
      <SelectField id="consent-recipient-kind" label={t('documents.consents.recipientKind')} value={recipientKind} onChange={(e) => setRecipientKind(e.target.value)} error={errors.recipientKind}>
        {thirdPartyKinds.map((k) => <option key={k} value={k}>{t(`documents.recipientKinds.${k}`)}</option>)}
      </SelectField>
      <TextField id="consent-recipient-name" label={t('documents.consents.recipientName')} hint={t('documents.consents.recipientNameHint')} maxLength={200} value={recipientName} onChange={(e) => setRecipientName(e.target.value)} error={errors.recipientName} />
      <fieldset className="stack">
        <legend>{t('documents.consents.documents')}</legend>
        {documentKinds.map((k) => (
          <CheckboxField key={k} id={`consent-document-${k}`} label={t(`documents.kinds.${k}`)} checked={documents.includes(k)} onChange={(e) => toggle(k, e.target.checked)} />
        ))}
        {errors.documents ? <p className="field__error">{errors.documents}</p> : null}
      </fieldset>
      <TextField id="consent-given-on" type="date" label={t('documents.consents.givenOn')} value={givenOn} onChange={(e) => setGivenOn(e.target.value)} error={errors.givenOn} />
      <TextField id="consent-purpose" label={t('documents.consents.purpose')} optional maxLength={500} value={purpose} onChange={(e) => setPurpose(e.target.value)} error={errors.purpose} />
      <div>
        <Button type="submit" busy={busy}>{t('documents.consents.save')}</Button>
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </form>
  );
}
