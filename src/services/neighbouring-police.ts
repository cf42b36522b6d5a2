/**
 * Who is responsible for a point outside Niedersachsen: the police the data name for it (a point
 * in Bremen or Bremerhaven), or, where the data cannot tell, Niedersachsen's neighbours with
 * their police, the Netherlands included. One place for the locate page, the map and the API.
 */
import type { LatLon, StatePolice } from '../domain/model';
import type { Translate } from '../i18n';
import type { Portal } from './portal';

/** The Dutch police: not in the data of the German states. */
const NETHERLANDS_POLICE_URL = 'https://www.politie.nl/';

export interface ResponsiblePolice {
  state: string;
  police: { name: string; url: string };
  /** "nur für die Stadt Bremerhaven", or "" (German, from the data). */
  note: string;
}

export interface OutsideAnswer {
  point: LatLon;
  /** The police the data name for the point, or null: then `neighbours` is the honest answer. */
  responsible: ResponsiblePolice | null;
  neighbours: ResponsiblePolice[];
}

/** The answer for a point outside Niedersachsen (`enclave` from `portal.locate`). */
export function outsideAnswer(portal: Portal, point: LatLon, enclave: StatePolice | null, t: Translate): OutsideAnswer {
  return {
    point,
    responsible: enclave && responsible(enclave),
    neighbours: [
      ...portal.neighbouringPolice().map(responsible),
      { state: t('state.netherlands'), police: { name: t('state.netherlandsPolice'), url: NETHERLANDS_POLICE_URL }, note: '' },
    ],
  };
}

function responsible(police: StatePolice): ResponsiblePolice {
  return { state: police.state, police: { name: police.name, url: police.url }, note: police.note };
}
