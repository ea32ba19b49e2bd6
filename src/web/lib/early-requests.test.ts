import { afterEach, describe, expect, it, vi } from 'vitest';
import { dropEarly, startEarly, takeEarly, takeEarlyPageData } from './early-requests';

describe('early requests', () => {
  afterEach(() => {
    dropEarly();
    vi.useRealTimers();
  });

  it('hands the early answer to the first taker only', async () => {
    startEarly('session', () => Promise.resolve('early'));
    const again = vi.fn(() => Promise.resolve('again'));
    await expect(takeEarly('session', again)).resolves.toBe('early');
    await expect(takeEarly('session', again)).resolves.toBe('again');
    expect(again).toHaveBeenCalledTimes(1);
  });

  it('asks again for page data when the early answer failed (signed out when it was sent)', async () => {
    startEarly('caseload', () => Promise.reject(new Error('401')));
    await expect(takeEarlyPageData('caseload', () => Promise.resolve('fresh'))).resolves.toBe('fresh');
  });

  it('asks again for page data whose early answer is older than the cache would keep it', async () => {
    vi.useFakeTimers();
    startEarly('caseload', () => Promise.resolve('early'));
    vi.advanceTimersByTime(31_000);
    await expect(takeEarlyPageData('caseload', () => Promise.resolve('fresh'))).resolves.toBe('fresh');
  });

  it('forgets answers not yet taken when the session changes', async () => {
    startEarly('caseload', () => Promise.resolve('early'));
    dropEarly();
    await expect(takeEarlyPageData('caseload', () => Promise.resolve('fresh'))).resolves.toBe('fresh');
  });
});
