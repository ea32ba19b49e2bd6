import { routes } from './route-paths';

/**
 * The main navigation: each entry appears only when the session's abilities include its ability
 * (the server still checks every request; hiding is for clarity, not security).
 */
export const navItems = [
  { to: routes.clients, ability: 'client.list', labelKey: 'nav.caseload' },
  { to: routes.today, ability: 'client.list', labelKey: 'nav.today' },
  { to: routes.supervision, ability: 'supervision.read', labelKey: 'nav.supervision' },
  { to: routes.supervisionRisk, ability: 'risk.acknowledge', labelKey: 'nav.risk' },
  { to: routes.adminUsers, ability: 'user.list', labelKey: 'nav.users' },
  { to: routes.adminSettings, ability: 'organization.update', labelKey: 'nav.settings' },
  { to: routes.adminAudit, ability: 'audit.read', labelKey: 'nav.audit' },
  { to: routes.instruments, ability: 'instrument.read', labelKey: 'nav.instruments' },
] as const;
