/**
 * The protocols the application ships, looked up by id. One place that lists them, so the contract
 * screen, FHIR PlanDefinition export and progression all see the same set.
 */
import { DomainError } from '../errors';
import { ipc, ipcThreeSession } from './ipc';
import { iptA } from './ipt-a';
import { iptAcute } from './ipt-acute';
import { iptB } from './ipt-b';
import { maintenanceIpt } from './maintenance-ipt';
import type { Protocol, ProtocolId } from './protocol-definition';
import { whoGroupIpt } from './who-group-ipt';

const PROTOCOLS: readonly Protocol[] = [iptAcute, ipc, ipcThreeSession, iptA, iptB, maintenanceIpt, whoGroupIpt];

/** All shipped protocols, in the order the app offers them (individual IPT first). */
export function listProtocols(): readonly Protocol[] {
  return PROTOCOLS;
}

/**
 * A protocol by id (and, when given, version). Throws DomainError('not-found') for an unknown id or a
 * version this build does not carry, so a stored episode never silently runs under other rules.
 */
export function getProtocol(id: string, version?: string): Protocol {
  const protocol = PROTOCOLS.find((candidate) => candidate.id === id);
  if (protocol === undefined) {
    throw new DomainError('not-found', `There is no protocol called "${id}".`, { field: 'protocolId' });
  }
  if (version !== undefined && protocol.version !== version) {
    throw new DomainError('not-found', `Protocol "${id}" version ${version} is not available (this build has ${protocol.version}).`, { field: 'protocolVersion' });
  }
  return protocol;
}

/** True when `id` names a shipped protocol; narrows a string from the outside world. */
export function isProtocolId(id: string): id is ProtocolId {
  return PROTOCOLS.some((protocol) => protocol.id === id);
}

/**
 * The key stored with records made under a protocol, `id@version` (e.g. `ipt-acute@1.0.0`), matching how
 * questionnaire responses store `instrumentId@version`.
 */
export function protocolKey(protocol: Pick<Protocol, 'id' | 'version'>): string {
  return `${protocol.id}@${protocol.version}`;
}
