import type { DiscordMessage } from '../../src/platforms/discord/render.ts';

/** What Discord would resolve as a mention and, under `allowed_mentions`, actually notify. */
export function discordPings(messages: DiscordMessage[]): string[] {
  return messages.flatMap((m) => {
    const raw = [
      m.content ?? '',
      ...m.embeds.flatMap((e) => [
        e.title ?? '',
        e.description ?? '',
        ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
      ]),
    ].join('\n');
    const found = [...raw.matchAll(/@(everyone|here)|<@&(\d+)>|<@!?(\d+)>/g)].map(
      (x) => x[1] ?? (x[2] ? `role:${x[2]}` : x[3]!),
    );
    const parse = m.allowedMentions.parse as string[];
    return found.filter((p) =>
      p === 'everyone' || p === 'here'
        ? parse.includes('everyone')
        : p.startsWith('role:')
          ? parse.includes('roles')
          : parse.includes('users') || m.allowedMentions.users.includes(p),
    );
  });
}
