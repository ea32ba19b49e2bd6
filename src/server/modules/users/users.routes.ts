import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Problem } from '../../../contracts/common';
import {
  InvitationCreateBody, InvitationCreated, InvitationView, IssuedLink, SupervisedClinician, SupervisionAssignmentBody, SupervisionAssignmentView,
  UserListQuery, UserUpdateBody, UserView,
} from '../../../contracts/users.contract';
import { etagOf, requireIfMatch } from '../../lib/versioning';
import { assignSupervisor, listAssignments, listSupervisedClinicians, removeAssignment } from './supervision.service';
import { inviteUser, issueResetLink, listInvitations, listOrganizationUsers, revokeInvitation, updateUser } from './users.service';

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 412: Problem, 428: Problem };
const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** User administration, invitations, reset links and supervision assignments. */
export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/users', {
    config: { permission: 'user.list' },
    schema: { tags: ['users'], summary: 'Users of the organization', querystring: UserListQuery, response: { 200: items(UserView), ...errors } },
  }, async (request) => ({ items: await listOrganizationUsers(request.ctx, request.query) }));

  r.patch('/api/v1/users/:id', {
    config: { permission: 'user.update' },
    schema: { tags: ['users'], summary: 'Change a role, name or status (If-Match required)', params: IdParams, body: UserUpdateBody, response: { 200: UserView, ...errors } },
  }, async (request, reply) => {
    const version = requireIfMatch(request.headers['if-match']);
    const user = await updateUser(request.ctx, request.params.id, version, request.body);
    reply.header('etag', etagOf(user.version));
    return user;
  });

  r.post('/api/v1/users/:id/reset-link', {
    config: { permission: 'user.reset-link' },
    schema: { tags: ['users'], summary: 'Issue a one-time password reset link to pass on', params: IdParams, response: { 201: IssuedLink, ...errors } },
  }, async (request, reply) => reply.status(201).send(await issueResetLink(request.ctx, request.params.id)));

  r.get('/api/v1/invitations', {
    config: { permission: 'user.invite' },
    schema: { tags: ['users'], summary: 'Invitations of the organization', response: { 200: items(InvitationView), ...errors } },
  }, async (request) => ({ items: await listInvitations(request.ctx) }));

  r.post('/api/v1/invitations', {
    config: { permission: 'user.invite' },
    schema: { tags: ['users'], summary: 'Invite a clinician, supervisor or administrator (link valid 72 h)', body: InvitationCreateBody, response: { 201: InvitationCreated, ...errors } },
  }, async (request, reply) => reply.status(201).send(await inviteUser(request.ctx, request.body)));

  r.delete('/api/v1/invitations/:id', {
    config: { permission: 'user.invite' },
    schema: { tags: ['users'], summary: 'Withdraw an open invitation', params: IdParams, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await revokeInvitation(request.ctx, request.params.id);
    return reply.status(204).send(null);
  });

  r.get('/api/v1/supervision-assignments', {
    config: { permission: 'supervision.manage' },
    schema: { tags: ['users'], summary: 'Which supervisor oversees which clinician', response: { 200: items(SupervisionAssignmentView), ...errors } },
  }, async (request) => ({ items: await listAssignments(request.ctx) }));

  r.post('/api/v1/supervision-assignments', {
    config: { permission: 'supervision.manage' },
    schema: { tags: ['users'], summary: 'Assign a clinician to a supervisor', body: SupervisionAssignmentBody, response: { 201: SupervisionAssignmentView, ...errors } },
  }, async (request, reply) => reply.status(201).send(await assignSupervisor(request.ctx, request.body.supervisorId, request.body.clinicianId)));

  r.delete('/api/v1/supervision-assignments/:id', {
    config: { permission: 'supervision.manage' },
    schema: { tags: ['users'], summary: 'Remove a supervision assignment', params: IdParams, response: { 204: z.null(), ...errors } },
  }, async (request, reply) => {
    await removeAssignment(request.ctx, request.params.id);
    return reply.status(204).send(null);
  });

  r.get('/api/v1/supervision/clinicians', {
    config: { permission: 'supervision.read' },
    schema: { tags: ['supervision'], summary: 'Clinicians I supervise (all clinicians for an administrator)', response: { 200: items(SupervisedClinician), ...errors } },
  }, async (request) => ({ items: await listSupervisedClinicians(request.ctx) }));
}
