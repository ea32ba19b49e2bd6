/**
 * The built-in instruments, looked up by id and version. Stored questionnaire responses carry
 * `instrumentKey(def)` (`id@version`) so a score can always be recomputed against the exact definition
 * the client answered, even after a newer version ships.
 */
import { DomainError } from '../errors';
import { C_SSRS_SCREENER } from './c-ssrs-screener';
import { EPDS } from './epds';
import { GAD_7 } from './gad-7';
import { HAM_D17 } from './ham-d17';
import type { InstrumentDefinition } from './instrument-definition';
import { PHQ_9 } from './phq-9';
import { PHQ_A } from './phq-a';
import { QIDS_SR16 } from './qids-sr16';
import { SRM_5 } from './srm-5';
import { WSAS } from './wsas';

const BUILT_IN: readonly InstrumentDefinition[] = [PHQ_9, GAD_7, PHQ_A, QIDS_SR16, WSAS, HAM_D17, C_SSRS_SCREENER, SRM_5, EPDS];

/** `${id}@${version}`: the key stored with every response. */
export function instrumentKey(definition: Pick<InstrumentDefinition, 'id' | 'version'>): string {
  return `${definition.id}@${definition.version}`;
}

/** Splits an instrument key; throws a validation error for anything not shaped `id@version`. */
export function parseInstrumentKey(key: string): { id: string; version: string } {
  const match = /^([a-z0-9][a-z0-9-]*)@([0-9A-Za-z.-]+)$/.exec(key);
  if (match === null || match[1] === undefined || match[2] === undefined) {
    throw new DomainError('validation', 'instrument key must look like "phq-9@1"', { field: 'instrumentKey' });
  }
  return { id: match[1], version: match[2] };
}

/** Every built-in definition, all versions, in a stable order. */
export function listInstruments(): readonly InstrumentDefinition[] {
  return BUILT_IN;
}

/** The definition with this id (latest version when `version` is omitted), or undefined. */
export function findInstrument(id: string, version?: string): InstrumentDefinition | undefined {
  const candidates = BUILT_IN.filter((definition) => definition.id === id && (version === undefined || definition.version === version));
  return candidates.sort((a, b) => b.version.localeCompare(a.version, 'en', { numeric: true }))[0];
}

/** Like findInstrument, but an unknown id or version is a not-found DomainError. */
export function getInstrument(id: string, version?: string): InstrumentDefinition {
  const definition = findInstrument(id, version);
  if (definition === undefined) {
    const key = version === undefined ? id : `${id}@${version}`;
    throw new DomainError('not-found', `unknown instrument: ${key}`, { field: 'instrumentId' });
  }
  return definition;
}

/** The definition for a stored `id@version` key. */
export function getInstrumentByKey(key: string): InstrumentDefinition {
  const { id, version } = parseInstrumentKey(key);
  return getInstrument(id, version);
}
