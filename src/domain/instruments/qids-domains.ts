/**
 * Domain scoring for instruments whose total is a sum of domains, each the highest of its items: the
 * QIDS-SR16 total = max(1–4) + 5 + max(6–9) + 10 + 11 + 12 + 13 + 14 + max(15,16) [V] [S40]
 * (reference §6.3). Kept generic over the domain list held in the definition.
 */
import type { ScoreDomain } from './instrument-definition';

/** Per-domain scores and their total; a domain with any missing item is null, and then so is the total. */
export function scoreDomains(
  domains: readonly ScoreDomain[],
  values: ReadonlyMap<string, number>,
): { domainScores: Record<string, number | null>; total: number | null } {
  const domainScores: Record<string, number | null> = {};
  let total: number | null = 0;
  for (const domain of domains) {
    const itemValues = domain.items.map((itemId) => values.get(itemId));
    const score = itemValues.every((value): value is number => value !== undefined) ? Math.max(...itemValues) : null;
    domainScores[domain.id] = score;
    total = total === null || score === null ? null : total + score;
  }
  return { domainScores, total };
}
