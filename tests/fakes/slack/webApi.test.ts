import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack, TRIGGER_LIFETIME_MS } from './index.ts';

/** The fake's own rules, seen through the real WebClient: tokens, faults, trigger ids, bodies, sinks. */
let fake: FakeSlack | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: Parameters<typeof FakeSlack.start>[0] = {}): Promise<FakeSlack> {
  fake = await FakeSlack.start(options);
  return fake;
}

/** The client logs the errors these tests provoke on purpose; keep the test output for real failures. */
const quiet: webApi.Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => webApi.LogLevel.ERROR,
  setName: () => undefined,
};

function client(slack: FakeSlack, options: webApi.WebClientOptions = {}, token = slack.botToken): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
    logger: quiet,
    ...options,
  });
}

const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Form' }, blocks: [] };

describe('fake Slack Web API', () => {
  it('refuses a missing, unknown or wrong-kind token', async () => {
    const slack = await start();
    await expect(client(slack, {}, '').auth.test()).rejects.toMatchObject({ data: { error: 'not_authed' } });
    await expect(client(slack, {}, 'xoxb-stolen').auth.test()).rejects.toMatchObject({
      data: { error: 'invalid_auth' },
    });
    await expect(
      client(slack, {}, slack.appToken).chat.postMessage({ channel: 'C1', text: 'x' }),
    ).rejects.toMatchObject({
      data: { error: 'not_allowed_token_type' },
    });
  });

  it('answers ratelimited with HTTP 429 and Retry-After for the next N calls only', async () => {
    const slack = await start();
    slack.failNext('chat.postMessage', 'ratelimited', { times: 2, retryAfterSeconds: 7 });
    const strict = client(slack, { rejectRateLimitedCalls: true });
    for (let i = 0; i < 2; i += 1) {
      await expect(strict.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
        code: 'slack_webapi_rate_limited_error',
        retryAfter: 7,
      });
    }
    expect((await strict.chat.postMessage({ channel: 'C1', text: 'x' })).ok).toBe(true);
    expect(slack.calls('chat.postMessage').map((call) => call.status)).toEqual([429, 429, 200]);
  });

  it('lets a client that retries get through after a rate limit', async () => {
    const slack = await start();
    slack.failNext('chat.postMessage', 'ratelimited', { retryAfterSeconds: 0 });
    const patient = client(slack, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    expect((await patient.chat.postMessage({ channel: 'C1', text: 'x' })).ok).toBe(true);
    expect(slack.calls('chat.postMessage')).toHaveLength(2);
  });

  it('fails the next call with a given error code, then recovers', async () => {
    const slack = await start();
    slack.failNext('chat.postEphemeral', 'user_not_in_channel');
    const web = client(slack);
    await expect(web.chat.postEphemeral({ channel: 'C1', user: 'U0MEMBER', text: 'x' })).rejects.toMatchObject({
      data: { error: 'user_not_in_channel' },
    });
    expect((await web.chat.postEphemeral({ channel: 'C1', user: 'U0MEMBER', text: 'x' })).ok).toBe(true);
  });

  it('holds an answer back when asked to delay', async () => {
    const slack = await start();
    slack.delayNext('auth.test', 1_000);
    await expect(client(slack, { timeout: 100 }).auth.test()).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
    });
    expect((await client(slack).auth.test()).ok).toBe(true);
  });

  it('honours a trigger id for 3 seconds, once', async () => {
    let now = 1_700_000_000_000;
    const slack = await start({ now: () => now });
    const web = client(slack);
    const fresh = slack.slashCommand({ command: '/propose' }).trigger_id;
    const stale = slack.slashCommand({ command: '/propose' }).trigger_id;
    now += TRIGGER_LIFETIME_MS;
    expect((await web.views.open({ trigger_id: fresh, view })).ok).toBe(true);
    await expect(web.views.open({ trigger_id: fresh, view })).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
    now += 1;
    await expect(web.views.open({ trigger_id: stale, view })).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    });
    await expect(web.views.open({ trigger_id: 'made.up.id', view })).rejects.toMatchObject({
      data: { error: 'invalid_trigger_id' },
    });
  });

  it('pushes and updates views, refusing a stale hash and a view Slack would refuse', async () => {
    const slack = await start();
    const web = client(slack);
    const opened = await web.views.open({ trigger_id: slack.slashCommand({ command: '/a' }).trigger_id, view });
    const pushed = await web.views.push({ trigger_id: slack.blockAction({ action_id: 'more' }).trigger_id, view });
    const [viewId, hash] = [opened.view?.id ?? '', opened.view?.hash ?? ''];
    expect(pushed.view).toMatchObject({ root_view_id: viewId, previous_view_id: viewId });
    const updated = await web.views.update({ view_id: viewId, hash, view: { ...view, private_metadata: 'k1' } });
    expect(updated.view?.private_metadata).toBe('k1');
    await expect(web.views.update({ view_id: viewId, hash, view })).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
    const tooLong = { ...view, private_metadata: 'x'.repeat(3_001) };
    await expect(web.views.update({ view_id: viewId, view: tooLong })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
  });

  it('accepts JSON bodies as well as form bodies, and records parsed arguments', async () => {
    const slack = await start();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }];
    const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C1', blocks }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C1' });
    await client(slack).chat.postMessage({ channel: 'C1', text: 'form', blocks });
    const [json, form] = slack.calls('chat.postMessage');
    expect(json).toMatchObject({ contentType: 'application/json; charset=utf-8', args: { blocks } });
    expect(form).toMatchObject({ contentType: 'application/x-www-form-urlencoded', args: { blocks, text: 'form' } });
  });

  it('records a method it does not know and answers unknown_method', async () => {
    const slack = await start();
    await expect(client(slack).apiCall('emoji.list', { include_categories: true })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    expect((await slack.waitForCall('emoji.list')).args).toEqual({ include_categories: 'true' });
  });

  it('updates a posted message and lists a user group', async () => {
    const slack = await start();
    slack.workspace.usergroups.set('S0ORGA', ['U0MEMBER']);
    const web = client(slack);
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'v1' });
    expect((await web.chat.update({ channel: 'C1', ts: posted.ts ?? '', text: 'v2' })).text).toBe('v2');
    await expect(web.chat.update({ channel: 'C1', ts: '1.000001', text: 'v3' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
    expect((await web.usergroups.users.list({ usergroup: 'S0ORGA' })).users).toEqual(['U0MEMBER']);
    await expect(web.usergroups.users.list({ usergroup: 'S0NONE' })).rejects.toMatchObject({
      data: { error: 'no_such_subteam' },
    });
  });

  it('refuses posts to a response_url it never issued, and fails planned ones', async () => {
    const slack = await start();
    const post = (url: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"x"}' });
    expect((await post(`${slack.apiUrl.replace('/api/', '')}/response/unknown`)).status).toBe(404);
    slack.failNext('response_url', 'expired_url');
    const url = slack.responseUrl();
    expect((await post(url)).status).toBe(404);
    expect((await post(url)).status).toBe(200);
    expect(slack.responses.entries.map((r) => r.body)).toEqual([{ text: 'x' }]);
  });

  it('fails a bounded wait with what was recorded', async () => {
    const slack = await start();
    await client(slack).auth.test();
    await expect(slack.waitForCall('chat.postMessage', { timeoutMs: 50 })).rejects.toThrow(/recorded: auth.test→ok/);
  });
});
