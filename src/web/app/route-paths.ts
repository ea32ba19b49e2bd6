/**
 * Every route of the web app, in one place, with typed parameters: `pathTo(routes.client, { id })`
 * fails to compile when a parameter is missing or misspelt. The router (app/router.tsx) and the
 * features' links both read from here, so a path is never typed twice. This module imports nothing,
 * so features may use it without depending on the rest of app/.
 */
export const routes = {
  home: '/',
  setup: '/setup',
  signIn: '/sign-in',
  invite: '/invite',
  resetPassword: '/reset-password',
  account: '/account',
  clients: '/clients',
  newClient: '/clients/new',
  client: '/clients/:id',
  supervision: '/supervision',
  adminUsers: '/admin/users',
  adminSettings: '/admin/settings',
  adminAudit: '/admin/audit',
  today: '/today',
  instruments: '/instruments',
  instrument: '/instruments/:id',
  episode: '/episodes/:id',
  session: '/sessions/:id',
  riskFlag: '/risk-flags/:id',
  safetyPlan: '/clients/:clientId/safety-plan',
  supervisionRisk: '/supervision/risk',
  episodeInventory: '/episodes/:id/inventory',
  episodeCloseness: '/episodes/:id/closeness-circle',
  episodeTimeline: '/episodes/:id/timeline',
  episodeDiagnosis: '/episodes/:id/diagnosis',
  episodeFormulation: '/episodes/:id/formulation',
  episodeContract: '/episodes/:id/contract',
  episodeWorkspaces: '/episodes/:id/workspaces',
  workspace: '/workspaces/:id',
  sessionWork: '/sessions/:id/work',
  newWorksheet: '/sessions/:id/worksheets/new/:kind',
  worksheet: '/worksheets/:id',
  episodeTermination: '/episodes/:id/termination',
} as const;

export type RoutePath = (typeof routes)[keyof typeof routes];

/** The `:name` parameters of a path pattern, as a union of names. */
export type RouteParamNames<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | RouteParamNames<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

type QueryParams = Record<string, string | number | undefined | null>;

type PathArgs<Path extends string> = [RouteParamNames<Path>] extends [never]
  ? [params?: undefined, query?: QueryParams]
  : [params: Record<RouteParamNames<Path>, string>, query?: QueryParams];

/** Fill a route pattern's parameters (URL-encoded) and add a query string without empty values. */
export function pathTo<Path extends RoutePath>(pattern: Path, ...[params, query]: PathArgs<Path>): string {
  let path: string = pattern;
  if (params) {
    for (const [name, value] of Object.entries(params as Record<string, string>)) path = path.replace(`:${name}`, encodeURIComponent(value));
  }
  if (query) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
    const text = search.toString();
    if (text) path += `?${text}`;
  }
  return path;
}
