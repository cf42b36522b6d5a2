/**
 * What is known about the police responsibility for a district, in plain words. Five Kreise are
 * confirmed by the sources only in part: for the Region Hannover the split between the three
 * inspections that share it, elsewhere the inspection's name.
 */
import type { Translate } from '../i18n';
import type { DistrictView } from './portal';

/** A plain statement where the responsibility is only partly confirmed; null where it is confirmed. */
export function responsibilityStatement(
  view: Pick<DistrictView, 'responsibilityVerified' | 'inspection' | 'kreis' | 'directorate'>,
  t: Translate,
): string | null {
  if (view.responsibilityVerified) return null;
  // An inspection entry naming several inspections ("PI Hannover (Stadt) / PI Garbsen / PI Burgdorf")
  // means: one of them, the split within the Kreis is not known.
  const shared = view.inspection.name.split(' / ').map((name) => name.replace(/^PI /, ''));
  const statement =
    shared.length > 1
      ? t('district.responsibilitySplit', {
          kreis: view.kreis.name,
          inspections: shared.join(', '),
          directorate: view.directorate.name,
        })
      : t('district.responsibilityUnnamed', { directorate: view.directorate.name, inspection: view.inspection.name });
  return `${statement} ${t('district.responsibilityHelp')}`;
}
