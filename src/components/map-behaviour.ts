/**
 * What the interactive maps (PortalMap.astro) do besides drawing outlines: name places by zoom,
 * leave one-finger swipes to the page on touch screens, and let a tap on the overview show a
 * district's name and link instead of leaving the page at once.
 */
import L from 'leaflet';
import { chooseLabels, labelPoint, type LabelledPoint } from '../domain/geo/map-labels';

/** Rough width of a label's characters at the label font size (0.8rem), for the overlap test. */
const CHARACTER_PX = 7.2;
const LABEL_HEIGHT_PX = 16;

/** Names the places large enough for the current zoom, without overlapping; updated as the view moves. */
export function nameTowns(map: L.Map, places: LabelledPoint[]): void {
  const layer = L.layerGroup().addTo(map);
  const update = () => {
    const size = map.getSize();
    const chosen = chooseLabels(places, map.getZoom(), (place) => {
      const at = map.latLngToContainerPoint([place.lat, place.lon]);
      if (at.x < 0 || at.y < 0 || at.x > size.x || at.y > size.y) return null;
      const width = place.name.length * CHARACTER_PX + 8;
      return { x: at.x - width / 2, y: at.y - LABEL_HEIGHT_PX / 2, width, height: LABEL_HEIGHT_PX };
    });
    layer.clearLayers();
    for (const place of chosen) {
      const label = document.createElement('span');
      label.textContent = place.name;
      L.marker([place.lat, place.lon], {
        icon: L.divIcon({ className: 'map-town-label', html: label, iconSize: undefined }),
        interactive: false,
        keyboard: false,
      }).addTo(layer);
    }
  };
  map.on('zoomend moveend', update);
  update();
}

/**
 * Permanent names of outlines (a district and its neighbours), each placed inside the part of it
 * that the map shows at first (Leaflet would put it at the outline's centre, often off the map).
 */
export function nameAreas(map: L.Map, areas: Array<GeoJSON.Feature<GeoJSON.Geometry, { kind: string; name: string }>>): void {
  const bounds = map.getBounds();
  const view: [number, number, number, number] = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
  for (const area of areas) {
    if (area.geometry.type !== 'Polygon' && area.geometry.type !== 'MultiPolygon') continue;
    const at = labelPoint(area.geometry, view);
    if (!at) continue;
    L.tooltip([at.lat, at.lon], {
      permanent: true,
      direction: 'center',
      className: `map-label map-label-${area.properties.kind}`,
      content: area.properties.name,
    }).openOn(map);
  }
}

/**
 * Touch screens: one finger scrolls the page over the map (two fingers move and zoom it), as
 * mobile maps do; a one-finger swipe shows how to move the map. The "move map" button lets one
 * finger move it (for people who cannot use two: WCAG 2.5.1).
 */
export function cooperativeGestures(map: L.Map, texts: { hint: string; toggle: string }): void {
  if (!matchMedia('(pointer: coarse)').matches) return;
  map.dragging.disable();
  const container = map.getContainer();
  const hint = document.createElement('p');
  hint.className = 'map-touch-hint';
  hint.hidden = true;
  hint.textContent = texts.hint;
  container.append(hint);
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  container.addEventListener(
    'touchmove',
    (event) => {
      if (event.touches.length !== 1 || map.dragging.enabled()) return;
      hint.hidden = false;
      clearTimeout(hideTimer);
      hideTimer = setTimeout(() => (hint.hidden = true), 1500);
    },
    { passive: true },
  );
  container.addEventListener(
    'touchstart',
    (event) => {
      if (event.touches.length > 1) hint.hidden = true;
    },
    { passive: true },
  );

  const Toggle = L.Control.extend({
    onAdd() {
      const bar = L.DomUtil.create('div', 'leaflet-bar');
      const button = L.DomUtil.create('a', 'map-pan-toggle', bar);
      button.href = '#';
      button.setAttribute('role', 'button');
      button.setAttribute('aria-pressed', 'false');
      button.textContent = texts.toggle;
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(button, 'click', (event) => {
        L.DomEvent.preventDefault(event);
        const on = !map.dragging.enabled();
        if (on) map.dragging.enable();
        else map.dragging.disable();
        button.setAttribute('aria-pressed', String(on));
      });
      return bar;
    },
  });
  new Toggle({ position: 'topright' }).addTo(map);
}

/** A tap or click on an overview district: its name and a link to its page (with the point). */
export function districtPopup(map: L.Map, layer: L.Layer, name: string, href: (point: L.LatLng) => string, linkText: string): void {
  layer.on('click', (event: L.LeafletMouseEvent) => {
    const content = document.createElement('div');
    const title = document.createElement('strong');
    title.textContent = name;
    const link = document.createElement('a');
    link.className = 'map-popup-link';
    link.href = href(event.latlng);
    link.textContent = linkText;
    content.append(title, document.createElement('br'), link);
    L.popup({ autoPanPadding: [16, 16] })
      .setLatLng(event.latlng)
      .setContent(content)
      .openOn(map);
  });
}
