/** Decodes the path data MapFrame.pathFor writes (M, relative l steps, z) into absolute rings. */
export function decodePath(d: string): Array<Array<[number, number]>> {
  return [...d.matchAll(/M([^l]+)l([^z]*)z/g)].map(([, start, steps]) => {
    const [x0, y0] = numbers(start!);
    const ring: Array<[number, number]> = [[x0!, y0!]];
    const deltas = numbers(steps!);
    for (let i = 0; i < deltas.length; i += 2) {
      const [x, y] = ring.at(-1)!;
      ring.push([round(x + deltas[i]!), round(y + deltas[i + 1]!)]);
    }
    return ring;
  });
}

function numbers(text: string): number[] {
  return [...text.matchAll(/-?\d*\.?\d+/g)].map(([value]) => Number(value));
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
