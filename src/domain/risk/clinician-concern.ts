/**
 * A clinician's own concern as a risk trigger: clinical judgement can raise a flag without any
 * questionnaire answer, and it is recorded in the same shape so review and audit treat it alike.
 */
import { DomainError } from '../errors';
import type { FieldError } from '../errors';
import { RiskLevel } from './risk-flag';
import type { RiskFlagProposal } from './risk-flag';

/** What the clinician states. */
export interface ClinicianConcernInput {
  level: RiskLevel;
  reason: string;
  /** Defaults to true for "high"; a clinician may ask for same-session review at any level. */
  requiresSameSessionReview?: boolean;
}

/** A risk-flag proposal from clinical judgement; the reason is required so the flag explains itself. */
export function raiseClinicianConcern(input: ClinicianConcernInput): RiskFlagProposal {
  const errors: FieldError[] = [];
  if (!Object.values(RiskLevel).includes(input.level)) errors.push({ field: 'level', message: 'must be low, moderate or high' });
  if (typeof input.reason !== 'string' || input.reason.trim() === '') errors.push({ field: 'reason', message: 'must describe the concern' });
  if (errors.length > 0) throw new DomainError('validation', 'invalid clinician concern', { errors });
  return {
    trigger: 'clinician-concern',
    level: input.level,
    reason: input.reason.trim(),
    source: 'clinician judgement',
    instrumentId: null,
    instrumentVersion: null,
    itemId: null,
    value: null,
    requiresSameSessionReview: input.requiresSameSessionReview ?? input.level === RiskLevel.high,
    suggestedFollowUp: null,
  };
}
