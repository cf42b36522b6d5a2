/**
 * "Ist dieses Konto echt?": the registry of official accounts (built once per snapshot from the
 * accounts in the database) and the answer for the page and the API.
 */
import { AccountRegistry, type AccountInputProblem } from '../domain/accounts';
import { PLATFORMS, type Platform } from '../domain/model';
import { t as german, type Translate } from '../i18n';
import { paths } from '../paths';
import type { AccountVerificationBody } from './api-schemas';
import type { AccountWithHolders, Portal } from './portal';

type Entry = AccountWithHolders['account'] & { view: AccountWithHolders };
type HolderType = 'officer' | 'station' | 'inspection' | 'directorate';

const registries = new WeakMap<Portal, AccountRegistry<Entry>>();

/** The registry for a snapshot, built on first use. */
export function accountRegistry(portal: Portal): AccountRegistry<Entry> {
  let registry = registries.get(portal);
  if (!registry) {
    registry = new AccountRegistry(portal.listAccounts().map((view) => ({ ...view.account, view })));
    registries.set(portal, registry);
  }
  return registry;
}

export type AccountCheckAnswer = { ok: false; problem: AccountInputProblem; message: string } | { ok: true; body: AccountVerificationBody };

/**
 * Checks a pasted URL or handle against the registry; messages in the language of `t` (the API's
 * German by default). `portalOrigins`: where the portal is reached, so that its own links to
 * demo account pages are recognised.
 */
export function checkAccount(
  portal: Portal,
  input: string,
  platform: Platform | null,
  t: Translate = german,
  portalOrigins: readonly string[] = [],
): AccountCheckAnswer {
  const result = accountRegistry(portal).check(input, platform, { portalOrigins });
  if (result.status === 'invalid') {
    return { ok: false, problem: result.problem, message: t(`accountCheck.problem.${result.problem}`) };
  }
  const base = {
    checked: { platform: result.platform ?? platform, handle: result.handle },
    reportUrl: paths.onlinewache(),
    dataVersion: portal.info.dataVersion,
  };
  if (result.status === 'official') {
    return {
      ok: true,
      body: {
        ...base,
        status: 'official',
        message: t('accountCheck.officialMessage'),
        accounts: result.matches.map((entry) => verifiedAccount(portal, entry.view, t)),
        lookalikes: [],
        officialElsewhere: [],
        warnings: [],
      },
    };
  }
  const warnings: AccountVerificationBody['warnings'] = [];
  if (result.foreignCharacters) warnings.push('foreign_characters');
  if (result.lookalikes.length > 0) warnings.push('lookalike');
  if (result.elsewhere.length > 0) warnings.push('same_handle_elsewhere');
  return {
    ok: true,
    body: {
      ...base,
      status: 'not_found',
      message:
        result.elsewhere.length > 0 && base.checked.platform
          ? elsewhereMessage(result.elsewhere, base.checked.platform, t)
          : t('accountCheck.notFoundMessage'),
      accounts: [],
      lookalikes: result.lookalikes.slice(0, 5).map((entry) => ({
        platform: entry.platform,
        handle: entry.handle,
        holders: entry.view.holders.map((holder) => holder.name),
      })),
      officialElsewhere: result.elsewhere.map((entry) => ({
        platform: entry.platform,
        handle: entry.handle,
        url: entry.url,
        holders: entry.view.holders.map((holder) => ({ type: holder.type as HolderType, name: holder.name })),
      })),
      warnings,
    },
  };
}

function verifiedAccount(portal: Portal, view: AccountWithHolders, t: Translate): AccountVerificationBody['accounts'][number] {
  const districts = new Map<string, { id: string; name: string }>();
  const inspections = new Map<string, { id: string; name: string }>();
  const allInspections = new Map(portal.listInspections().map((entry) => [entry.id, entry]));
  for (const holder of view.holders) {
    if (holder.type === 'officer') {
      const officer = portal.officerView(holder.id);
      for (const role of officer?.roles ?? []) for (const d of role.districts) districts.set(d.id, { id: d.id, name: d.name });
      for (const inspection of officer?.inspections ?? []) inspections.set(inspection.id, { id: inspection.id, name: inspection.name });
    } else if (holder.type === 'inspection') {
      const inspection = allInspections.get(holder.id);
      if (inspection) inspections.set(inspection.id, { id: inspection.id, name: inspection.name });
    } else if (holder.type === 'station') {
      for (const district of portal.listDistricts().filter((d) => d.stationId === holder.id)) {
        districts.set(district.id, { id: district.id, name: district.name });
      }
    }
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'de');
  return {
    id: view.account.id,
    platform: view.account.platform,
    handle: view.account.handle,
    url: view.account.url,
    verifiedSince: view.account.verifiedSince,
    isDemo: view.account.isDemo,
    label: view.account.isDemo ? t('accountCheck.demoLabel') : null,
    holders: view.holders.map((holder) => ({
      type: holder.type as HolderType,
      id: holder.id,
      name: holder.name,
      url: holder.type === 'officer' ? paths.officer(holder.id) : null,
    })),
    districts: [...districts.values()].sort(byName),
    inspections: [...inspections.values()].sort(byName),
  };
}

/**
 * "Dieser Name gehört zu einem offiziellen Konto auf X. Auf TikTok gibt es kein offizielles Konto
 * dieser Person: wahrscheinlich eine Fälschung."
 */
function elsewhereMessage(elsewhere: Entry[], checked: Platform, t: Translate): string {
  const person = elsewhere.every((entry) => entry.view.holders.every((holder) => holder.type === 'officer'));
  return t(person ? 'accountCheck.elsewherePerson' : 'accountCheck.elsewhereOffice', {
    platforms: platformList(
      elsewhere.map((entry) => entry.platform),
      t,
    ),
    platform: t(`platform.${checked}`),
  });
}

/** A bare handle official on some platforms: "Offiziell ist dieser Name nur auf X und YouTube." */
export function onlyThereMessage(platforms: Platform[], t: Translate): string {
  return t('accountCheck.onlyThere', { platforms: platformList(platforms, t) });
}

/** "X (ehemals Twitter), YouTube und WhatsApp-Kanal": each platform once, in the order of PLATFORMS. */
function platformList(platforms: Platform[], t: Translate): string {
  const names = PLATFORMS.filter((platform) => platforms.includes(platform)).map((platform) => t(`platform.${platform}`));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${t('list.and')} ${names.at(-1)}` : (names[0] ?? '');
}
