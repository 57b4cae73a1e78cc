import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  defineInstrument,
  type MissingPolicy,
  RELATIONSHIP_FACETS,
  relationshipBank,
  relationshipInstrument,
  relationshipQuality,
  respondentScores,
  trustIndex,
  validateRelationshipSurvey,
  validateResponses,
} from "../../src/index";
import { latestPerCustomer } from "../../src/relationship/latestPerCustomer";
import type { Dataset } from "../../src/responses/types";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/relationship/${name}`, import.meta.url));
const reference = JSON.parse(readFileSync(fixture("reference.json"), "utf8"));
const small = Papa.parse<Record<string, string>>(readFileSync(fixture("trust-small.csv"), "utf8"), {
  header: true,
  skipEmptyLines: true,
}).data;

const thrown = (call: () => unknown): ServqualError => {
  try {
    call();
  } catch (error) {
    if (error instanceof ServqualError) return error;
    throw error;
  }
  throw new Error("did not throw");
};

describe("the relationship item bank", () => {
  it("has ten facets of five constructs, 32 items with unique ids, two reverse-keyed", () => {
    expect(relationshipBank.dimensions.map((d) => d.id)).toEqual(
      RELATIONSHIP_FACETS.map((f) => f.id),
    );
    expect(RELATIONSHIP_FACETS.filter((f) => f.construct === "trust").map((f) => f.id)).toEqual([
      "benevolence",
      "honesty",
      "reliability",
      "competence",
    ]);
    expect(
      RELATIONSHIP_FACETS.filter((f) => f.construct === "commitment").map((f) => f.id),
    ).toEqual(["affective", "calculative", "normative"]);
    const items = relationshipBank.dimensions.flatMap((d) => d.items);
    expect(items).toHaveLength(32);
    expect(new Set(items.map((i) => i.id)).size).toBe(32);
    expect(items.filter((i) => i.reverse).map((i) => i.id)).toEqual(["tho4", "caf4"]);
    expect(relationshipBank.citation).toContain("Item wordings are ours");
    for (const facet of RELATIONSHIP_FACETS) expect(facet.source.length).toBeGreaterThan(5);
  });

  it("is a valid instrument specification (defineInstrument accepts it unchanged)", () => {
    const again = defineInstrument(JSON.parse(JSON.stringify(relationshipBank)));
    expect(again.dimensions.length).toBe(10);
  });

  it("restricts to some facets in bank order, and names the closest facet for a typo", () => {
    expect(relationshipInstrument(["honesty", "benevolence"]).dimensions.map((d) => d.id)).toEqual([
      "benevolence",
      "honesty",
    ]);
    const error = thrown(() => relationshipInstrument(["benevolense"]));
    expect(error.code).toBe("invalid-argument");
    expect(error.message).toContain('did you mean "benevolence"');
    expect(thrown(() => relationshipInstrument([])).code).toBe("invalid-argument");
    expect(thrown(() => relationshipInstrument(["honesty", "honesty"])).code).toBe(
      "invalid-argument",
    );
  });

  it("validates like any survey: answers outside the scale are coded issues, rows counted", () => {
    const { dataset, report } = validateRelationshipSurvey(
      [
        { respondent_id: "a", tbe1: 9, tbe2: 5, tbe3: 6 },
        { respondent_id: "b", tbe1: 0, tbe2: "x", tbe3: 6 },
        { respondent_id: "c", tbe1: 4, tbe2: 4, tbe3: 4 },
      ],
      { facets: ["benevolence"] },
    );
    expect(report.rowsIn).toBe(3);
    expect(report.rowsIn).toBe(report.rowsUsed + report.rowsExcluded);
    expect(report.issueCounts["out-of-range"]).toBe(2);
    expect(report.issueCounts["not-a-number"]).toBe(1);
    const outOfRange = report.issues.find((i) => i.code === "out-of-range");
    expect(outOfRange?.row).toBe(1);
    expect(outOfRange?.column).toBe("tbe1");
    // b keeps one answer of three: below the index rule, excluded with its reason
    expect(report.excludedRows.map((r) => r.id)).toEqual(["b"]);
    // a keeps 5 and 6 (two of three: scored)
    const t = trustIndex(dataset);
    expect(t.customers.map((c) => c.facets.benevolence?.answered)).toEqual([2, 3]);
    expect(t.customers[0]?.index).toBeCloseTo((100 * (5.5 - 1)) / 6, 12);
    expect(t.customers[1]?.index).toBeCloseTo(50, 12);
  });
});

describe("trustIndex against R (psych 2.2.9; test/fixtures/relationship)", () => {
  const { dataset, report } = validateRelationshipSurvey(small, {
    facets: ["benevolence", "honesty"],
  });
  const result = trustIndex(dataset);

  it("keeps every row", () => {
    expect(report.rowsUsed).toBe(12);
  });

  it("facet indices, their mean and SD, and trust per customer equal R's", () => {
    for (const facet of ["benevolence", "honesty"]) {
      const ref = reference[facet];
      const got = result.customers.map((c) => c.facets[facet]?.index ?? null);
      got.forEach((v, i) => {
        if (ref.index[i] === null) expect(v).toBeNull();
        else expect(v).toBeCloseTo(ref.index[i], 10);
      });
      const summary = result.facets.find((f) => f.facet === facet);
      expect(summary?.n).toBe(ref.n);
      expect(summary?.mean).toBeCloseTo(ref.mean, 10);
      expect(summary?.sd).toBeCloseTo(ref.sd, 10);
    }
    result.customers.forEach((c, i) => {
      expect(c.index).toBeCloseTo(reference.trust[i], 10);
    });
  });

  it("alpha equals psych::alpha raw_alpha and omega equals psych::omega(nfactors = 1) omega.tot", () => {
    for (const facet of ["benevolence", "honesty"]) {
      const summary = result.facets.find((f) => f.facet === facet);
      expect(summary?.alpha).toBeCloseTo(reference[facet].alpha, 6);
      expect(summary?.omega).toBeCloseTo(reference[facet].omega, 4);
    }
  });

  it("the unscored customer (c11: one benevolence item) is counted, not dropped", () => {
    const benevolence = result.facets.find((f) => f.facet === "benevolence");
    expect(benevolence?.unscored).toBe(1);
    expect(result.customers[10]?.facets.benevolence).toEqual({
      index: null,
      answered: 1,
      items: 3,
    });
    expect(result.customers).toHaveLength(12);
  });
});

describe("every facet of the bank against R (psych 2.2.9; bank-small.csv)", () => {
  const bank = Papa.parse<Record<string, string>>(readFileSync(fixture("bank-small.csv"), "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data;
  const ref = reference.bank;
  const { dataset, report } = validateRelationshipSurvey(bank, {
    facets: RELATIONSHIP_FACETS.map((f) => f.id),
  });
  const quality = relationshipQuality(dataset);
  const trust = trustIndex(dataset);

  it("keeps all 40 respondents and measures the ten facets", () => {
    expect(report.rowsUsed).toBe(ref.respondents);
    expect(quality.facets.map((f) => f.facet)).toEqual(Object.keys(ref.facets));
  });

  it.each(RELATIONSHIP_FACETS.map((f) => f.id))(
    "%s: indices, n, mean, SD, alpha (raw_alpha) and omega (omega.tot) equal R's",
    (facet) => {
      const r = ref.facets[facet];
      const summary = quality.facets.find((f) => f.facet === facet);
      expect(summary?.items).toEqual(r.items);
      expect(summary?.n).toBe(r.n);
      expect(summary?.mean).toBeCloseTo(r.mean, 10);
      expect(summary?.sd).toBeCloseTo(r.sd, 10);
      expect(summary?.alpha).toBeCloseTo(r.alpha, 6);
      expect(summary?.omega).toBeCloseTo(r.omega, 4);
    },
  );

  it("each respondent's T (mean of the four trust facets scored) equals R's", () => {
    expect(trust.customers).toHaveLength(ref.trust.length);
    trust.customers.forEach((c, i) => {
      expect(c.index).toBeCloseTo(ref.trust[i], 10);
      expect(c.facets.reliability?.index).toBeCloseTo(ref.facets.reliability.index[i], 10);
    });
  });
});

describe("the documented recipe for another answered-items rule (docs/relationship.md)", () => {
  it("with the index rule itself it gives trustIndex's facet indices; with 'all items' fewer", () => {
    const { dataset } = validateRelationshipSurvey(small, { facets: ["benevolence", "honesty"] });
    const { min, max } = dataset.instrument.scale;
    const recipe = (policy: MissingPolicy) =>
      respondentScores(
        { ...dataset, missingPolicy: policy },
        { facet: "perception", level: "dimension" },
      ).map((m) => m.map((v) => (100 * (v - min)) / (max - min)));
    const [benevolence] = recipe({ kind: "minimum-share", share: 0.5, atLeast: 2 });
    const ours = trustIndex(dataset).customers.map(
      (c) => c.facets.benevolence?.index ?? Number.NaN,
    );
    expect(Array.from(benevolence ?? [])).toEqual(ours);
    // every item required: c06, c09 and c11 (a blank benevolence item each) lose their index
    const [strict] = recipe({ kind: "minimum-share", share: 1, atLeast: 1 });
    expect(Array.from(strict ?? [], (v) => Number.isNaN(v))).toEqual(
      small.map((r) => r.tbe1 === "" || r.tbe2 === "" || r.tbe3 === ""),
    );
    expect(Array.from(strict ?? []).filter(Number.isNaN)).toHaveLength(3);
  });
});

describe("the minimum-answered rule max(2, ⌈k/2⌉)", () => {
  const facetOf = (k: number) =>
    defineInstrument({
      id: "rule",
      name: "rule",
      scale: { min: 1, max: 7 },
      format: "perception-only",
      dimensions: [
        {
          id: "competence",
          label: "competence",
          items: Array.from({ length: k }, (_, i) => ({ id: `i${i + 1}`, label: `item ${i + 1}` })),
        },
        {
          id: "honesty",
          label: "honesty",
          items: [
            { id: "h1", label: "h1" },
            { id: "h2", label: "h2" },
          ],
        },
      ],
    });
  /**
   * The competence index of one respondent who answered `answered` of its k items (all 7) and
   * both honesty items; the dataset keeps every row (pairwise), the index applies its own rule.
   */
  const indexWith = (k: number, answered: number) => {
    const record: Record<string, unknown> = { respondent_id: "r", P_h1: 4, P_h2: 4 };
    for (let i = 1; i <= k; i++) record[`P_i${i}`] = i <= answered ? 7 : "";
    const { dataset } = validateResponses([record], facetOf(k), { missing: "pairwise" });
    const [row] = trustIndex(dataset).customers;
    expect(row?.facets.competence?.answered).toBe(answered);
    expect(row?.facets.honesty?.index).toBe(50);
    return row?.facets.competence?.index ?? null;
  };

  it.each([
    [2, 1, null],
    [2, 2, 100],
    [3, 1, null],
    [3, 2, 100],
    [4, 1, null],
    [4, 2, 100],
    [5, 2, null],
    [5, 3, 100],
    [6, 2, null],
    [6, 3, 100],
  ])("k = %i items, %i answered → %s", (k, answered, expected) => {
    expect(indexWith(k, answered)).toBe(expected);
  });

  it("a one-item facet is never scored and has no alpha (a coded warning)", () => {
    const { dataset } = validateResponses(
      [
        { respondent_id: "r", P_i1: 5 },
        { respondent_id: "s", P_i1: 3 },
      ],
      facetOf(1),
      { missing: "pairwise" },
    );
    const result = trustIndex(dataset);
    expect(result.customers.map((c) => c.facets.competence?.index)).toEqual([null, null]);
    expect(result.customers.every((c) => c.index === null)).toBe(true);
    expect(result.facets[0]?.warnings.map((w) => w.code)).toContain("single-item-dimension");
    expect(result.warnings.map((w) => w.code)).toContain("unscored-respondents");
  });
});

describe("trustIndex: bad input", () => {
  const { dataset } = validateRelationshipSurvey(small, { facets: ["benevolence", "honesty"] });

  it("rejects a SERVQUAL dataset and a survey without trust facets", () => {
    const servqual = validateResponses(
      [tinyRecord("r", [5, 5, 5, 5, 5], [5, 5, 5, 5, 5])],
      tinyInstrument,
    ).dataset;
    const a = thrown(() => trustIndex(servqual));
    expect(a.code).toBe("invalid-input");
    const noTrust = validateRelationshipSurvey(
      [{ respondent_id: "r", sat1: 5, sat2: 5, sat3: 5 }],
      {
        facets: ["satisfaction"],
      },
    ).dataset;
    const b = thrown(() => trustIndex(noTrust));
    expect(b.code).toBe("invalid-input");
    expect(b.issues[0]?.code).toBe("unknown-dimension");
  });

  it("rejects a missing customer column and bad rows", () => {
    const error = thrown(() => trustIndex(dataset, { customerColumn: "crm_id" }));
    expect(error.code).toBe("invalid-input");
    expect(error.issues[0]?.code).toBe("missing-segment-column");
    expect(thrown(() => trustIndex(dataset, { rows: Int32Array.of(12) })).code).toBe(
      "invalid-argument",
    );
  });

  it("selects rows and joins customer ids from a segment column", () => {
    const { dataset: withCrm } = validateRelationshipSurvey(
      [
        { respondent_id: "s1", crm: "C-9", tbe1: 7, tbe2: 7, tbe3: 7 },
        { respondent_id: "s2", crm: "", tbe1: 1, tbe2: 1, tbe3: 1 },
      ],
      { facets: ["benevolence"], columns: { segments: ["crm"] } },
    );
    const result = trustIndex(withCrm, { customerColumn: "crm", rows: Int32Array.of(1, 0) });
    expect(result.customers.map((c) => [c.respondent, c.customer, c.index])).toEqual([
      ["s2", null, 0],
      ["s1", "C-9", 100],
    ]);
  });
});

describe("one entry per customer (responses)", () => {
  // Index = 100·(answer − 1)/6 with all three benevolence items answered alike: 7 → 100, 4 → 50,
  // 1 → 0. C1 answers twice: row 1 dated March, row 3 dated January (an earlier answer in a
  // later row). Row 4 has a blank customer id: it cannot be matched and stays an entry.
  const answers = (x: number) => ({ tbe1: x, tbe2: x, tbe3: x });
  const records = [
    { respondent_id: "s1", crm: "C1", date: "2025-03-01", ...answers(7) },
    { respondent_id: "s2", crm: "C2", date: "2025-01-15", ...answers(1) },
    { respondent_id: "s3", crm: "C1", date: "2025-01-10", ...answers(4) },
    { respondent_id: "s4", crm: "", date: "2025-02-01", ...answers(4) },
  ];
  const survey = (rows: Record<string, unknown>[]) =>
    validateRelationshipSurvey(rows, { facets: ["benevolence"], columns: { segments: ["crm"] } })
      .dataset;

  it("keeps a customer's latest response by date, and lists the earlier one", () => {
    const result = trustIndex(survey(records), { customerColumn: "crm" });
    expect(result.customers.map((c) => [c.respondent, c.customer, c.index])).toEqual([
      ["s1", "C1", 100],
      ["s2", "C2", 0],
      ["s4", null, 50],
    ]);
    expect(result.repeated).toEqual({
      rule: "latest",
      respondents: 4,
      customers: 3,
      repeatedCustomers: 1,
      leftOut: 1,
      rows: [
        { row: 2, sourceRow: 3, respondent: "s3", customer: "C1", keptRow: 0, keptSourceRow: 1 },
      ],
    });
    // the sample is the customers: (100 + 0 + 50)/3, not (100 + 0 + 50 + 50)/4
    expect(result.overall.n).toBe(3);
    expect(result.overall.mean).toBeCloseTo(50, 12);
    expect(result.facets[0]?.n).toBe(3);
    expect(result.warnings.map((w) => w.code)).toEqual(["repeated-customer"]);
  });

  it("without dates (or with an undated response of the customer) keeps the last row", () => {
    const undated = records.map(({ date: _date, ...rest }) => rest);
    const a = trustIndex(survey(undated), { customerColumn: "crm" });
    expect(a.customers.map((c) => [c.respondent, c.index])).toEqual([
      ["s2", 0],
      ["s3", 50],
      ["s4", 50],
    ]);
    expect(a.repeated.rows.map((r) => [r.respondent, r.keptRow])).toEqual([["s1", 2]]);
    const partly = records.map((r) => (r.respondent_id === "s1" ? { ...r, date: "" } : r));
    const b = trustIndex(survey(partly), { customerColumn: "crm" });
    expect(b.customers.map((c) => c.respondent)).toEqual(["s2", "s3", "s4"]);
  });

  it("equal dates go to the later row; rows outside the selection are not compared", () => {
    const same = records.map((r) => ({ ...r, date: "2025-01-10" }));
    expect(
      trustIndex(survey(same), { customerColumn: "crm" }).customers.map((c) => c.respondent),
    ).toEqual(["s2", "s3", "s4"]);
    const selected = trustIndex(survey(records), {
      customerColumn: "crm",
      rows: Int32Array.of(2, 1),
    });
    expect(selected.customers.map((c) => c.respondent)).toEqual(["s3", "s2"]);
    expect(selected.repeated.leftOut).toBe(0);
    expect(selected.warnings).toEqual([]);
  });

  it('responses: "all" keeps every response, counted and warned about', () => {
    const result = trustIndex(survey(records), { customerColumn: "crm", responses: "all" });
    expect(result.customers.map((c) => c.respondent)).toEqual(["s1", "s2", "s3", "s4"]);
    expect(result.repeated).toMatchObject({
      rule: "all",
      respondents: 4,
      customers: 4,
      repeatedCustomers: 1,
      leftOut: 0,
      rows: [],
    });
    expect(result.warnings.map((w) => w.code)).toEqual(["repeated-customer"]);
    expect(thrown(() => trustIndex(survey(records), { responses: "first" as never })).code).toBe(
      "invalid-argument",
    );
  });

  it("respondent ids as customer ids (no customerColumn) are unique: nothing is left out", () => {
    const result = trustIndex(survey(records));
    expect(result.customers).toHaveLength(4);
    expect(result.repeated.repeatedCustomers).toBe(0);
  });
});

describe("facetWeights (trust)", () => {
  // benevolence 7,7,7 → 100; honesty 4,4,4,4 (tho4 reverse-keyed: raw 4 stays 4) → 50
  const { dataset } = validateRelationshipSurvey(
    [{ respondent_id: "w", tbe1: 7, tbe2: 7, tbe3: 7, tho1: 4, tho2: 4, tho3: 4, tho4: 4 }],
    { facets: ["benevolence", "honesty"] },
  );

  it("weights the facets in T: Σ w·index / Σ w", () => {
    expect(trustIndex(dataset).customers[0]?.index).toBe(75);
    expect(trustIndex(dataset, { facetWeights: { honesty: 3 } }).customers[0]?.index).toBeCloseTo(
      (100 + 3 * 50) / 4,
      12,
    );
    expect(trustIndex(dataset, { facetWeights: { benevolence: 0 } }).customers[0]?.index).toBe(50);
    // a weight for a facet the survey did not measure changes nothing
    expect(trustIndex(dataset, { facetWeights: { competence: 5 } }).customers[0]?.index).toBe(75);
  });

  it("refuses unknown names (with the closest), negative or non-finite weights, all zero", () => {
    const typo = thrown(() => trustIndex(dataset, { facetWeights: { honsty: 2 } }));
    expect(typo.code).toBe("invalid-argument");
    expect(typo.message + typo.issues[0]?.message).toContain('did you mean "honesty"');
    const commitment = thrown(() => trustIndex(dataset, { facetWeights: { affective: 1 } }));
    expect(commitment.issues[0]?.message).toContain(
      "benevolence, honesty, reliability, competence",
    );
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, "2"]) {
      expect(
        thrown(() => trustIndex(dataset, { facetWeights: { honesty: bad as number } })).code,
      ).toBe("invalid-argument");
    }
    const zero = { benevolence: 0, honesty: 0, reliability: 0, competence: 0 };
    expect(thrown(() => trustIndex(dataset, { facetWeights: zero })).code).toBe("invalid-argument");
    expect(thrown(() => trustIndex(dataset, { facetWeights: [] as never })).code).toBe(
      "invalid-argument",
    );
  });
});

describe("latestPerCustomer (property)", () => {
  it("respondents = customers + leftOut; one entry per customer, the latest by the documented rule", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            customer: fc.option(fc.constantFrom("A", "B", "C", "D"), { nil: null }),
            day: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
          }),
          { maxLength: 25 },
        ),
        fc.boolean(),
        (rows, withDates) => {
          const n = rows.length;
          const dataset = {
            ids: rows.map((_, i) => `r${i}`),
            sourceRows: Int32Array.from(rows, (_, i) => i + 1),
            dates: withDates
              ? Float64Array.from(rows, (r) => (r.day === null ? Number.NaN : r.day))
              : null,
          } as unknown as Dataset;
          const customers = rows.map((r) => r.customer);
          const all = Int32Array.from({ length: n }, (_, i) => i);
          const { rows: kept, report } = latestPerCustomer(dataset, all, customers, "latest");
          expect(report.respondents).toBe(n);
          expect(report.customers + report.leftOut).toBe(n);
          expect(kept.length).toBe(report.customers);
          // naive oracle: per customer, the last row unless every row is dated, then the latest day
          for (const c of ["A", "B", "C", "D"]) {
            const own = rows.flatMap((r, i) => (r.customer === c ? [i] : []));
            const inKept = Array.from(kept).filter((i) => customers[i] === c);
            if (own.length === 0) {
              expect(inKept).toEqual([]);
              continue;
            }
            const dated = withDates && own.every((i) => rows[i]?.day !== null);
            let best = own[own.length - 1] as number;
            if (dated) {
              const top = Math.max(...own.map((i) => rows[i]?.day as number));
              best = Math.max(...own.filter((i) => rows[i]?.day === top));
            }
            expect(inKept).toEqual([best]);
          }
          // blank customers are all kept, in order
          const blanks = rows.flatMap((r, i) => (r.customer === null ? [i] : []));
          expect(Array.from(kept).filter((i) => customers[i] === null)).toEqual(blanks);
          expect(report.rows.every((r) => customers[r.keptRow] === r.customer)).toBe(true);
        },
      ),
    );
  });
});
