import { describe, expect, it } from 'vitest';
import { eventPosition } from './episode-chart';

describe('life events on the symptom chart', () => {
  const sessions = [{ number: 1, date: '2026-11-02' }, { number: 2, date: '2026-11-09' }, { number: 3, date: '2026-11-16' }];
  it('sits an event between the sessions it fell between', () => {
    expect(eventPosition('2026-10-01', sessions)).toBe(0.5);
    expect(eventPosition('2026-11-02', sessions)).toBe(1.5);
    expect(eventPosition('2026-11-12', sessions)).toBe(2.5);
    expect(eventPosition('2026-12-01', sessions)).toBe(3.5);
    expect(eventPosition('2026-12-01', [])).toBe(0.5);
  });
});
