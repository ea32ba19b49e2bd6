import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { raiseClinicianConcern } from './clinician-concern';

describe('raiseClinicianConcern', () => {
  it('records the clinician judgement as a proposal', () => {
    expect(raiseClinicianConcern({ level: 'high', reason: '  Disclosed a plan during the session ' })).toEqual({
      trigger: 'clinician-concern',
      level: 'high',
      reason: 'Disclosed a plan during the session',
      source: 'clinician judgement',
      instrumentId: null,
      instrumentVersion: null,
      itemId: null,
      value: null,
      requiresSameSessionReview: true,
      suggestedFollowUp: null,
    });
  });

  it('same-session review defaults to high only, and can be asked for at any level', () => {
    expect(raiseClinicianConcern({ level: 'moderate', reason: 'Withdrawn' }).requiresSameSessionReview).toBe(false);
    expect(raiseClinicianConcern({ level: 'low', reason: 'Withdrawn', requiresSameSessionReview: true }).requiresSameSessionReview).toBe(true);
  });

  it('requires a valid level and a reason', () => {
    try {
      raiseClinicianConcern({ level: 'urgent' as never, reason: ' ' });
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.errors.map((e) => e.field)).toEqual(['level', 'reason']);
    }
  });
});
