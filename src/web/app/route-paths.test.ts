import { describe, expect, it } from 'vitest';
import { pathTo, routes } from './route-paths';

describe('pathTo', () => {
  it('fills parameters (encoded) and adds a query without empty values', () => {
    expect(pathTo(routes.client, { id: 'a/b' })).toBe('/clients/a%2Fb');
    expect(pathTo(routes.clients, undefined, { clinicianId: 'u1', q: '' })).toBe('/clients?clinicianId=u1');
    expect(pathTo(routes.signIn)).toBe('/sign-in');
  });
});
