/**
 * Maps drawn on the server (the no-JavaScript maps and the widget's): SVG paths of outlines in a
 * frame, the names that fit, and the searched point. The drawing depends only on the snapshot and
 * the width, so each is made once per snapshot; the point is added per request.
 */
import type { District, LatLon } from '../../domain/model';
import { bboxOf, chooseLabels, labelMinZoom, labelPoint, MapFrame, type AreaGeometry, type BBox } from '../../domain/geo';
import type { GeoJsonMaps } from './geojson';
import type { SnapshotRecords } from './records';

/** An outline on a server-drawn map, with where its name fits (null: the name is not drawn). */
export interface MapArea {
  id: string;
  name: string;
  path: string;
  label: { x: number; y: number } | null;
}

export interface MapOutlines {
  width: number;
  height: number;
  focus: MapArea[];
  neighbours: MapArea[];
  /** Places (municipalities) with a dot and their name. */
  labels: Array<{ name: string; x: number; y: number }>;
  point: { x: number; y: number } | null;
}

/** The overview map's SVG paths and town names. */
export interface OverviewOutlines {
  districts: Array<{ id: string; name: string; path: string }>;
  inspections: string[];
  /** The largest towns, named on the whole-state map (what the interactive map names at zoom 7). */
  places: Array<{ name: string; x: number; y: number }>;
}

const OVERVIEW_MAP_WIDTH = 640;
/** The server-drawn overview (640 px, the whole state) shows what Leaflet shows at this zoom. */
const OVERVIEW_SVG_ZOOM = 7;
/** Rough size of a place name on the server-drawn maps (in the SVG's own units), for the overlap test. */
const SVG_CHARACTER_PX = 6.5;
const SVG_LABEL_HEIGHT_PX = 14;

export class SvgMaps {
  readonly #records: SnapshotRecords;
  readonly #shapes: GeoJsonMaps;
  /** The overview map's projection: shared by the SVG drawing and the no-JavaScript click. */
  readonly overviewFrame: MapFrame;
  #overview: OverviewOutlines | undefined;
  /** Maps drawn so far, by width and focus districts (few: the pages draw the data's own groups). */
  readonly #drawn = new Map<string, { outlines: MapOutlines; frame: MapFrame }>();

  constructor(records: SnapshotRecords, shapes: GeoJsonMaps) {
    this.#records = records;
    this.#shapes = shapes;
    this.overviewFrame = MapFrame.fit(unionBoxes(records.districtAreas.map((area) => bboxOf(area.geometry))), OVERVIEW_MAP_WIDTH, 8);
  }

  /** The overview map's SVG paths and town names (drawn once per snapshot). */
  overviewOutlines(): OverviewOutlines {
    const frame = this.overviewFrame;
    return (this.#overview ??= {
      districts: this.#shapes.overviewDistricts.map(({ id, name, geometry }) => ({ id, name, path: frame.pathFor(geometry, 0) })),
      inspections: this.#shapes.inspectionOutlines.map(({ geometry }) => frame.pathFor(geometry, 0)),
      places: this.#shapes
        .overviewLabelPoints()
        .filter((place) => labelMinZoom(place) <= OVERVIEW_SVG_ZOOM)
        .map((place) => ({ name: place.name, ...frame.project(place) })),
    });
  }

  /**
   * A map drawn on the server: the focus districts filled, their neighbours outlined, labels for
   * the places of a single district (or the districts of several), and the searched point.
   */
  mapOutlines(focusIds: string[], widthPx: number, point?: LatLon): MapOutlines | null {
    const focus = focusIds.flatMap((id) => this.#records.districts.get(id) ?? []);
    if (focus.length === 0) return null;
    const key = `${widthPx}:${focus.map((district) => district.id).join(',')}`;
    let drawn = this.#drawn.get(key);
    if (!drawn) this.#drawn.set(key, (drawn = this.drawMap(focus, widthPx)));
    return { ...drawn.outlines, point: point ? drawn.frame.project(point) : null };
  }

  private drawMap(focus: District[], widthPx: number): { outlines: MapOutlines; frame: MapFrame } {
    const records = this.#records;
    const box = unionBoxes(focus.map((district) => records.districtBoxes.get(district.id)!));
    const frame = MapFrame.fit(box, widthPx, 16);
    const focusIdSet = new Set(focus.map((district) => district.id));
    const labelled = focus.length === 1 ? (records.municipalitiesByDistrict.get(focus[0]!.id) ?? []) : focus;
    const placeNames = new Set(labelled.map((place) => place.name));
    // Neighbours are named on the part that shows; a single focus district too, unless a place of
    // the same name (Celle in Celle) already names it.
    const areaOf = (district: District, named: boolean): MapArea => {
      const geometry: AreaGeometry = records.districtGeometry.get(district.id)!;
      const at = named ? labelPoint(geometry, box) : null;
      return { id: district.id, name: district.name, path: frame.pathFor(geometry), label: at ? frame.project(at) : null };
    };
    // Several districts (a city's parts, an officer's area) are named at their centres, as many as fit.
    const named = chooseLabels(
      labelled.map((place) => ({
        name: place.name,
        ...place.centre,
        population: 'population' in place ? (place.population ?? 0) : 0,
        kind: 'municipality' as const,
      })),
      Infinity,
      (place) => {
        const at = frame.project(place);
        const width = place.name.length * SVG_CHARACTER_PX + 8;
        return { x: at.x - 2, y: at.y - SVG_LABEL_HEIGHT_PX / 2, width, height: SVG_LABEL_HEIGHT_PX };
      },
    );
    const outlines = {
      width: frame.width,
      height: frame.height,
      focus: focus.map((district) => areaOf(district, focus.length === 1 && !placeNames.has(district.name))),
      neighbours: records
        .districtsTouching(box)
        .filter((other) => !focusIdSet.has(other.id))
        .map((other) => areaOf(other, true)),
      labels: named.map((place) => ({ name: place.name, ...frame.project(place) })),
      point: null,
    };
    return { outlines, frame };
  }
}

function unionBoxes(boxes: BBox[]): BBox {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}
