/**
 * The LayerCake context as our chart layers read it, typed. LayerCake types rows, scales and
 * getters loosely (`any`): it hands back whatever the chart passed in. A layer states what it
 * draws instead: its rows, and the scales it expects (LayerCake's documented way to name them).
 */
import { getLayerCakeContext, type LayerCakeContext } from 'layercake';

/**
 * A d3 scale as the layers use it: a domain value in, a pixel position out. Which kind it is
 * (linear, time, utc, band) is the chart's choice, so the methods that only some kinds have are
 * optional: a layer that works with both looks before it calls. `D` is the type of the domain's
 * values; `never` (the default) for a layer that does not know it, so never passes the scale a value.
 */
export interface ChartScale<D = never> {
  (value: D): number;
  domain(): D[];
  /** Continuous scales (linear, time, utc): round values across the domain, about `count` of them. */
  ticks?: (count?: number) => D[];
  /** Band scales: the width of each value's band. */
  bandwidth?: () => number;
}

/** A continuous scale (linear, time, utc): it always has ticks. */
export interface ContinuousScale<D = number> extends ChartScale<D> {
  ticks: (count?: number) => D[];
}

/**
 * The chart context for a layer drawing rows of type `Row` on an x scale `X` and a y scale `Y`:
 * the accessors read a row's value, the getters run it through the scale to a pixel position, and
 * the ranges are pixels.
 */
export interface ChartContext<Row, X = ChartScale, Y = ChartScale> extends LayerCakeContext<{ x: X; y: Y }, Row[]> {
  x: (row: Row) => unknown;
  y: (row: Row) => unknown;
  xGet: (row: Row) => number;
  yGet: (row: Row) => number;
  xRange: number[];
  yRange: number[];
}

/**
 * The enclosing chart's context, for a layer component drawing rows of type `Row` (`unknown` for a
 * layer that does not look into them). Read it as `k.width`, `k.xGet(row)` and so on (each read is
 * reactive); do not destructure it.
 */
export function chartContext<Row, X = ChartScale, Y = ChartScale>(): ChartContext<Row, X, Y> {
  return getLayerCakeContext<{ x: X; y: Y }, Row[]>();
}
