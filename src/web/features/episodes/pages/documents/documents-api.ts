import { useQuery } from '@tanstack/react-query';
import type { ConsentView, DisclosureView, DocumentKind, RecipientKind } from '../../../../../contracts/documents.contract';
import { apiRequest, apiRequestFile, saveFile } from '../../../../lib/api';

export type { ConsentView, DisclosureView, DocumentKind, RecipientKind };

export const documentKinds: readonly DocumentKind[] = ['treatment-summary', 'relapse-prevention-plan', 'formulation-letter', 'symptom-chart', 'safety-plan'];
export const thirdPartyKinds = ['referrer', 'general-practitioner', 'other-professional'] as const;

export const documentKeys = {
  consents: (clientId: string) => ['clients', clientId, 'disclosure-consents'] as const,
  disclosures: (clientId: string) => ['clients', clientId, 'disclosures'] as const,
};

export function useConsents(clientId: string) {
  return useQuery({ queryKey: documentKeys.consents(clientId), queryFn: ({ signal }) => apiRequest<{ items: ConsentView[] }>(`/api/v1/clients/${clientId}/disclosure-consents`, { signal }) });
}

export function useDisclosures(clientId: string) {
  return useQuery({
    queryKey: documentKeys.disclosures(clientId),
    queryFn: ({ signal }) => apiRequest<{ clientName: string; items: DisclosureView[] }>(`/api/v1/clients/${clientId}/disclosures`, { signal }),
  });
}

export interface DocumentRequest { kind: DocumentKind; recipientKind: RecipientKind; consentId?: string; purpose?: string }

/** Makes the PDF on the server (logged as a disclosure) and saves it. */
export async function downloadDocument(path: string, body: DocumentRequest, idempotencyKey: string): Promise<void> {
  saveFile(await apiRequestFile(path, { body, idempotencyKey, fallbackName: `${body.kind}.pdf` }));
}

export const episodeDocumentPath = (episodeId: string) => `/api/v1/episodes/${episodeId}/documents`;
export const clientDocumentPath = (clientId: string) => `/api/v1/clients/${clientId}/documents`;

export function recordConsent(clientId: string, body: { recipientKind: string; recipientName: string; documents: DocumentKind[]; purpose?: string; givenOn: string }, idempotencyKey: string): Promise<ConsentView> {
  return apiRequest(`/api/v1/clients/${clientId}/disclosure-consents`, { method: 'POST', body, idempotencyKey });
}

export function withdrawConsent(id: string, version: number, reason: string | null): Promise<ConsentView> {
  return apiRequest(`/api/v1/disclosure-consents/${id}/withdraw`, { method: 'POST', body: { reason }, version });
}
