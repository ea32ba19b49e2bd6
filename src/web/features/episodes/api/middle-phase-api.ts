import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  OutcomeBody,
  OutcomeSeriesView,
  OutcomeView,
  StageChangeBody,
  TaskCreateBody,
  TaskReviewBody,
  TaskView,
  WorksheetCreateBody,
  WorksheetHistory,
  WorksheetReplaceBody,
  WorksheetView,
  WorkspaceList,
  WorkspaceOpenBody,
  WorkspaceUpdateBody,
  WorkspaceView,
} from '../../../../contracts/middle-phase.contract';
import { apiRequest, isApiError } from '../../../lib/api';

/**
 * The middle phase of one episode (docs/middle-phase.md): problem-area workspaces with the dispute
 * stage, per-session area outcomes, technique worksheets with their versions, between-session tasks.
 * Every record carries its version; changes send it back (If-Match), creates carry an Idempotency-Key.
 */
export type Workspace = WorkspaceView;
export type Worksheet = WorksheetView;
export type WorksheetKind = Worksheet['kind'];
export type Task = TaskView;
export type Outcome = z.infer<typeof OutcomeView>;
export type OutcomeSeries = z.infer<typeof OutcomeSeriesView>;
export type WorkspaceListing = z.infer<typeof WorkspaceList>;
export type WorksheetVersions = z.infer<typeof WorksheetHistory>;

export const WORKSHEET_KINDS = ['interval-review', 'communication-analysis', 'decision-analysis', 'role-play'] as const satisfies readonly WorksheetKind[];

const enc = encodeURIComponent;
const v1 = '/api/v1';

export const middlePhaseKeys = {
  all: ['middle-phase'] as const,
  workspaces: (episodeId: string) => ['middle-phase', 'episode', episodeId, 'workspaces'] as const,
  workspace: (id: string) => ['middle-phase', 'workspace', id] as const,
  outcomes: (episodeId: string) => ['middle-phase', 'episode', episodeId, 'outcomes'] as const,
  tasks: (episodeId: string) => ['middle-phase', 'episode', episodeId, 'tasks'] as const,
  sessionWorksheets: (sessionId: string) => ['middle-phase', 'session', sessionId, 'worksheets'] as const,
  worksheet: (id: string) => ['middle-phase', 'worksheet', id] as const,
  worksheetHistory: (id: string) => ['middle-phase', 'worksheet', id, 'history'] as const,
};

const noRetryOn4xx = (count: number, error: unknown) => !(isApiError(error) && error.status < 500) && count < 2;

function useRead<T>(key: readonly unknown[], path: string, enabled = true) {
  return useQuery({ queryKey: key, queryFn: ({ signal }) => apiRequest<T>(path, { signal }), staleTime: 0, enabled, retry: noRetryOn4xx });
}

export const useWorkspaces = (episodeId: string) => useRead<WorkspaceListing>(middlePhaseKeys.workspaces(episodeId), `${v1}/episodes/${enc(episodeId)}/workspaces`, episodeId !== '');
export const useWorkspace = (id: string) => useRead<Workspace>(middlePhaseKeys.workspace(id), `${v1}/workspaces/${enc(id)}`);
export const useOutcomes = (episodeId: string, enabled = true) => useRead<OutcomeSeries>(middlePhaseKeys.outcomes(episodeId), `${v1}/episodes/${enc(episodeId)}/outcomes`, enabled && episodeId !== '');
export const useEpisodeTasks = (episodeId: string, enabled = true) =>
  useRead<{ items: Task[] }>(middlePhaseKeys.tasks(episodeId), `${v1}/episodes/${enc(episodeId)}/tasks?status=all`, enabled && episodeId !== '');
export const useSessionWorksheets = (sessionId: string, enabled = true) =>
  useRead<{ items: Worksheet[] }>(middlePhaseKeys.sessionWorksheets(sessionId), `${v1}/sessions/${enc(sessionId)}/worksheets`, enabled && sessionId !== '');
export const useWorksheet = (id: string) => useRead<Worksheet>(middlePhaseKeys.worksheet(id), `${v1}/worksheets/${enc(id)}`);
export const useWorksheetHistory = (id: string) => useRead<WorksheetVersions>(middlePhaseKeys.worksheetHistory(id), `${v1}/worksheets/${enc(id)}/history`);

/** After a change every middle-phase view is re-read (workspaces show progress, the session lists tasks…). */
export function useInvalidateMiddlePhase() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: middlePhaseKeys.all });
}

export const openWorkspace = (episodeId: string, body: z.input<typeof WorkspaceOpenBody>, idempotencyKey: string) =>
  apiRequest<Workspace>(`${v1}/episodes/${enc(episodeId)}/workspaces`, { method: 'POST', body, idempotencyKey });
export const updateWorkspace = (id: string, version: number, body: z.input<typeof WorkspaceUpdateBody>) =>
  apiRequest<Workspace>(`${v1}/workspaces/${enc(id)}`, { method: 'PATCH', body, version });
export const changeStage = (id: string, version: number, body: z.input<typeof StageChangeBody>) =>
  apiRequest<Workspace>(`${v1}/workspaces/${enc(id)}/stage-changes`, { method: 'POST', body, version });
export const saveOutcome = (workspaceId: string, sessionId: string, version: number, body: z.input<typeof OutcomeBody>) =>
  apiRequest<Outcome>(`${v1}/workspaces/${enc(workspaceId)}/outcomes/${enc(sessionId)}`, { method: 'PUT', body, version });
export const addWorksheet = (sessionId: string, body: z.input<typeof WorksheetCreateBody>, idempotencyKey: string) =>
  apiRequest<Worksheet>(`${v1}/sessions/${enc(sessionId)}/worksheets`, { method: 'POST', body, idempotencyKey });
export const replaceWorksheet = (id: string, version: number, body: z.input<typeof WorksheetReplaceBody>) =>
  apiRequest<Worksheet>(`${v1}/worksheets/${enc(id)}`, { method: 'PUT', body, version });
export const setTask = (sessionId: string, body: z.input<typeof TaskCreateBody>, idempotencyKey: string) =>
  apiRequest<Task>(`${v1}/sessions/${enc(sessionId)}/tasks`, { method: 'POST', body, idempotencyKey });
export const reviewTask = (id: string, version: number, body: z.input<typeof TaskReviewBody>) =>
  apiRequest<Task>(`${v1}/tasks/${enc(id)}/review`, { method: 'POST', body, version });
