/**
 * Who may do what. One rule table, deny by default: an action missing from the table, or a role
 * missing from an action's rule, is refused. Object-level rules look at who owns the client record;
 * the server turns an object-level refusal into "not found" so that a foreign record cannot be told
 * apart from a missing one.
 */
export const Roles = ['admin', 'supervisor', 'clinician', 'client'] as const;
export type Role = (typeof Roles)[number];

/** The signed-in person, as the server builds it from the session on every request. */
export interface Actor {
  userId: string;
  organizationId: string;
  role: Role;
  /** Clinicians this actor supervises (empty for other roles). */
  supervisedClinicianIds: readonly string[];
}

/** A client record, as far as access rules need to see it. */
export interface ClientResource {
  kind: 'client';
  organizationId: string;
  clinicianId: string;
  /** The actor holds an unexpired, audited break-glass grant on this client. */
  breakGlass?: boolean;
}

export interface OrganizationResource {
  kind: 'organization';
  organizationId: string;
}

export type Resource = ClientResource | OrganizationResource;

export const Actions = [
  'client.list',
  'client.create',
  'client.read',
  'client.update',
  'client.archive',
  'client.transfer',
  'client.break-glass',
  'risk.acknowledge',
  'user.list',
  'user.invite',
  'user.update',
  'user.reset-link',
  'supervision.manage',
  'supervision.read',
  'organization.read',
  'organization.update',
  'audit.read',
  'instrument.read',
  'instrument.score',
  'instrument-pack.import',
  'self.manage',
] as const;
export type Action = (typeof Actions)[number];

type Condition = (actor: Actor, resource: Resource) => boolean;
type RoleRule = true | Condition;
type RuleTable = Record<Action, Partial<Record<Role, RoleRule>>>;

const sameOrganization = (actor: Actor, resource: Resource) => actor.organizationId === resource.organizationId;

/** The clinician who holds the case. */
const ownsClient: Condition = (actor, resource) =>
  resource.kind === 'client' && sameOrganization(actor, resource) && resource.clinicianId === actor.userId;

/** A supervisor sees the cases of the clinicians they supervise, and their own. */
const supervisesClient: Condition = (actor, resource) =>
  resource.kind === 'client' && sameOrganization(actor, resource) &&
  (resource.clinicianId === actor.userId || actor.supervisedClinicianIds.includes(resource.clinicianId));

/** Emergency access: read only, time-limited, granted with a recorded reason. */
const holdsBreakGlass: Condition = (actor, resource) =>
  resource.kind === 'client' && sameOrganization(actor, resource) && resource.breakGlass === true;

const inOrganization: Condition = (actor, resource) => sameOrganization(actor, resource);
const anyOf = (...conditions: Condition[]): Condition => (actor, resource) => conditions.some((c) => c(actor, resource));

/**
 * The table. Administrators manage people and settings but cannot read client records (least
 * privilege, security-reference §1 d1/d6) except through break-glass.
 */
export const RULES: RuleTable = {
  'client.list': { clinician: inOrganization, supervisor: inOrganization },
  'client.create': { clinician: inOrganization, supervisor: inOrganization },
  'client.read': {
    clinician: anyOf(ownsClient, holdsBreakGlass),
    supervisor: anyOf(supervisesClient, holdsBreakGlass),
    admin: holdsBreakGlass,
  },
  'client.update': { clinician: ownsClient, supervisor: supervisesClient },
  'client.archive': { clinician: ownsClient, supervisor: supervisesClient },
  'client.transfer': { supervisor: supervisesClient },
  'client.break-glass': { supervisor: inOrganization, admin: inOrganization },
  /** A supervisor acknowledges an escalated risk flag on a supervisee's client (clinical-reference §8). */
  'risk.acknowledge': { supervisor: supervisesClient },
  'user.list': { admin: inOrganization },
  'user.invite': { admin: inOrganization },
  'user.update': { admin: inOrganization },
  'user.reset-link': { admin: inOrganization },
  'supervision.manage': { admin: inOrganization },
  'supervision.read': { supervisor: inOrganization, admin: inOrganization },
  'organization.read': { admin: inOrganization, supervisor: inOrganization, clinician: inOrganization },
  'organization.update': { admin: inOrganization },
  'audit.read': { admin: inOrganization },
  'instrument.read': { admin: inOrganization, supervisor: inOrganization, clinician: inOrganization, client: inOrganization },
  'instrument.score': { admin: inOrganization, supervisor: inOrganization, clinician: inOrganization, client: inOrganization },
  'instrument-pack.import': { admin: inOrganization },
  'self.manage': { admin: inOrganization, supervisor: inOrganization, clinician: inOrganization, client: inOrganization },
};

/** May this actor take this action on this resource? Deny by default. */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  const rule = RULES[action]?.[actor.role];
  if (rule === undefined) return false;
  if (!sameOrganization(actor, resource)) return false;
  return rule === true ? true : rule(actor, resource);
}

/** Could this role take this action on anything at all? Used for route-level checks and UI abilities. */
export function roleMayEver(role: Role, action: Action): boolean {
  return RULES[action]?.[role] !== undefined;
}

/** Every action a role may take somewhere, for the UI to decide what to show. */
export function abilitiesOf(role: Role): Action[] {
  return Actions.filter((action) => roleMayEver(role, action));
}

export function isAction(value: string): value is Action {
  return (Actions as readonly string[]).includes(value);
}
