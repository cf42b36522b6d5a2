/** Orientation without tiles: which places are named at which zoom, and where an area's name fits. */
import { describe, expect, it } from 'vitest';
import { chooseLabels, labelMinZoom, labelPoint, locatePoint, type AreaGeometry, type LabelledPoint } from '../../../src/domain/geo';

const place = (name: string, population: number, lon: number, kind: LabelledPoint['kind'] = 'municipality'): LabelledPoint => ({
  name,
  population,
  lat: 52,
  lon,
  kind,
});

describe('labelMinZoom', () => {
  it('names large towns earlier than small ones, and Ortsteile one step after a town of their size', () => {
    expect(labelMinZoom(place('Hannover', 530_000, 9))).toBe(6);
    expect(labelMinZoom(place('Celle', 69_000, 10))).toBe(8);
    expect(labelMinZoom(place('Eschede', 6_000, 10))).toBe(10);
    expect(labelMinZoom(place('Dorf', 300, 10))).toBe(12);
    expect(labelMinZoom(place('Linden-Mitte', 69_000, 9, 'ortsteil'))).toBe(9);
  });
});

describe('chooseLabels', () => {
  const box = (p: LabelledPoint) => ({ x: p.lon * 100, y: 0, width: 150, height: 16 });

  it('keeps the larger of two overlapping names and leaves out places too small for the zoom', () => {
    const places = [place('Klein', 50_000, 1.0), place('Groß', 300_000, 1.5), place('Fern', 45_000, 9), place('Winzig', 800, 20)];
    expect(chooseLabels(places, 8, box).map((p) => p.name)).toEqual(['Groß', 'Fern']);
  });

  it('leaves out places whose box is off screen', () => {
    expect(chooseLabels([place('Draußen', 300_000, 1)], 8, () => null)).toEqual([]);
  });
});

describe('labelPoint', () => {
  // An L-shaped area; the view shows only its lower right part.
  const area: AreaGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [4, 0],
        [4, 1],
        [1, 1],
        [1, 4],
        [0, 4],
        [0, 0],
      ],
    ],
  };

  it('puts the name inside the area and inside the view', () => {
    const at = labelPoint(area, [2, -1, 5, 2])!;
    expect(at.lon).toBeGreaterThanOrEqual(2);
    expect(locatePoint(at, area)).toBe('inside');
  });

  it('gives null when no part of the area is in view', () => {
    expect(labelPoint(area, [10, 10, 11, 11])).toBeNull();
  });
});
