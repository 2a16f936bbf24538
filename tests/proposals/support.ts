import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Outcome } from '../../src/core/command.ts';
import type { Form } from '../../src/core/form.ts';
import type { Member } from '../../src/core/invocation.ts';
import type { Reply } from '../../src/core/reply.ts';
import type { Inline } from '../../src/core/text.ts';
import { ROOT } from '../support/cli.ts';
import { harness as sharedHarness, type Harness } from '../support/harness.ts';
import { inlines } from '../support/inlines.ts';

export { inlines };

export const NOW = '2026-12-01T10:00:00+01:00';
export const MEETUP_13 = '2027-01-20-meetup-13';
export const organiser: Partial<Member> = { id: 'org', displayName: 'org', organiser: true };
export const bob: Partial<Member> = { id: 'bob', displayName: 'bob' };

/** The sample config with a `proposals:` section of the test's choosing, in a temporary folder. */
export function configWith(proposalsYaml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'emcee-proposals-config-'));
  mkdirSync(path.join(dir, 'communities'));
  const sample = readFileSync(path.join(ROOT, 'config', 'communities', 'sre-paris.yaml'), 'utf8');
  const events = path.join(ROOT, 'config', 'events', 'sre-paris');
  writeFileSync(
    path.join(dir, 'communities', 'sre-paris.yaml'),
    `${sample}\nevents: ${JSON.stringify(events)}\nproposals:\n${proposalsYaml}\n`,
  );
  return dir;
}

export function asForm(outcome: Outcome): Form {
  expect(outcome.kind, 'expected a form').toBe('form');
  return outcome as Form;
}

export function asReply(outcome: Outcome): Reply {
  expect(outcome.kind, 'expected a reply').toBe('reply');
  return outcome as Reply;
}

/** Every inline token of a reply, blocks and list details included. */
/** User text must only ever travel in tokens every adapter escapes, never as literal markup. */
export function expectOnlyInEscapedTokens(
  reply: Reply,
  userText: string,
  allowed: readonly Inline['type'][] = ['plain'],
): void {
  const tokens = inlines(reply);
  const carriers = tokens.filter((inline) => 'text' in inline && inline.text.includes(userText));
  expect(carriers.length, `“${userText}” should appear in the reply`).toBeGreaterThan(0);
  for (const inline of carriers) expect(allowed).toContain(inline.type);
}

/**
 * French replies put a narrow no-break space before `:` `;` `?` `!` and inside « » (checked over
 * every catalogue by the i18n tests); here it reads as a plain space, so expected texts stay legible.
 */
export const spaced = (text: string): string => text.replace(/\u202f/g, ' ');

/** The shared harness, with the words of outcomes spaces made plain. */
export async function harness(options: Parameters<typeof sharedHarness>[0]): Promise<Harness> {
  const h = await sharedHarness(options);
  return {
    ...h,
    ask: async (...args) => {
      const answer = await h.ask(...args);
      return { ...answer, words: spaced(answer.words) };
    },
    words: (outcome) => spaced(h.words(outcome)),
  };
}

/** `/propose` with every required field as an option, so it is recorded at once. */
export const direct = (title: string, extra = '') =>
  `/propose title:"${title}" abstract:"Ce que j’ai appris en cassant la prod exprès." duration:5 ${extra}`.trim();

/** Proposes a talk as the given member and returns its number. */
export async function proposeAs(h: Harness, memberId: string, title: string, extra = '') {
  const text = (await h.ask(direct(title, extra), { id: memberId, displayName: memberId })).words;
  expect(text).toMatch(/^Proposition #\d+ reçue/);
  return Number(/#(\d+)/.exec(text)![1]);
}
