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
