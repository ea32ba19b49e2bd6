import type { Agent } from './test-app';

/**
 * Saves and signs a minimal termination note (next step: end), which an episode needs before it can
 * be ended. For tests whose subject is what happens after the end.
 */
export async function signTerminationNote(agent: Agent, episodeId: string, nextStep: Record<string, unknown> = { kind: 'end', overrideReason: 'test: ending without review' }): Promise<void> {
  const saved = await agent.request({ method: 'PUT', url: `/api/v1/episodes/${episodeId}/termination`, payload: { goals: [], nextStep }, headers: { 'if-match': '"0"' } });
  if (saved.statusCode !== 200) throw new Error(`termination record not saved: ${saved.statusCode} ${saved.body}`);
  const signed = await agent.post(`/api/v1/episodes/${episodeId}/termination/sign`, undefined, { 'if-match': String(saved.headers.etag) });
  if (signed.statusCode !== 200) throw new Error(`termination note not signed: ${signed.statusCode} ${signed.body}`);
}
