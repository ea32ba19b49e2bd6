import type { z } from 'zod';
import type { ClientCreateBody, ClientUpdateBody, ClientView } from '../../../../contracts/clients.contract';

/** Every editable field of a client record, as the form holds it (strings; '' means empty). */
export const clientFormFields = [
  'displayName',
  'preferredName',
  'dateOfBirth',
  'pronouns',
  'language',
  'identifier',
  'phone',
  'email',
  'address',
  'emergencyContactName',
  'emergencyContactPhone',
  'emergencyContactRelationship',
] as const;

/** A field of the client form. */
export type ClientFormField = (typeof clientFormFields)[number];
/** The client form's values. */
export type ClientFormValues = Record<ClientFormField, string>;

/** A blank form. */
export function emptyClientValues(): ClientFormValues {
  return Object.fromEntries(clientFormFields.map((field) => [field, ''])) as ClientFormValues;
}

/** The form filled from a record. */
export function clientValuesOf(client: ClientView): ClientFormValues {
  return Object.fromEntries(clientFormFields.map((field) => [field, client[field] ?? ''])) as ClientFormValues;
}

/** The create body: required fields as typed, optional ones only when filled in. */
export function toCreateBody(values: ClientFormValues, clinicianId?: string): z.input<typeof ClientCreateBody> {
  const body: Record<string, string> = {};
  for (const field of clientFormFields) {
    const value = values[field].trim();
    if (value !== '') body[field] = value;
  }
  if (clinicianId) body.clinicianId = clinicianId;
  return body as z.input<typeof ClientCreateBody>;
}

/** Only what changed since the record was read ('' clears an optional field); empty when nothing did. */
export function toUpdateBody(values: ClientFormValues, client: ClientView): z.input<typeof ClientUpdateBody> {
  const body: Record<string, string> = {};
  for (const field of clientFormFields) {
    const value = values[field].trim();
    if (value !== (client[field] ?? '')) body[field] = value;
  }
  return body as z.input<typeof ClientUpdateBody>;
}
