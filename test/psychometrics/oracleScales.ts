/**
 * The item sets of the oracle datasets as respondents × items matrices, with the matching
 * R reference blocks (see test/fixtures/oracle/ORACLE.md).
 */
import { loadItems, loadReference, loadRows, numericColumn } from "../oracle/loadOracle";

/** psych::alpha summary block of reference.json (fields as written by make_reference.R). */
export interface RAlphaBlock {
  n_rows: number;
  n_complete_rows: number;
  pairwise_n_min: number;
  pairwise_n_max: number;
  raw_alpha: number;
  std_alpha: number;
  G6_smc: number;
  average_r: number;
  S_N: number;
  ase: number;
  median_r: number;
  total_mean: number;
  total_sd: number;
  var_r: number;
  feldt_95: { lower: number; upper: number; n_obs_used: number; n_var: number };
  duhachek_95: { lower: number; upper: number };
  items: Record<string, RItemBlock>;
  psych_notes: string[];
}

export interface RItemBlock {
  reversed: boolean;
  n: number;
  raw_r: number;
  std_r: number;
  r_cor: number;
  r_drop: number;
  mean: number;
  sd: number;
  alpha_if_deleted: {
    raw_alpha: number;
    std_alpha: number;
    G6_smc: number;
    average_r: number;
    S_N: number;
    alpha_se: number;
    var_r: number;
    med_r: number;
  };
}

export interface RAlphaEntry {
  items: string[];
  reverse: string[];
  pairwise: RAlphaBlock;
  complete_cases: RAlphaBlock;
}

export interface ROmegaBlock {
  omega_tot: number;
  stable_reference: boolean;
  key_applied: Record<string, number>;
  minres_one_factor: {
    loadings: Record<string, number>;
    uniquenesses: Record<string, number>;
    omega_model_implied: number;
    omega_observed_total: number;
    stable_reference: boolean;
  };
}

/** One scale of an oracle dataset: its rows and R's results. */
export interface OracleScale {
  /** e.g. "kiosk_servqual/gap/fun" */
  readonly label: string;
  readonly items: string[];
  readonly reverse: string[];
  readonly scaleMin: number | null;
  readonly scaleMax: number | null;
  readonly rows: (number | null)[][];
  readonly alpha: RAlphaEntry;
  readonly omega: ROmegaBlock | null;
}

interface ServqualItems {
  scale: { min: number; max: number };
  items: { item: string; E: string; P: string; dimension: string }[];
  dimension_order: string[];
  dimensions: Record<string, string[]>;
}

interface ScalesItems {
  scale: { min: number | null; max: number | null };
  scale_order: string[];
  scales: Record<string, { items: string[]; reverse: string[] }>;
}

interface Reference {
  alpha: Record<string, Record<string, RAlphaEntry>> & Record<string, RAlphaEntry>;
  omega: {
    per_dimension_one_factor?: Record<string, Record<string, ROmegaBlock>>;
    per_scale_one_factor?: Record<string, ROmegaBlock>;
  };
}

function toRows(columns: (number | null)[][]): (number | null)[][] {
  const n = columns[0]?.length ?? 0;
  return Array.from({ length: n }, (_, r) => columns.map((column) => column[r] ?? null));
}

let cache: OracleScale[] | undefined;

/** Every alpha entry of the oracle: kiosk E/P/gap × dimensions + all_items, msq, holzinger. */
export function oracleScales(): OracleScale[] {
  if (cache) return cache;
  const out: OracleScale[] = [];
  {
    const ds = "kiosk_servqual";
    const spec = loadItems<ServqualItems>(ds);
    const ref = loadReference<Reference>(ds);
    const data = loadRows(ds);
    const byItem = new Map(spec.items.map((it) => [it.item, it]));
    const column = (set: string, item: string): (number | null)[] => {
      const it = byItem.get(item);
      if (!it) throw new Error(`no item ${item}`);
      if (set === "E") return numericColumn(data, it.E);
      if (set === "P") return numericColumn(data, it.P);
      const p = numericColumn(data, it.P);
      const e = numericColumn(data, it.E);
      return p.map((v, r) => (v === null || e[r] === null ? null : v - (e[r] as number)));
    };
    for (const set of ["E", "P", "gap"]) {
      for (const dim of [...spec.dimension_order, "all_items"]) {
        const ids =
          dim === "all_items" ? spec.items.map((it) => it.item) : (spec.dimensions[dim] ?? []);
        const alpha = ref.alpha[set]?.[dim] as RAlphaEntry;
        const omega = ref.omega.per_dimension_one_factor?.[set]?.[dim] ?? null;
        const gap = set === "gap";
        out.push({
          label: `${ds}/${set}/${dim}`,
          items: alpha.items,
          reverse: [],
          scaleMin: gap ? null : spec.scale.min,
          scaleMax: gap ? null : spec.scale.max,
          rows: toRows(ids.map((id) => column(set, id))),
          alpha,
          omega,
        });
      }
    }
  }
  for (const ds of ["msq_arousal", "holzinger_swineford"]) {
    const spec = loadItems<ScalesItems>(ds);
    const ref = loadReference<Reference>(ds);
    const data = loadRows(ds);
    for (const name of spec.scale_order) {
      const scale = spec.scales[name] as { items: string[]; reverse: string[] };
      out.push({
        label: `${ds}/${name}`,
        items: scale.items,
        reverse: scale.reverse,
        scaleMin: spec.scale.min,
        scaleMax: spec.scale.max,
        rows: toRows(scale.items.map((item) => numericColumn(data, item))),
        alpha: ref.alpha[name] as RAlphaEntry,
        omega: ref.omega.per_scale_one_factor?.[name] ?? null,
      });
    }
  }
  cache = out;
  return out;
}

/** Relative closeness |a − b| ≤ tol·max(|b|, tiny). */
export function relClose(
  actual: number | null | undefined,
  expected: number,
  tol: number,
): boolean {
  if (actual === null || actual === undefined) return false;
  return Math.abs(actual - expected) <= tol * Math.max(Math.abs(expected), 1e-300);
}
