import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { CommandDefinition, Localised, OptionSpec } from '../../src/core/command.ts';
import { LOCALES } from '../../src/core/i18n.ts';
import { encodeRoute, ROUTE_MAX } from '../../src/core/route.ts';

/** Discord's application-command rules, the tighter of the two platforms (Slack's manifest is looser). */
const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const LIMITS = { description: 100, options: 25, choices: 25, choiceName: 100, subcommands: 25 } as const;

/** Every rule a command breaks, as readable lines: the test shows them all at once. */
function problems(command: CommandDefinition<unknown>): string[] {
  const out: string[] = [];
  const name = (what: string, value: string, french?: string) => {
    for (const each of [value, ...(french === undefined ? [] : [french])]) {
      if (!NAME.test(each) || each !== each.toLowerCase())
        out.push(`${what}: name "${each}" must be 1–32 lower-case letters, digits, - or _`);
    }
  };
  /** Discord refuses two options (or subcommands) of one level with the same name in a language. */
  const unique = (what: string, things: readonly { name: string; names?: { fr: string } }[]) => {
    const french = things.flatMap((thing) => (thing.names ? [thing.names.fr] : []));
    if (new Set(french).size !== french.length) out.push(`${what}: two French names alike`);
  };
  const description = (what: string, text: Localised) => {
    for (const locale of LOCALES) {
      const length = [...text[locale]].length;
      if (length < 1 || length > LIMITS.description)
        out.push(`${what}: ${locale} description is ${length} characters (1–${LIMITS.description})`);
    }
  };
  const options = (what: string, specs: readonly OptionSpec[]) => {
    if (specs.length > LIMITS.options) out.push(`${what}: ${specs.length} options, over ${LIMITS.options}`);
    const firstOptional = specs.findIndex((spec) => !spec.required);
    if (firstOptional >= 0 && specs.slice(firstOptional).some((spec) => spec.required))
      out.push(`${what}: a required option comes after an optional one`);
    if (new Set(specs.map((spec) => spec.name)).size !== specs.length) out.push(`${what}: two options share a name`);
    unique(what, specs);
    for (const spec of specs) {
      name(`${what} ${spec.name}`, spec.name, spec.names?.fr);
      description(`${what} ${spec.name}`, spec.description);
      const choices = spec.choices ?? [];
      if (choices.length > LIMITS.choices)
        out.push(`${what} ${spec.name}: ${choices.length} choices, over ${LIMITS.choices}`);
      for (const choice of choices)
        if (choice.length < 1 || choice.length > LIMITS.choiceName)
          out.push(`${what} ${spec.name}: choice "${choice}" is over ${LIMITS.choiceName}`);
    }
  };
  name(`/${command.name}`, command.name, command.names?.fr);
  description(`/${command.name}`, command.description);
  if (!command.subcommands) options(`/${command.name}`, command.options);
  else {
    const subs = command.subcommands;
    if (subs.length < 1 || subs.length > LIMITS.subcommands)
      out.push(`/${command.name}: ${subs.length} subcommands (1–${LIMITS.subcommands})`);
    if (new Set(subs.map((sub) => sub.name)).size !== subs.length)
      out.push(`/${command.name}: two subcommands share a name`);
    unique(`/${command.name}`, subs);
    if (command.defaultSubcommand && !subs.some((sub) => sub.name === command.defaultSubcommand))
      out.push(`/${command.name}: default subcommand is not one of them`);
    for (const sub of subs) {
      name(`/${command.name} ${sub.name}`, sub.name, sub.names?.fr);
      description(`/${command.name} ${sub.name}`, sub.description);
      options(`/${command.name} ${sub.name}`, sub.options);
    }
  }
  return out;
}

describe('every command fits Discord’s application-command limits, in both languages', () => {
  it.each(commands.map((command) => [command.name, command] as const))('/%s', (_name, command) => {
    expect(problems(command as CommandDefinition<unknown>)).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    const bad: CommandDefinition<unknown> = {
      name: 'Announce',
      names: { fr: 'Annoncer' },
      description: { en: 'x'.repeat(101), fr: 'ok' },
      options: [
        { name: 'later', names: { fr: 'même' }, type: 'string', description: { en: 'a', fr: 'a' } },
        { name: 'first', names: { fr: 'même' }, type: 'string', required: true, description: { en: 'a', fr: 'a' } },
      ],
      responds: 'ephemeral',
      run: () => ({ kind: 'reply', visibility: 'ephemeral', blocks: [] }),
    };
    expect(problems(bad)).toEqual([
      '/Announce: name "Announce" must be 1–32 lower-case letters, digits, - or _',
      '/Announce: name "Annoncer" must be 1–32 lower-case letters, digits, - or _',
      '/Announce: en description is 101 characters (1–100)',
      '/Announce: a required option comes after an optional one',
      '/Announce: two French names alike',
    ]);
  });

  it('keeps an Abstract button within a route even for a very long event id', async () => {
    const { withAbstractButtons } = await import('../../commands/agendaAbstract.ts');
    const slot = { title: 'Talk', kind: 'talk' as const, speakers: [], abstract: 'About it' };
    const event = {
      id: `2027-01-20-${'very-long-'.repeat(12)}meetup`,
      title: 'x',
      slots: [slot],
    } as unknown as Parameters<typeof withAbstractButtons>[1];
    const answer = withAbstractButtons({ kind: 'reply', visibility: 'ephemeral', blocks: [] }, event, [], 'en');
    const button = answer.blocks.flatMap((block) => (block.type === 'actions' ? block.buttons : []))[0]!;
    expect(
      encodeRoute({ kind: 'button', command: 'agenda', action: button.action, value: button.value }).length,
    ).toBeLessThanOrEqual(ROUTE_MAX);
  });

  it('routes every button and form of the commands within 100 characters', () => {
    // The longest values the commands put in a route: an event id with a slot, a proposal number.
    const longest = [
      encodeRoute({
        kind: 'button',
        command: 'agenda',
        action: 'abstract',
        value: `${'2027-01-20-meetup-13-site-reliability-engineering'}:L24`,
      }),
      encodeRoute({ kind: 'button', command: 'proposals', action: 'reject', value: '999999' }),
      encodeRoute({ kind: 'form', command: 'proposals', form: 'reject', state: 'iid=999999' }),
      encodeRoute({ kind: 'open', command: 'feedback', stash: 'x'.repeat(16) }),
    ];
    for (const route of longest) expect(route.length).toBeLessThanOrEqual(ROUTE_MAX);
  });
});
