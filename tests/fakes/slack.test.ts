import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, postCommand, postInteraction, textValues } from './slack/index.ts';

/**
 * The fake Slack proved against the unmodified Bolt App in Socket Mode: every exchange below is the one a
 * Slack adapter will rely on; then HTTP mode with signed requests. The fake's own rules (faults, tokens,
 * trigger expiry) are proved in tests/fakes/slack/webApi.test.ts.
 */
let fake: FakeSlack;
let app: App | undefined;

beforeEach(async () => {
  fake = await FakeSlack.start();
  fake.workspace.addUser({ id: 'U0FR', name: 'camille', locale: 'fr-FR' });
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await fake.close();
});

/** A Socket Mode app on the fake; a small clientPingTimeout makes it reconnect quickly (default 5 s). */
function socketApp(clientPingTimeout = 5_000): App {
  const clientOptions = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } };
  const receiver = new SocketModeReceiver({
    appToken: fake.appToken,
    clientPingTimeout,
    logLevel: LogLevel.ERROR,
    installerOptions: { clientOptions },
  });
  app = new App({ token: fake.botToken, receiver, clientOptions, logLevel: LogLevel.ERROR });
  return app;
}

const modal = {
  type: 'modal' as const,
  callback_id: 'propose',
  private_metadata: JSON.stringify({ event: 4 }),
  title: { type: 'plain_text' as const, text: 'Propose a talk' },
  submit: { type: 'plain_text' as const, text: 'Send' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'title',
      label: { type: 'plain_text' as const, text: 'Title' },
      element: { type: 'plain_text_input' as const, action_id: 'value' },
    },
  ],
};

describe('fake Slack: Socket Mode with the real Bolt App', () => {
  it('starts as Slack expects: auth.test with the bot token, apps.connections.open with the app token, hello', async () => {
    await socketApp().start();
    const authTest = await fake.waitForCall('auth.test');
    expect(authTest.token).toBe(fake.botToken);
    const open = await fake.waitForCall('apps.connections.open');
    expect(open.token).toBe(fake.appToken);
    expect(String(open.result.url)).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
    expect((await fake.socket.waitForConnection(1)).number).toBe(1);
  });

  it('delivers a slash command, takes its ack, and records respond() and say()', async () => {
    const seen: string[] = [];
    socketApp().command('/agenda', async ({ ack, command, respond, say }) => {
      seen.push(command.text, command.user_id, command.trigger_id);
      await ack();
      await respond({ response_type: 'ephemeral', text: `agenda ${command.text}` });
      await say('the programme is posted');
    });
    await app?.start();
    const payload = fake.slashCommand({ command: '/agenda', text: '4' });
    const ack = await fake.socket.send('slash_commands', payload);
    expect(ack.payload).toEqual({});
    const response = await fake.waitForResponse();
    expect(response.body).toEqual({ response_type: 'ephemeral', text: 'agenda 4' });
    expect(payload.response_url).toContain(`/response/${response.id}`);
    const post = await fake.waitForCall('chat.postMessage');
    expect(post.args).toMatchObject({ channel: 'C0GENERAL', text: 'the programme is posted' });
    expect(post.contentType).toBe('application/x-www-form-urlencoded');
    expect(seen).toEqual(['4', 'U0MEMBER', payload.trigger_id]);
  });

  it('returns the ack body of a command that answers in its ack', async () => {
    socketApp().command('/help', async ({ ack }) => ack({ response_type: 'ephemeral', text: 'every command' }));
    await app?.start();
    const ack = await fake.sendCommand({ command: '/help' });
    expect(ack.payload).toEqual({ response_type: 'ephemeral', text: 'every command' });
  });

  it('opens a modal with the command trigger id and takes a response_action: errors ack for its submission', async () => {
    const metadata: string[] = [];
    socketApp().command('/propose', async ({ ack, body, client }) => {
      await ack();
      await client.views.open({ trigger_id: body.trigger_id, view: modal });
    });
    app?.view('propose', async ({ ack, view }) => {
      metadata.push(view.private_metadata);
      const title = view.state.values.title?.value?.value ?? '';
      if (title.length < 5) await ack({ response_action: 'errors', errors: { title: 'Too short' } });
      else await ack();
    });
    await app?.start();
    const command = fake.slashCommand({ command: '/propose' });
    await fake.socket.send('slash_commands', command);
    const open = await fake.waitForCall('views.open');
    expect(open.result.ok).toBe(true);
    expect(open.args.trigger_id).toBe(command.trigger_id);
    expect(open.args.view).toMatchObject({ callback_id: 'propose', blocks: [{ block_id: 'title' }] });

    const refused = await fake.socket.send(
      'interactive',
      fake.viewSubmission({ values: textValues({ title: { value: 'SRE' } }) }),
    );
    expect(refused.payload).toEqual({ response_action: 'errors', errors: { title: 'Too short' } });
    const accepted = await fake.socket.send(
      'interactive',
      fake.viewSubmission({ values: textValues({ title: { value: 'Chaos à la carte' } }) }),
    );
    expect(accepted.payload).toEqual({});
    expect(metadata).toEqual([modal.private_metadata, modal.private_metadata]);
  });

  it('routes a block action on a posted message and records its replace_original response', async () => {
    socketApp().action('rsvp', async ({ ack, action, respond }) => {
      await ack();
      await respond({ replace_original: true, text: `rsvp: ${'value' in action ? action.value : ''}` });
    });
    await app?.start();
    await app?.client.chat.postMessage({
      channel: 'C0GENERAL',
      text: 'Meetup #4',
      blocks: [
        {
          type: 'actions',
          block_id: 'actions',
          elements: [{ type: 'button', action_id: 'rsvp', value: 'yes', text: { type: 'plain_text', text: 'Going' } }],
        },
      ],
    });
    const click = fake.blockAction({ action_id: 'rsvp', value: 'yes' });
    expect(click).toMatchObject({ container: { message_ts: fake.workspace.messages[0]?.ts } });
    expect((await fake.socket.send('interactive', click)).payload).toEqual({});
    expect((await fake.waitForResponse()).body).toEqual({ replace_original: true, text: 'rsvp: yes' });
  });

  it('opens a DM with conversations.open and posts in it', async () => {
    socketApp().command('/remind-me', async ({ ack, client, command }) => {
      await ack();
      const dm = await client.conversations.open({ users: command.user_id });
      await client.chat.postMessage({ channel: dm.channel?.id ?? '', text: 'reminder set' });
    });
    await app?.start();
    await fake.sendCommand({ command: '/remind-me', user_id: 'U0FR' });
    const post = await fake.waitForCall('chat.postMessage');
    const open = fake.calls('conversations.open')[0];
    expect(open?.args.users).toBe('U0FR');
    expect(post.args.channel).toBe(fake.workspace.dmWith('U0FR'));
    expect(String(post.args.channel)).toMatch(/^D/);
  });

  it('takes a file through the upload flow of filesUploadV2', async () => {
    await socketApp().start();
    const content = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
    const result = await app?.client.filesUploadV2({
      channel_id: 'C0GENERAL',
      filename: 'meetup-4.ics',
      content,
      initial_comment: 'Add it',
    });
    expect(result?.ok).toBe(true);
    const [announce] = fake.calls('files.getUploadURLExternal');
    expect(announce?.args).toMatchObject({ filename: 'meetup-4.ics', length: String(Buffer.byteLength(content)) });
    const upload = await fake.uploads.waitFor(() => true, 'an upload');
    expect(upload.data.toString('utf8')).toBe(content);
    const complete = await fake.waitForCall('files.completeUploadExternal');
    expect(complete.args).toMatchObject({
      channel_id: 'C0GENERAL',
      initial_comment: 'Add it',
      files: [{ id: upload.fileId }],
    });
    expect(fake.workspace.files.get(upload.fileId)).toMatchObject({ completed: true, channel: 'C0GENERAL' });
  });

  it('gives a member locale only with include_locale, as users.info does', async () => {
    await socketApp().start();
    const withLocale = await app?.client.users.info({ user: 'U0FR', include_locale: true });
    expect(withLocale?.user?.locale).toBe('fr-FR');
    const without = await app?.client.users.info({ user: 'U0FR' });
    expect(without?.user?.locale).toBeUndefined();
  });

  it.each(['refresh_requested', 'warning'] as const)(
    'asks the app to reconnect (%s) and serves it on a new connection',
    async (reason) => {
      socketApp(1_000).command('/agenda', async ({ ack }) => ack('still here'));
      await app?.start();
      const first = await fake.socket.waitForConnection(1);
      fake.socket.disconnect(reason);
      await first.closed;
      const second = await fake.socket.waitForConnection(2);
      expect(second.number).toBe(2);
      expect(fake.calls('apps.connections.open')).toHaveLength(2);
      expect((await fake.sendCommand({ command: '/agenda' })).payload).toEqual({ text: 'still here' });
    },
  );

  it('bounds the wait for an ack the app never sends', async () => {
    socketApp().command('/slow', async () => undefined);
    await app?.start();
    await expect(
      fake.socket.send('slash_commands', fake.slashCommand({ command: '/slow' }), { timeoutMs: 200 }),
    ).rejects.toThrow(/waited 200 ms for the ack of a slash_commands envelope/);
  });

  it('delivers an Events API envelope', async () => {
    socketApp().event('app_mention', async ({ event, say }) => {
      await say(`heard: ${event.text}`);
    });
    await app?.start();
    const event = fake.eventCallback({
      type: 'app_mention',
      text: '<@U0BOT> agenda',
      user: 'U0MEMBER',
      channel: 'C0GENERAL',
    });
    expect((await fake.socket.send('events_api', event)).payload).toEqual({});
    const post = await fake.waitForCall('chat.postMessage');
    expect(post.args).toMatchObject({ channel: 'C0GENERAL', text: 'heard: <@U0BOT> agenda' });
  });
});

describe('fake Slack: signed HTTP requests to the real Bolt App (HTTPReceiver)', () => {
  const secret = 'fake-signing-secret';

  /** An HTTP-mode app on an ephemeral loopback port; resolves with its events URL. */
  async function httpApp(setup: (app: App) => void): Promise<string> {
    app = new App({
      token: fake.botToken,
      signingSecret: secret,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
      logLevel: LogLevel.ERROR,
    });
    setup(app);
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  }

  const agenda = (bolt: App): void => {
    bolt.command('/agenda', async ({ ack, command }) =>
      ack({ response_type: 'ephemeral', text: `agenda ${command.text}` }),
    );
  };

  it('accepts a signed slash command and answers with the ack body', async () => {
    const url = await httpApp(agenda);
    const response = await postCommand(url, fake.slashCommand({ command: '/agenda', text: '4' }), { secret });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ response_type: 'ephemeral', text: 'agenda 4' });
  });

  it('rejects a bad signature and a request 6 minutes old with 401', async () => {
    const url = await httpApp(agenda);
    const payload = fake.slashCommand({ command: '/agenda' });
    expect((await postCommand(url, payload, { secret: 'another-secret' })).status).toBe(401);
    expect((await postCommand(url, payload, { secret, signature: 'v0=00' })).status).toBe(401);
    expect((await postCommand(url, payload, { secret, skewSeconds: -360 })).status).toBe(401);
  });

  it('accepts a request signed 6 minutes in the future: Bolt 5.1 only refuses stale timestamps', async () => {
    const url = await httpApp(agenda);
    const response = await postCommand(url, fake.slashCommand({ command: '/agenda' }), { secret, skewSeconds: 360 });
    expect(response.status).toBe(200);
  });

  it('answers a view submission with response_action: errors and a block action with its respond()', async () => {
    const url = await httpApp((bolt) => {
      bolt.view('propose', async ({ ack }) => ack({ response_action: 'errors', errors: { title: 'Too short' } }));
      bolt.action('rsvp', async ({ ack, respond }) => {
        await ack();
        await respond({ replace_original: true, text: 'see you there' });
      });
    });
    const command = fake.slashCommand({ command: '/propose' });
    await app?.client.views.open({ trigger_id: command.trigger_id, view: modal });
    const submission = fake.viewSubmission({ values: textValues({ title: { value: 'SRE' } }) });
    const refused = await postInteraction(url, submission, { secret });
    expect(refused).toMatchObject({ status: 200, json: { response_action: 'errors', errors: { title: 'Too short' } } });
    const click = await postInteraction(url, fake.blockAction({ action_id: 'rsvp', value: 'yes' }), { secret });
    expect(click.status).toBe(200);
    expect((await fake.waitForResponse()).body).toEqual({ replace_original: true, text: 'see you there' });
  });
});
