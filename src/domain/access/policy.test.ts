import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Actions, Roles, can, abilitiesOf, roleMayEver, type Actor, type ClientResource } from './policy';

const org = 'org-a';
const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({ userId: 'u1', organizationId: org, role, supervisedClinicianIds: [], ...extra });
const client = (clinicianId: string, extra: Partial<ClientResource> = {}): ClientResource => ({ kind: 'client', organizationId: org, clinicianId, ...extra });

describe('access policy', () => {
  it('lets a clinician read and edit their own client only', () => {
    expect(can(actor('clinician'), 'client.read', client('u1'))).toBe(true);
    expect(can(actor('clinician'), 'client.update', client('u1'))).toBe(true);
    expect(can(actor('clinician'), 'client.read', client('u2'))).toBe(false);
    expect(can(actor('clinician'), 'client.update', client('u2'))).toBe(false);
    expect(can(actor('clinician'), 'client.transfer', client('u1'))).toBe(false);
  });

  it('lets a supervisor see supervisees\' clients and transfer them, not others\'', () => {
    const supervisor = actor('supervisor', { userId: 's1', supervisedClinicianIds: ['u1', 'u2'] });
    expect(can(supervisor, 'client.read', client('u1'))).toBe(true);
    expect(can(supervisor, 'client.transfer', client('u2'))).toBe(true);
    expect(can(supervisor, 'client.read', client('u9'))).toBe(false);
  });

  it('keeps administrators out of client records unless they hold break-glass, which is read-only', () => {
    expect(can(actor('admin'), 'client.read', client('u1'))).toBe(false);
    expect(can(actor('admin'), 'client.read', client('u1', { breakGlass: true }))).toBe(true);
    expect(can(actor('admin'), 'client.update', client('u1', { breakGlass: true }))).toBe(false);
    expect(roleMayEver('clinician', 'client.break-glass')).toBe(false);
  });

  it('refuses everything across organizations, whatever the role or grant', () => {
    fc.assert(fc.property(fc.constantFrom(...Roles), fc.constantFrom(...Actions), fc.boolean(), (role, action, breakGlass) => {
      const foreign: ClientResource = { kind: 'client', organizationId: 'org-b', clinicianId: 'u1', breakGlass };
      expect(can(actor(role, { supervisedClinicianIds: ['u1'] }), action, foreign)).toBe(false);
    }));
  });

  it('denies by default: a role without a rule can do nothing with that action', () => {
    for (const role of Roles) {
      for (const action of Actions) {
        if (!roleMayEver(role, action)) expect(can(actor(role), action, client('u1', { breakGlass: true }))).toBe(false);
      }
    }
    expect(abilitiesOf('client')).not.toContain('client.read');
  });
});
