import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config/load.ts';
import { ROOT } from '../support/cli.ts';

interface Instruction {
  name: string;
  args: string;
  stage: number;
}

/** Dockerfile instructions, continuation lines joined, each with the stage it belongs to. */
function dockerfile(): Instruction[] {
  const text = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const instructions: Instruction[] = [];
  let stage = -1;
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const [name = '', ...rest] = line.split(/\s+/);
    if (name.toUpperCase() === 'FROM') stage += 1;
    instructions.push({ name: name.toUpperCase(), args: rest.join(' '), stage });
  }
  return instructions;
}

const k8s = () =>
  readdirSync(path.join(ROOT, 'deploy', 'kubernetes'))
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(ROOT, 'deploy', 'kubernetes', file), 'utf8')).map((doc) => doc.toJS()),
    )
    .filter(Boolean) as Array<Record<string, any>>;

describe('Dockerfile', () => {
  const all = dockerfile();
  const last = Math.max(...all.map((i) => i.stage));
  const final = all.filter((i) => i.stage === last);

  it('builds in one stage and runs from another that holds no compiler and no dev dependencies', () => {
    expect(last).toBeGreaterThanOrEqual(1);
    const build = all.filter((i) => i.stage < last).map((i) => `${i.name} ${i.args}`);
    expect(build).toContainEqual(expect.stringMatching(/RUN .*npm run build.*npm prune --omit=dev/));
    expect(final.filter((i) => i.name === 'COPY' && i.args.includes('--from=build')).map((i) => i.args)).toEqual([
      '--from=build /app/node_modules node_modules',
      '--from=build /app/dist dist',
    ]);
    expect(final.some((i) => i.name === 'RUN' && /npm (ci|install)|g\+\+|apt-get install/.test(i.args))).toBe(false);
  });

  it('runs as an unprivileged user, listens on all interfaces and checks /healthz on PORT', () => {
    const users = final.filter((i) => i.name === 'USER').map((i) => i.args);
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    // USER comes before the process starts and after every RUN that needs root.
    const userAt = final.findIndex((i) => i.name === 'USER');
    expect(final.slice(userAt).some((i) => i.name === 'RUN')).toBe(false);
    const env = final
      .filter((i) => i.name === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toMatch(/HOST=0\.0\.0\.0/);
    expect(env).toMatch(/PORT=8080/);
    const check = final.find((i) => i.name === 'HEALTHCHECK')!.args;
    expect(check).toMatch(/CMD .*127\.0\.0\.1.*process\.env\.PORT.*\/healthz/);
    expect(final.find((i) => i.name === 'ENTRYPOINT')!.args).toBe('["node", "bin/emcee.mjs"]');
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.env', 'node_modules', 'data', '.git']));
    const sources = all
      .filter((i) => i.name === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources).toEqual(
      expect.arrayContaining(['package-lock.json', 'tsconfig.build.json', 'src', 'commands', 'bin', 'config']),
    );
    for (const source of sources) {
      expect(readdirSync(ROOT), source).toContain(source);
      expect(ignored, source).not.toContain(source);
    }
  });
});

describe('compose.yaml', () => {
  const compose = parse(readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8'));

  it('runs two bot replicas on one Redis that keeps its writes', () => {
    const { redis, bot } = compose.services;
    expect(redis.command.join(' ')).toMatch(/--appendonly yes/);
    expect(redis.healthcheck.test).toContain('ping');
    expect(bot.build).toBe('.');
    expect(bot.deploy.replicas).toBe(2);
    expect(bot.environment.STORE_URL).toBe('redis://redis:6379');
    expect(bot.environment.HOST).toBe('0.0.0.0');
    expect(bot.depends_on.redis.condition).toBe('service_healthy');
    expect(bot.ports).toBeUndefined();
    expect(bot.volumes).toContain('./config:/app/config:ro');
  });
});

describe('Kubernetes example', () => {
  const docs = k8s();
  const deployment = docs.find((d) => d.kind === 'Deployment')!;
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  it('runs two non-root replicas, alive on /healthz and ready on /readyz', () => {
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.selector.matchLabels).toEqual(deployment.spec.template.metadata.labels);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    const port = container.ports[0];
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'PORT', value: String(port.containerPort) },
        { name: 'HOST', value: '0.0.0.0' },
      ]),
    );
    for (const probe of ['startupProbe', 'livenessProbe'])
      expect(container[probe].httpGet).toEqual({ path: '/healthz', port: port.name });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: port.name });
  });

  it('takes its tokens from the Secret and its config/ from ConfigMaps that exist', () => {
    const named = (kind: string) => new Map(docs.filter((d) => d.kind === kind).map((d) => [d.metadata.name, d]));
    const secrets = named('Secret');
    const secret = secrets.get(container.envFrom[0].secretRef.name)!;
    expect(Object.keys(secret.stringData)).toEqual(
      expect.arrayContaining(['STORE_URL', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'EMCEE_FEEDBACK_SECRET']),
    );
    // Two replicas need a shared store.
    expect(secret.stringData.STORE_URL).toMatch(/^redis:\/\//);
    const maps = named('ConfigMap');
    const volumes = new Map(pod.volumes.map((v: any) => [v.name, v]));
    for (const mount of container.volumeMounts) expect(volumes.has(mount.name), mount.name).toBe(true);
    const mounted = container.volumeMounts.filter((m: any) => (volumes.get(m.name) as any).configMap);
    expect(mounted.length).toBeGreaterThan(0);
    for (const mount of mounted)
      expect(maps.has((volumes.get(mount.name) as any).configMap.name), mount.name).toBe(true);
  });

  it('mounts ConfigMaps that the bot loads as a valid configuration', async () => {
    const maps = new Map(docs.filter((d) => d.kind === 'ConfigMap').map((d) => [d.metadata.name, d]));
    const volumes = new Map(pod.volumes.map((v: any) => [v.name, v]));
    const root = mkdtempSync(path.join(tmpdir(), 'emcee-k8s-'));
    for (const mount of container.volumeMounts) {
      const map = maps.get((volumes.get(mount.name) as any).configMap?.name);
      if (!map) continue;
      expect(mount.mountPath.startsWith('/app/config/')).toBe(true);
      const dir = path.join(root, mount.mountPath.slice('/app/config/'.length));
      mkdirSync(dir, { recursive: true });
      for (const [file, text] of Object.entries(map.data as Record<string, string>))
        writeFileSync(path.join(dir, file), text);
    }
    const loaded = await loadConfig(root);
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(loaded.communities.map((c) => [c.community.id, c.events.length])).toEqual([['sre-paris', 1]]);
  });
});
