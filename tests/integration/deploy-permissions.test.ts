/**
 * deploy/ as installed: the systemd unit lets a replica write exactly what the editor area and
 * publishing write (the paths in deploy/revierfinder.env), and the polkit rule lets that user
 * reload nginx and nothing else. (systemd and polkit themselves do not run here; their inputs do.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';

const deploy = (file: string) => readFileSync(path.join('deploy', file), 'utf8');

/** KEY=value lines of an environment file or a unit's [Service] section (last one wins, as in systemd). */
function settings(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_]+)=(.*)$/.exec(line.trim());
    if (match) found.set(match[1]!, match[2]!);
  }
  return found;
}

const isUnder = (file: string, folder: string) => file === folder || file.startsWith(`${folder}/`);

describe('the replicas’ unit and environment', () => {
  const env = settings(deploy('revierfinder.env'));
  const unit = settings(deploy('systemd/revierfinder@.service'));
  const writable = (unit.get('ReadWritePaths') ?? '').split(/\s+/).filter(Boolean);

  it('can write the editor database (and its key beside it), new snapshots and nginx’s version file', () => {
    expect(unit.get('ProtectSystem')).toBe('strict');
    for (const name of ['EDITOR_DATABASE_PATH', 'PUBLISH_VERSION_FILE', 'DATABASE_PATH']) {
      const folder = path.posix.dirname(env.get(name) ?? '');
      expect(
        writable.some((allowed) => isUnder(folder, allowed)),
        `${name} in ${folder}`,
      ).toBe(true);
    }
    expect(writable).toContain(env.get('SNAPSHOT_DIR'));
  });

  it('cannot write its own code, configuration or the portal’s data', () => {
    for (const file of [
      '/srv/revierfinder/dist/server/entry.mjs',
      '/etc/revierfinder/revierfinder.env',
      '/etc/revierfinder/operator.json',
    ]) {
      expect(
        writable.some((allowed) => isUnder(file, allowed)),
        file,
      ).toBe(false);
    }
  });
});

describe('the polkit rule for reloading nginx', () => {
  type Verdict = 'yes' | 'not_handled';
  let rule: (action: { id: string; lookup: (key: string) => string }, subject: { user: string }) => Verdict;
  const polkit = {
    Result: { YES: 'yes', NOT_HANDLED: 'not_handled' },
    addRule: (added: typeof rule) => {
      rule = added;
    },
  };
  // As polkitd does: the file runs once and registers its rule.
  runInNewContext(deploy('polkit/50-revierfinder-nginx-reload.rules'), { polkit });
  const ask = (user: string, unitName: string, verb: string, id = 'org.freedesktop.systemd1.manage-units') =>
    rule({ id, lookup: (key) => ({ unit: unitName, verb })[key] ?? '' }, { user });

  it('lets the replicas’ user reload nginx', () => {
    expect(ask('revierfinder', 'nginx.service', 'reload')).toBe('yes');
  });

  it('allows nothing else: no other verb, unit, user or action', () => {
    expect(ask('revierfinder', 'nginx.service', 'stop')).toBe('not_handled');
    expect(ask('revierfinder', 'nginx.service', 'restart')).toBe('not_handled');
    expect(ask('revierfinder', 'ssh.service', 'reload')).toBe('not_handled');
    expect(ask('www-data', 'nginx.service', 'reload')).toBe('not_handled');
    expect(ask('revierfinder', 'nginx.service', 'reload', 'org.freedesktop.systemd1.manage-unit-files')).toBe('not_handled');
  });
});
