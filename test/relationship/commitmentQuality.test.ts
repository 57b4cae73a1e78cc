import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { commitmentIndex, relationshipQuality, validateRelationshipSurvey } from "../../src/index";

const thrown = (call: () => unknown): ServqualError => {
  try {
    call();
  } catch (error) {
    if (error instanceof ServqualError) return error;
    throw error;
  }
  throw new Error("did not throw");
};

// caf4 is reverse-keyed: a raw 1 is recoded as 7.
const commitmentRows = [
  {
    respondent_id: "c1",
    caf1: 7,
    caf2: 7,
    caf3: 7,
    caf4: 1,
    cnm1: 4,
    cnm2: 4,
    cnm3: 4,
    cca1: 1,
    cca2: 1,
    cca3: 1,
  },
  {
    respondent_id: "c2",
    caf1: 4,
    caf2: 4,
    caf3: 4,
    caf4: 4,
    cnm1: "",
    cnm2: "",
    cnm3: "",
    cca1: 7,
    cca2: 7,
    cca3: 7,
  },
  {
    respondent_id: "c3",
    caf1: 5,
    caf2: "",
    caf3: "",
    caf4: "",
    cnm1: 1,
    cnm2: 1,
    cnm3: "",
    cca1: 4,
    cca2: 4,
    cca3: 4,
  },
];
const { dataset: commitmentData } = validateRelationshipSurvey(commitmentRows, {
  facets: ["affective", "calculative", "normative"],
  missing: "pairwise",
});

describe("commitmentIndex (hand-worked)", () => {
  it("attitudinal = mean(affective, normative); calculative reported, never added", () => {
    const result = commitmentIndex(commitmentData);
    const [c1, c2, c3] = result.customers;
    expect(c1?.facets.affective?.index).toBe(100);
    expect(c1?.facets.normative?.index).toBe(50);
    expect(c1?.facets.calculative?.index).toBe(0);
    expect(c1?.attitudinal).toBe(75);
    expect(c1?.index).toBe(75);
    // c2: no normative answer, calculative 100 left out
    expect(c2?.attitudinal).toBe(50);
    expect(c2?.index).toBe(50);
    // c3: one affective item of four (below max(2, 2)): normative alone
    expect(c3?.facets.affective).toEqual({ index: null, answered: 1, items: 4 });
    expect(c3?.attitudinal).toBe(0);
    expect(result.calculative.mean).toBeCloseTo((0 + 100 + 50) / 3, 12);
    expect(result.overall.mean).toBeCloseTo((75 + 50 + 0) / 3, 12);
    expect(result.evidence).toBeNull();
  });

  it("folds evidence in: C = 0.75·attitudinal + 0.25·E, every record in = used + excluded", () => {
    const result = commitmentIndex(commitmentData, [
      { customer: "c1", contractMonths: 36 },
      { customer: "c1", exclusive: true },
      { customer: "zz", exclusive: true },
      { customer: "c2", investments: 1.5 },
      "not an object" as never,
      {} as never,
      { customer: "c3", contractMonths: -3, switchingCosts: 0.4 },
    ]);
    const [c1, c2, c3] = result.customers;
    expect(c1?.evidence?.index).toBe(100);
    expect(c1?.index).toBeCloseTo(0.75 * 75 + 0.25 * 100, 12);
    expect(c2?.evidence).toBeNull();
    expect(c2?.index).toBe(50);
    expect(c3?.evidence?.index).toBeCloseTo(40, 12);
    expect(c3?.index).toBeCloseTo(0.25 * 40, 12);
    const report = result.evidence;
    expect(report?.recordsIn).toBe(7);
    expect(report?.recordsUsed).toBe(2);
    expect(report?.recordsExcluded).toBe(5);
    expect(report?.exclusionCounts).toEqual({
      "duplicate-id": 1,
      "unknown-customer": 1,
      "no-evidence": 1,
      "not-an-object": 1,
      "missing-customer": 1,
    });
    const bad = report?.issues.filter((i) => i.code === "out-of-range") ?? [];
    expect(bad.map((i) => [i.row, i.column])).toEqual([
      [4, "investments"],
      [7, "contractMonths"],
    ]);
    expect(result.warnings.map((w) => w.code)).toContain("rows-left-out");
  });

  it("weights evidence as asked, and a contract counts fully at fullContractMonths", () => {
    const evidence = [{ customer: "c1", contractMonths: 12, investments: 0.5, exclusive: false }];
    const result = commitmentIndex(commitmentData, evidence, {
      evidenceWeight: 0.5,
      fullContractMonths: 24,
    });
    // components 0.5, 0.5, 0 → E = 100/3
    expect(result.customers[0]?.index).toBeCloseTo(0.5 * 75 + 0.5 * (100 / 3), 12);
    expect(
      commitmentIndex(commitmentData, evidence, { evidenceWeight: 0 }).customers[0]?.index,
    ).toBe(75);
  });

  it("rejects bad settings and evidence that is not an array", () => {
    expect(
      thrown(() => commitmentIndex(commitmentData, undefined, { evidenceWeight: 2 })).code,
    ).toBe("invalid-argument");
    expect(
      thrown(() => commitmentIndex(commitmentData, undefined, { fullContractMonths: 0 })).code,
    ).toBe("invalid-argument");
    expect(thrown(() => commitmentIndex(commitmentData, {} as never)).code).toBe(
      "invalid-argument",
    );
    const trustOnly = validateRelationshipSurvey(
      [{ respondent_id: "r", tbe1: 5, tbe2: 5, tbe3: 5 }],
      {
        facets: ["benevolence"],
      },
    ).dataset;
    expect(thrown(() => commitmentIndex(trustOnly)).code).toBe("invalid-input");
  });
});

describe("relationshipQuality (hand-worked)", () => {
  const full = (a: number) => ({ caf1: a, caf2: a, caf3: a, caf4: 8 - a });
  const { dataset } = validateRelationshipSurvey(
    [
      {
        respondent_id: "q1",
        tbe1: 6,
        tbe2: 6,
        tbe3: 6,
        ...full(7),
        cnm1: 4,
        cnm2: 4,
        cnm3: 4,
        sat1: 4,
        sat2: 4,
        sat3: 4,
      },
      { respondent_id: "q2", tbe1: 1, tbe2: 1, tbe3: 1, ...full(4), cnm1: 4, cnm2: 4, cnm3: 4 },
      {
        respondent_id: "q3",
        tbe1: 4,
        tbe2: 4,
        tbe3: 4,
        ...full(4),
        cnm1: 4,
        cnm2: 4,
        cnm3: 4,
        sat1: 4,
        sat2: 4,
        sat3: 4,
      },
    ],
    { facets: ["benevolence", "affective", "normative", "satisfaction"] },
  );

  it("core = (T + C)/2, extended = 0.6·core + 0.4·mean(S, MG, CN), bands 40 / 65", () => {
    const result = relationshipQuality(dataset);
    const [q1, q2, q3] = result.customers;
    expect(q1?.trust).toBeCloseTo(250 / 3, 12);
    expect(q1?.commitment).toBe(75);
    expect(q1?.core).toBeCloseTo((250 / 3 + 75) / 2, 12);
    expect(q1?.extended).toBeCloseTo(0.6 * ((250 / 3 + 75) / 2) + 0.4 * 50, 12);
    expect(q1?.band).toBe("strong");
    expect(q2?.core).toBe(25);
    expect(q2?.extended).toBeNull();
    expect(q2?.band).toBe("weak");
    expect(q3?.extended).toBe(50);
    expect(q3?.band).toBe("moderate");
    expect(result.bands).toEqual({ weak: 1, moderate: 1, strong: 1 });
    expect(result.facets.map((f) => f.facet)).toEqual([
      "benevolence",
      "affective",
      "normative",
      "satisfaction",
    ]);
  });

  it("a core weight and bands of your own", () => {
    const result = relationshipQuality(dataset, { coreWeight: 1, bands: { weak: 20, strong: 90 } });
    expect(result.customers[0]?.extended).toBeCloseTo((250 / 3 + 75) / 2, 12);
    expect(result.customers.map((c) => c.band)).toEqual(["moderate", "moderate", "moderate"]);
    expect(
      thrown(() => relationshipQuality(dataset, { bands: { weak: 70, strong: 60 } })).code,
    ).toBe("invalid-argument");
    expect(thrown(() => relationshipQuality(dataset, { coreWeight: -1 })).code).toBe(
      "invalid-argument",
    );
  });

  it("by stage: mean indices per stage, respondents without a stage counted", () => {
    const result = relationshipQuality(dataset, {
      stages: { q1: "commitment", q2: "exploration" },
    });
    expect(result.byStage?.map((s) => [s.stage, s.respondents, s.core.mean])).toEqual([
      ["exploration", 1, 25],
      ["commitment", 1, result.customers[0]?.core],
    ]);
    expect(result.withoutStage).toBe(1);
    expect(result.warnings.map((w) => w.code)).toContain("no-stage");
    expect(
      thrown(() => relationshipQuality(dataset, { stages: { q1: "loyal" } as never })).code,
    ).toBe("invalid-argument");
  });
});

describe("facetWeights (commitment)", () => {
  it("weights affective and normative in the attitudinal index; calculative is refused", () => {
    // c1: A = 100, N = 50; c2: A = 50, N not scored; c3: A not scored, N = 0
    const result = commitmentIndex(commitmentData, undefined, {
      facetWeights: { affective: 3 },
    });
    expect(result.customers.map((c) => c.attitudinal)).toEqual([(3 * 100 + 50) / 4, 50, 0]);
    const normativeOnly = commitmentIndex(commitmentData, undefined, {
      facetWeights: { affective: 0 },
    });
    // c2 has only affective, weighted 0: no attitudinal index
    expect(normativeOnly.customers.map((c) => c.attitudinal)).toEqual([50, null, 0]);
    const calculative = thrown(() =>
      commitmentIndex(commitmentData, undefined, { facetWeights: { calculative: 1 } }),
    );
    expect(calculative.code).toBe("invalid-argument");
    expect(calculative.issues[0]?.message).toContain("never added");
    expect(
      thrown(() =>
        commitmentIndex(commitmentData, undefined, {
          facetWeights: { affective: 0, normative: 0 },
        }),
      ).code,
    ).toBe("invalid-argument");
  });
});

describe("relationshipQuality per customer", () => {
  // Customer K1 answered twice (dated); K2 once. Indices 100·(x − 1)/6: 7 → 100, 4 → 50, 1 → 0.
  const answers = (x: number) => ({
    tbe1: x,
    tbe2: x,
    tbe3: x,
    caf1: x,
    caf2: x,
    caf3: x,
    caf4: 8 - x,
  });
  const { dataset } = validateRelationshipSurvey(
    [
      { respondent_id: "a", crm: "K1", date: "2025-01-05", ...answers(1) },
      { respondent_id: "b", crm: "K2", date: "2025-01-06", ...answers(4) },
      { respondent_id: "c", crm: "K1", date: "2025-02-05", ...answers(7) },
    ],
    { facets: ["benevolence", "affective"], columns: { segments: ["crm"] } },
  );

  it("byStage counts each customer once, from the latest response", () => {
    const result = relationshipQuality(dataset, {
      customerColumn: "crm",
      stages: { K1: "commitment", K2: "commitment" },
    });
    expect(result.customers.map((c) => [c.customer, c.core])).toEqual([
      ["K2", 50],
      ["K1", 100],
    ]);
    expect(result.byStage?.map((s) => [s.stage, s.respondents, s.core.mean])).toEqual([
      ["commitment", 2, 75],
    ]);
    expect(result.stageJoin?.respondents).toBe(2);
    expect(result.repeated.leftOut).toBe(1);
    expect(result.repeated.rows[0]?.respondent).toBe("a");
    expect(result.warnings.map((w) => w.code)).toContain("repeated-customer");
    const all = relationshipQuality(dataset, {
      customerColumn: "crm",
      responses: "all",
      stages: { K1: "commitment", K2: "commitment" },
    });
    expect(all.byStage?.[0]?.respondents).toBe(3);
    expect(all.byStage?.[0]?.core.mean).toBeCloseTo(50, 12);
  });

  it("takes trust and commitment facet weights together", () => {
    const { dataset: two } = validateRelationshipSurvey(
      [
        {
          respondent_id: "r",
          ...{ tbe1: 7, tbe2: 7, tbe3: 7, tho1: 1, tho2: 1, tho3: 1, tho4: 7 },
          ...{ caf1: 7, caf2: 7, caf3: 7, caf4: 1, cnm1: 1, cnm2: 1, cnm3: 1 },
        },
      ],
      { facets: ["benevolence", "honesty", "affective", "normative"] },
    );
    // T = (1·100 + 3·0)/4 = 25; C = (1·100 + 1·0)/2 = 50; core 37.5
    const q = relationshipQuality(two, { facetWeights: { honesty: 3 } });
    expect(q.customers[0]?.trust).toBe(25);
    expect(q.customers[0]?.commitment).toBe(50);
    expect(q.customers[0]?.core).toBe(37.5);
    expect(thrown(() => relationshipQuality(two, { facetWeights: { satisfaction: 1 } })).code).toBe(
      "invalid-argument",
    );
  });
});

describe("commitmentIndex against R (psych 2.2.9; test/fixtures/relationship/bank-small.csv)", () => {
  const fixture = (name: string) =>
    fileURLToPath(new URL(`../fixtures/relationship/${name}`, import.meta.url));
  const ref = JSON.parse(readFileSync(fixture("reference.json"), "utf8")).bank;
  const rows = Papa.parse<Record<string, string>>(readFileSync(fixture("bank-small.csv"), "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data;
  const { dataset } = validateRelationshipSurvey(rows, {
    facets: ["affective", "calculative", "normative"],
  });
  const result = commitmentIndex(dataset);

  it("affective, calculative and normative: n, mean, SD, alpha and omega equal R's", () => {
    expect(result.facets.map((f) => f.facet)).toEqual(["affective", "calculative", "normative"]);
    for (const f of result.facets) {
      const r = ref.facets[f.facet];
      expect(f.n).toBe(r.n);
      expect(f.mean).toBeCloseTo(r.mean, 10);
      expect(f.sd).toBeCloseTo(r.sd, 10);
      expect(f.alpha).toBeCloseTo(r.alpha, 6);
      expect(f.omega).toBeCloseTo(r.omega, 4);
    }
  });

  it("each respondent's attitudinal index (mean of affective and normative) equals R's", () => {
    expect(result.customers).toHaveLength(ref.attitudinal.length);
    result.customers.forEach((c, i) => {
      expect(c.attitudinal).toBeCloseTo(ref.attitudinal[i], 10);
      expect(c.index).toBeCloseTo(ref.attitudinal[i], 10);
      const affective = ref.facets.affective.index[i];
      if (affective === null) expect(c.facets.affective?.index).toBeNull();
      else expect(c.facets.affective?.index).toBeCloseTo(affective, 10);
    });
    // b08 answered one affective item of four, b20 no normative item: R's NA, our null
    expect(result.customers[7]?.facets.affective?.index).toBeNull();
    expect(result.customers[19]?.facets.normative?.index).toBeNull();
    expect(result.calculative.mean).toBeCloseTo(ref.facets.calculative.mean, 10);
  });
});
