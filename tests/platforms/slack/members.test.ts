import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { MemberLookup } from '../../../src/platforms/slack/members.ts';

/** A Web API client that counts its calls and fails them all, as for a user group id that does not exist. */
function failingClient() {
  const calls: string[] = [];
  const fail = (method: string) => async () => {
    calls.push(method);
    throw Object.assign(new Error('no_such_subteam'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'no_such_subteam' },
    });
  };
  const client = {
    users: { info: fail('users.info') },
    usergroups: { users: { list: fail('usergroups.users.list') } },
  };
  return { calls, client: client as never };
}

describe('Slack member lookups', () => {
  it('asks again for a failed lookup only once its time in the cache is over, not at every command', async () => {
    let now = 0;
    const { calls, client } = failingClient();
    const lookup = new MemberLookup(client, silentLogger, {
      now: () => now,
      groupTtlMs: 60_000,
      localeTtlMs: 3_600_000,
    });
    for (let i = 0; i < 5; i++) {
      expect(await lookup.groupsOf('U1', ['S0MISSING'])).toEqual([]);
      expect(await lookup.locale('U1')).toBeUndefined();
    }
    expect(calls).toEqual(['usergroups.users.list', 'users.info']);
    now = 61_000;
    await lookup.groupsOf('U1', ['S0MISSING']);
    expect(calls.filter((c) => c === 'usergroups.users.list')).toHaveLength(2);
  });
});

describe('Slack members known without a lookup', () => {
  it('answers only once the locale and every group are cached and fresh, as the lookups would', async () => {
    let now = 0;
    const client = {
      users: { info: async () => ({ user: { locale: 'fr-FR' } }) },
      usergroups: {
        users: {
          list: async ({ usergroup }: { usergroup: string }) => ({ users: usergroup === 'S0ORGS' ? ['U1'] : [] }),
        },
      },
    };
    const lookup = new MemberLookup(client as never, silentLogger, {
      now: () => now,
      groupTtlMs: 60_000,
      localeTtlMs: 3_600_000,
    });
    const groups = ['S0ORGS', 'S0OTHER'];
    expect(lookup.known('U1', groups)).toBeUndefined();
    await lookup.locale('U1');
    expect(lookup.known('U1', groups)).toBeUndefined();
    const looked = { locale: await lookup.locale('U1'), groups: await lookup.groupsOf('U1', groups) };
    expect(looked).toEqual({ locale: 'fr-FR', groups: ['S0ORGS'] });
    expect(lookup.known('U1', groups)).toEqual(looked);
    expect(lookup.known('U2', groups)).toBeUndefined();
    // A group past its time in the cache is looked up again: not known until then.
    now = 61_000;
    expect(lookup.known('U1', groups)).toBeUndefined();
    expect(lookup.known('U1', [])).toEqual({ locale: 'fr-FR', groups: [] });
  });
});
