// Points carrying weights, one weight per stratum, walked in merged order: the weighted median
// and the weighted order statistics that the stratified estimates and intervals are made of.

/** Every stratum's points sorted, each stratum with one weight: a weighted, merged order. */
export class WeightedPoints {
  private readonly total: number;

  constructor(private readonly strata: readonly { sorted: Float64Array; weight: number }[]) {
    this.total = strata.reduce((acc, s) => acc + s.sorted.length * s.weight, 0);
  }

  /** The points in ascending order (descending with `fromTop`), each with its weight. */
  private *walk(fromTop: boolean): Generator<[number, number]> {
    const at = this.strata.map((s) => (fromTop ? s.sorted.length - 1 : 0));
    for (;;) {
      let best = -1;
      for (let k = 0; k < this.strata.length; k++) {
        const { sorted } = this.strata[k];
        if (at[k] < 0 || at[k] >= sorted.length) continue;
        if (best < 0) best = k;
        else if (
          fromTop
            ? sorted[at[k]] > this.strata[best].sorted[at[best]]
            : sorted[at[k]] < this.strata[best].sorted[at[best]]
        )
          best = k;
      }
      if (best < 0) return;
      yield [this.strata[best].sorted[at[best]], this.strata[best].weight];
      at[best] += fromTop ? -1 : 1;
    }
  }

  /** The weighted median; the mean of the two middle points when the weight splits exactly between them. */
  median(): number {
    const half = this.total / 2;
    const slack = this.total * 1e-12;
    let cumulative = 0;
    let landed: number | undefined;
    for (const [value, weight] of this.walk(false)) {
      if (landed !== undefined) return (landed + value) / 2;
      cumulative += weight;
      if (cumulative > half + slack) return value;
      if (cumulative >= half - slack) landed = value;
    }
    return landed ?? NaN;
  }

  /**
   * [lower, upper]: the lower end is the first point, from the top, at which the weight above and
   * at it reaches `critical`; the upper end the same from the bottom. Infinite when never reached.
   */
  interval(critical: number): [number, number] {
    return [this.reach(true, critical) ?? -Infinity, this.reach(false, critical) ?? Infinity];
  }

  private reach(fromTop: boolean, critical: number): number | undefined {
    const slack = this.total * 1e-12;
    let cumulative = 0;
    for (const [value, weight] of this.walk(fromTop)) {
      cumulative += weight;
      if (cumulative >= critical - slack) return value;
    }
    return undefined;
  }
}

export function sortedArray(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}
