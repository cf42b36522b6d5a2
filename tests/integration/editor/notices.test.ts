/**
 * Notices in the editor area: an editor's area decides which notices they may see and change (a
 * PD's, its PIs' and its stations'); a state-wide notice is the administrators' alone; refusals
 * are audited; the import's schema checks the form; diffs, exports and old versions know notices.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../../src/db/editor/schema';
import { canRead } from '../../../src/services/editor/access';
import { AccessDenied, fingerprint, saveDraft, visibleDrafts, workingRecord } from '../../../src/services/editor/drafts';
import { fromForm, toForm } from '../../../src/services/editor/forms';
import { diffContent } from '../../../src/services/editor/publish';
import { contentOf, publishedContent, scopesOf, type EditableContent } from '../../../src/services/editor/records';
import { ORG, freshEditorDb, makeUsers } from './helpers';

type Users = Awaited<ReturnType<typeof makeUsers>>;

const CELLE_NOTICE = 'demo-hinweis-pi-celle';

describe('notices in the editor', () => {
  let db: ReturnType<typeof freshEditorDb>;
  let u: Users;
  beforeAll(() => {
    process.env.DATA_DIR ??= 'data';
  });
  beforeEach(async () => {
    db = freshEditorDb();
    u = await makeUsers();
  });

  /** Saves notice `id` (new or existing) with the form values `change`, as `who` would in the form. */
  const save = (who: Users['admin'], id: string, change: Record<string, string>) => {
    const { record } = workingRecord('notice', id);
    const values = { ...toForm('notice', record), ...change };
    return saveDraft(who.principal, who.actor, 'notice', id, fromForm('notice', id, values, record), fingerprint(record), ORG);
  };

  it('gives each notice the area it is for; a state-wide one belongs to no area', () => {
    const content = publishedContent();
    const scopes = (scope: string) =>
      scopesOf('notice', { id: 'x', scope, text: 't', isDemo: false, updatedAt: '2026-12-01' }, content, ORG);
    expect(scopes('state')).toEqual([]);
    expect(scopes('pd:pd-hannover')).toEqual(['pd:pd-hannover']);
    expect(scopes('pi:pi-celle')).toEqual(['pd:pd-lueneburg', 'pi:pi-celle']);
    expect(scopes('station:polizeistation-wathlingen')).toEqual(['pd:pd-lueneburg', 'pi:pi-celle']);
    expect(canRead(u.lueneburg.principal, scopes('state'))).toBe(false);
    expect(canRead(u.admin.principal, scopes('state'))).toBe(true);
  });

  it('lets an editor write notices for their area: an inspection, a station, their directorate', () => {
    expect(save(u.lueneburg, 'sprechstunde-celle', { scope: 'pi:pi-celle', text: 'Die Sprechstunde entfällt am 24.12.' }).ok).toBe(true);
    expect(save(u.lueneburg, 'umzug-wathlingen', { scope: 'station:polizeistation-wathlingen', text: 'Umzug' }).ok).toBe(true);
    expect(save(u.lueneburg, 'pd-weit', { scope: 'pd:pd-lueneburg', text: 'Hinweis', validFrom: '2026-12-01' }).ok).toBe(true);
    expect(save(u.lueneburg, CELLE_NOTICE, { text: 'Geänderter Text' }).ok).toBe(true);
    expect((workingRecord('notice', CELLE_NOTICE).record as { text: string }).text).toBe('Geänderter Text');
  });

  it('refuses (403, audited) a state-wide notice to editors, another area’s notice, and moving one out of the area', () => {
    expect(() => save(u.lueneburg, 'landesweit', { scope: 'state', text: 'Für alle' })).toThrow(AccessDenied);
    expect(() => save(u.lueneburg, 'hannover', { scope: 'pd:pd-hannover', text: 'Hannover' })).toThrow(AccessDenied);
    expect(() => save(u.hannover, CELLE_NOTICE, { text: 'Übernommen' })).toThrow(AccessDenied);
    expect(() => save(u.lueneburg, CELLE_NOTICE, { scope: 'pd:pd-hannover' })).toThrow(AccessDenied);
    expect(() => save(u.reviewer, 'neu-vom-pruefer', { scope: 'pi:pi-celle', text: 'Prüfung' })).toThrow(AccessDenied);
    const denied = db.select().from(auditLog).where(eq(auditLog.outcome, 'denied')).all();
    expect(denied.map((r) => r.target)).toEqual([
      'notice:landesweit',
      'notice:hannover',
      `notice:${CELLE_NOTICE}`,
      `notice:${CELLE_NOTICE}`,
      'notice:neu-vom-pruefer',
    ]);
    expect(workingRecord('notice', 'landesweit').record).toBeNull();
  });

  it('lets administrators write a state-wide notice, which no editor or reviewer sees among the drafts', () => {
    expect(save(u.admin, 'landesweit', { scope: 'state', text: 'Für ganz Niedersachsen' }).ok).toBe(true);
    expect(save(u.lueneburg, 'celle', { scope: 'pi:pi-celle', text: 'Celle' }).ok).toBe(true);
    const ids = (who: Users['admin']) => visibleDrafts(who.principal).map((d) => d.recordId);
    expect(ids(u.admin).sort()).toEqual(['celle', 'landesweit']);
    expect(ids(u.lueneburg)).toEqual(['celle']);
    expect(ids(u.reviewer)).toEqual(['celle']);
    expect(ids(u.hannover)).toEqual([]);
  });

  it('checks the form with the import’s schema: dates, their order, https links, text', () => {
    const result = save(u.lueneburg, 'falsch', {
      scope: 'pi:pi-celle',
      text: '   ',
      link: 'http://example.org/',
      validFrom: '2026-12-24',
      validUntil: '2026-12-01',
    });
    if (result.ok || result.kind !== 'invalid') throw new Error('expected invalid');
    expect(result.errors.map((e) => e.field).sort()).toEqual(['link', 'text', 'validUntil']);
    const order = save(u.lueneburg, 'falsch', { scope: 'pi:pi-celle', text: 'x', validFrom: '2026-12-24', validUntil: '2026-12-01' });
    if (order.ok || order.kind !== 'invalid') throw new Error('expected invalid');
    expect(order.errors).toMatchObject([{ field: 'validUntil' }]);
    const day = save(u.lueneburg, 'falsch', { scope: 'pi:pi-celle', text: 'x', validUntil: '2026-02-30' });
    if (day.ok || day.kind !== 'invalid') throw new Error('expected invalid');
    expect(day.errors).toMatchObject([{ field: 'validUntil' }]);
  });

  it('keeps markup as text and leaves empty optional fields out of the record', () => {
    const text = '<script>alert(1)</script> & <b>fett</b>';
    expect(save(u.lueneburg, 'markup', { scope: 'pi:pi-celle', text, textEn: '', link: '', validFrom: '' }).ok).toBe(true);
    const record = workingRecord('notice', 'markup').record as Record<string, unknown>;
    expect(record.text).toBe(text);
    expect(Object.keys(record).sort()).toEqual(['id', 'isDemo', 'scope', 'text', 'updatedAt']);
  });

  it('lists notice changes in a version’s diff; versions from before notices read as having none', () => {
    const before = publishedContent();
    const after: EditableContent = {
      ...before,
      notices: [...before.notices.filter((n) => n.id !== CELLE_NOTICE), { ...before.notices[0]!, id: 'neu' }],
    };
    const changes = diffContent(before, after).map((c) => `${c.entity}:${c.id}:${c.kind}`);
    expect(changes).toContain('notice:neu:added');
    expect(changes).toContain(`notice:${CELLE_NOTICE}:removed`);
    const old = contentOf(JSON.stringify({ officers: [], accounts: [], stations: [] }));
    expect(old.notices).toEqual([]);
  });
});
