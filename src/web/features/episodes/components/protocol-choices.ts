/**
 * The protocols a course of treatment can follow, as the "Start treatment" form offers them: the
 * session range of each (shown when it is chosen, and used for the number field's limits) and the
 * usual schedule. Names are in the message catalog (`episodes.protocols.<id>`). The numbers mirror
 * the domain's protocol definitions; protocol-choices.test.ts fails if they drift apart. They are
 * copied rather than imported so that the client page does not load every protocol's agenda text.
 */
export const protocolChoices = [
  { id: 'ipt-acute', sessions: { min: 12, max: 16, default: 12 }, schedule: 'weekly' },
  { id: 'ipc', sessions: { min: 3, max: 6, default: 6 }, schedule: 'weekly' },
  { id: 'ipc-3-session', sessions: { min: 3, max: 3, default: 3 }, schedule: 'weekly' },
  { id: 'ipt-a', sessions: { min: 12, max: 12, default: 12 }, schedule: 'weekly' },
  { id: 'ipt-b', sessions: { min: 8, max: 8, default: 8 }, schedule: 'weekly' },
  { id: 'ipt-maintenance', sessions: { min: 24, max: 36, default: 24 }, schedule: 'monthly' },
  { id: 'who-group-ipt', sessions: { min: 9, max: 9, default: 9 }, schedule: 'weekly' },
] as const;

export type ProtocolChoice = (typeof protocolChoices)[number];
export type ProtocolChoiceId = ProtocolChoice['id'];

/** The choice with this id (the first one for an unknown id, which the form never offers). */
export function protocolChoice(id: string): ProtocolChoice {
  return protocolChoices.find((choice) => choice.id === id) ?? protocolChoices[0];
}
