import { describe, expect, it } from 'vitest';
import { decodeRoute, encodeRoute, ROUTE_MAX, RouteError, type Route } from '../../src/core/route.ts';

describe('routes of buttons and forms', () => {
  const routes: Route[] = [
    { kind: 'button', command: 'proposals', action: 'accept', value: '12' },
    { kind: 'button', command: 'agenda', action: 'abstract', value: '2019-09-18-meetup-4:3' },
    { kind: 'form', command: 'propose', form: 'proposal', state: 'k3f9a' },
    { kind: 'form', command: 'feedback', form: 'answers', state: '' },
    { kind: 'open', command: 'propose', stash: 'Zx81_-q' },
  ];

  it.each(routes)('round-trips %o', (route) => {
    expect(decodeRoute(encodeRoute(route))).toEqual(route);
  });

  it('refuses a route over Discord’s 100 characters, saying to keep the state in the store', () => {
    const route: Route = { kind: 'button', command: 'agenda', action: 'abstract', value: 'x'.repeat(ROUTE_MAX) };
    expect(() => encodeRoute(route)).toThrow(RouteError);
    expect(() => encodeRoute(route)).toThrow(/keep the state in the store/);
  });

  it('refuses names that would break the convention', () => {
    expect(() => encodeRoute({ kind: 'button', command: 'agenda', action: 'a:b', value: '1' })).toThrow(RouteError);
  });

  it('ignores ids that are not ours', () => {
    for (const id of ['', 'hello', 'x:agenda:a:1', 'b:Agenda:a:1', 'b:agenda']) expect(decodeRoute(id)).toBeUndefined();
  });
});
