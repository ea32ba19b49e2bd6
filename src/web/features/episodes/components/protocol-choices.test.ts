import { describe, expect, it } from 'vitest';
import { listProtocols } from '../../../../domain/protocols/registry';
import en from '../../../i18n/en.json';
import { protocolChoices } from './protocol-choices';

describe('protocol choices of the Start treatment form', () => {
  it('offer every shipped protocol, with the session range and schedule of its definition', () => {
    const domain = listProtocols().map((protocol) => ({
      id: protocol.id,
      sessions: { min: protocol.sessionCount.min, max: protocol.sessionCount.max, default: protocol.sessionCount.default },
      schedule: protocol.cadence === 'monthly' ? 'monthly' : 'weekly',
    }));
    expect(protocolChoices).toEqual(domain);
  });

  it('have a name in the message catalog', () => {
    for (const choice of protocolChoices) expect(en.episodes.protocols[choice.id].name).toBeTruthy();
  });
});
