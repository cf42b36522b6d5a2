/** Public API of the geometry core: types, point location, distances, spatial index, map output. */
export { bboxOf, mapRings, parseAreaGeometry, polygonsOf, type AreaGeometry, type BBox, type Ring } from './geometry';
export { BOUNDARY_EPSILON_DEGREES, locatePoint, type PointLocation } from './point-in-polygon';
export { distanceMeters, distanceToBoundaryMeters, EARTH_RADIUS_METERS, LocalProjection } from './distance';
export { AreaIndex, OUTLINE_SLACK_METERS, type AreaEntry, type AreaMatch, type NearbyArea } from './area-index';
export { PointIndex } from './point-index';
export {
  enclaveAt,
  isEnclosed,
  OutlineHoles,
  ENCLAVE_PLACE_METERS,
  ENCLOSURE_REACH_METERS,
  type EnclaveData,
  type NearestPlace,
} from './enclave';
export { roundCoordinates, simplifyGeometry } from './simplify';
export { MapFrame, type PixelPoint } from './map-frame';
export { chooseLabels, labelMinZoom, labelPoint, type LabelBox, type LabelledPoint } from './map-labels';
export { CityParts, PART_REACH_METERS, SPLIT_OVERLAP_METERS, SPLIT_TOLERANCE_METERS } from './city-parts';
export { DistrictLocator, type DistrictLocation, type LocatableMunicipality } from './district-locator';
