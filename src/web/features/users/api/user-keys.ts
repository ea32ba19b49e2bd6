/** Query keys of the administration pages, so that each change refreshes what it affects. */
export const userKeys = {
  users: ['users'] as const,
  invitations: ['invitations'] as const,
  assignments: ['supervision-assignments'] as const,
  organization: ['organization'] as const,
};
