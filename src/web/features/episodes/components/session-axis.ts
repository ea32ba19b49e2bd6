/**
 * The session axis shared by the episode's charts (symptoms, problem-area outcomes): one tick per
 * session from 1 to the last, half a session of room at each end, labelled below.
 */
export function sessionAxisProps(last: number, label: string) {
  return {
    dataKey: 'session',
    type: 'number' as const,
    domain: [0.5, last + 0.5],
    ticks: Array.from({ length: last }, (_, index) => index + 1),
    allowDecimals: false,
    interval: 'preserveStartEnd' as const,
    stroke: '#4d5a61',
    label: { value: label, position: 'insideBottom' as const, offset: -16, fill: '#1b2226' },
  };
}
