import { afterEach, describe, expect, it } from 'vitest';
import { textValues, type StateValues } from '../../fakes/slack/index.ts';
import { blockText, slackBot, type Mode, type SlackBot } from './support.ts';

let bot: SlackBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function proposal(title: string): StateValues {
  return {
    ...textValues({ title: { value: title }, abstract: { value: 'Breaking things on purpose, with a menu.' } }),
    duration: {
      value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: '5' }, value: '5' } },
    },
  };
}

type Ack = { blocks?: Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }> };

describe.each<Mode>(['socket', 'http'])('lightning talks on Slack (%s)', (mode) => {
  it('/propose opens a modal; a bad field comes back on it; the proposal is accepted by button, the speaker told by DM, and /agenda shows it', async () => {
    bot = await slackBot(mode, { now: '2026-12-01T12:00:00+01:00' });
    expect(await bot.command('/propose')).toEqual({});
    const open = await bot.fake.waitForCall('views.open');
    expect(open.result.ok).toBe(true);
    expect(
      (open.args.view as { blocks: Array<{ block_id?: string }> }).blocks.map((b) => b.block_id).filter(Boolean),
    ).toEqual(['title', 'abstract', 'duration', 'bio', 'handle']);

    const refused = (await bot.interact(bot.fake.viewSubmission({ values: proposal('x'.repeat(150)) }))) as {
      response_action: string;
      errors: Record<string, string>;
    };
    expect(refused.response_action).toBe('errors');
    expect(Object.keys(refused.errors)).toEqual(['title']);

    expect(await bot.interact(bot.fake.viewSubmission({ values: proposal('Chaos <!channel> à la carte') }))).toEqual(
      {},
    );
    const confirmation = await bot.fake.waitForCall('chat.postEphemeral');
    expect(confirmation.args).toMatchObject({ channel: 'C0GENERAL', user: 'U0MEMBER' });
    expect(blockText(confirmation.args)).toContain('Chaos &lt;!channel&gt; à la carte');

    const list = (await bot.command('/proposals', '', 'U0ORG')) as Ack;
    const accept = list.blocks?.flatMap((b) => b.elements ?? []).find((e) => e.action_id.includes(':accept:'));
    expect(accept).toBeDefined();
    expect(
      await bot.interact(
        bot.fake.blockAction({ action_id: accept!.action_id, value: accept!.value, user_id: 'U0ORG' }),
      ),
    ).toEqual({});
    const replaced = await bot.fake.waitForResponse();
    expect(replaced.body.replace_original).toBe(true);
    const dm = await bot.fake.waitForCall('chat.postMessage', {
      match: (c) => c.args.channel === bot!.fake.workspace.dmWith('U0MEMBER'),
    });
    expect(blockText(dm.args)).toContain('Chaos &lt;!channel&gt; à la carte');

    const agenda = blockText(await bot.command('/agenda'));
    expect(agenda).toContain('Chaos &lt;!channel&gt; à la carte');
  });

  it('declines by button with a reason typed in a modal; the speaker is told why by DM', async () => {
    bot = await slackBot(mode, { now: '2026-12-01T12:00:00+01:00' });
    await bot.command('/propose', 'title:"Chaos à la carte" abstract:"Breaking things on purpose." duration:5');
    const list = (await bot.command('/proposals', '', 'U0ORG')) as Ack;
    const reject = list.blocks?.flatMap((b) => b.elements ?? []).find((e) => e.action_id.includes(':reject:'));
    expect(
      await bot.interact(
        bot.fake.blockAction({ action_id: reject!.action_id, value: reject!.value, user_id: 'U0ORG' }),
      ),
    ).toEqual({});
    const open = await bot.fake.waitForCall('views.open');
    expect((open.args.view as { blocks: Array<{ block_id?: string }> }).blocks.map((b) => b.block_id)).toEqual([
      'reason',
    ]);
    expect(
      await bot.interact(
        bot.fake.viewSubmission({
          values: textValues({ reason: { value: 'Full evening & no room' } }),
          user_id: 'U0ORG',
        }),
      ),
    ).toEqual({});
    const dm = await bot.fake.waitForCall('chat.postMessage', {
      match: (c) => c.args.channel === bot!.fake.workspace.dmWith('U0MEMBER'),
    });
    expect(blockText(dm.args)).toContain('Full evening &amp; no room');
  });

  it('offers a button that opens the form when Slack refuses the trigger, and the button opens it', async () => {
    bot = await slackBot(mode, { now: '2026-12-01T12:00:00+01:00' });
    bot.fake.failNext('views.open', 'expired_trigger_id');
    await bot.command('/propose');
    const offered = await bot.fake.waitForResponse();
    const button = (offered.body.blocks as Ack['blocks'])?.flatMap((b) => b.elements ?? [])[0];
    expect(button?.action_id).toMatch(/^o:propose:/);
    await bot.interact(bot.fake.blockAction({ action_id: button!.action_id, value: button!.value }));
    const open = await bot.fake.waitForCall('views.open', { nth: 2 });
    expect(open.result.ok).toBe(true);
    expect((open.args.view as { callback_id: string }).callback_id).toMatch(/^propose/);
  });

  it('refuses an organiser command to a member, and accepts one from a member of an organiser user group', async () => {
    bot = await slackBot(mode, { now: '2026-12-01T12:00:00+01:00' });
    const refused = blockText(await bot.command('/proposals', '', 'U0MEMBER'));
    expect(refused).toMatch(/organisers of SRE Paris only/);
    const grouped = blockText(await bot.command('/proposals', '', 'U0GRP'));
    expect(grouped).not.toMatch(/organisers of SRE Paris only/);
    expect(bot.fake.calls('usergroups.users.list')[0]?.args.usergroup).toBe('S0ORGS');
  });
});
