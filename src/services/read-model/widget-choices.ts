/** The lists web editors choose a widget's subject from (the widget builder, /widget). */
import type { District } from '../../domain/model';
import type { SnapshotRecords } from './records';

/** An entry of the lists web editors choose a widget's subject from. */
export interface ChoiceEntry {
  id: string;
  name: string;
  /** Where it belongs: the Kreis of a district, the inspection of a station. */
  group: string;
}

export interface WidgetChoices {
  districts: ChoiceEntry[];
  stations: ChoiceEntry[];
  inspections: ChoiceEntry[];
}

/** Districts, stations with an area and inspections, sorted, for the widget builder's choices. */
export function widgetChoices(records: SnapshotRecords): WidgetChoices {
  const { cities, districts, inspections, directorates, kreise, stations } = records;
  const stationIds = new Set([...districts.values()].flatMap((district) => district.stationId ?? []));
  const byGroupThenName = (a: ChoiceEntry, b: ChoiceEntry) => a.group.localeCompare(b.group, 'de') || a.name.localeCompare(b.name, 'de');
  // A city's parts form a group of their own ("Hannover"), led by the whole city (its overview).
  const groupOf = (district: District) =>
    district.cityId ? (cities.city(district.cityId)?.name ?? '') : (kreise.get(district.kreisAgs)?.name ?? '');
  return {
    districts: [
      ...cities.list().map((city) => ({ id: city.id, name: city.name, group: city.name, whole: true })),
      ...[...districts.values()].map((district) => ({ id: district.id, name: district.name, group: groupOf(district), whole: false })),
    ]
      .sort((a, b) => a.group.localeCompare(b.group, 'de') || Number(b.whole) - Number(a.whole) || a.name.localeCompare(b.name, 'de'))
      .map(({ whole: _whole, ...entry }) => entry),
    stations: [...stationIds]
      .flatMap((id) => stations.get(id) ?? [])
      .map((station) => ({ id: station.id, name: station.name, group: inspections.get(station.inspectionId)?.name ?? '' }))
      .sort(byGroupThenName),
    inspections: [...inspections.values()]
      .map((inspection) => ({ id: inspection.id, name: inspection.name, group: directorates.get(inspection.directorateId)?.name ?? '' }))
      .sort(byGroupThenName),
  };
}
