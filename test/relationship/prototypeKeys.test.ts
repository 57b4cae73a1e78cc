import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { riskyLabel } from "../../src/_lib/labelRisk";
import { ServqualError } from "../../src/_lib/ServqualError";
import { relationshipFeatures, validateEvents } from "../../src/index";
import { runRelationshipFeaturesSql } from "../../src/sql/runRelationshipFeaturesSql";
import { duckdbEngine } from "../sql/engines";

/**
 * Names that are properties of every plain object (`Object.prototype`): as customer ids,
 * wallet keys and typeMap names they must behave like any other name.
 */
const INHERITED = [
  "__proto__",
  "toString",
  "constructor",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
  "__defineGetter__",
];

const ASOF = "2024-12-31T00:00:00Z";

/** A record whose one key is `key` as an own property (as JSON.parse makes it). */
function own<T>(key: string, value: T): Record<string, T> {
  return JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`) as Record<string, T>;
}

/**
 * Customer `id`: purchases of 100 (2024-03-01) and 60 (2024-11-15) within the last 365 days
 * and one of 40 (2023-06-01) before it, in the type named `purchaseName`.
 */
function eventsOf(id: string, purchaseName = "purchase") {
  return [
    { id: "e1", customer: id, timestamp: "2023-06-01", type: purchaseName, value: 40 },
    { id: "e2", customer: id, timestamp: "2024-03-01", type: purchaseName, value: 100 },
    { id: "e3", customer: id, timestamp: "2024-11-15", type: purchaseName, value: 60 },
  ];
}

describe("ids that are names of Object.prototype properties", () => {
  it("own() makes an own key, also for __proto__", () => {
    const record = own("__proto__", 5);
    expect(Object.keys(record)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });

  it.each(INHERITED)("%s as a customer id with a wallet: share = 160 / 400", (id) => {
    const { events, report } = validateEvents(eventsOf(id));
    expect(report.eventsUsed).toBe(3);
    expect(events.customers).toEqual([id]);
    // the wallet names the customer: 160 of value in the last 365 days over 400
    const known = relationshipFeatures(events, { asOf: ASOF, wallet: own(id, 400) });
    expect(known.customers[0]?.shareOfWallet).toBe(0.4);
    expect(known.warnings.map((w) => w.code)).not.toContain("unknown-wallet");
    // a wallet without the customer: null (not NaN) and the unknown-wallet warning
    const unknown = relationshipFeatures(events, { asOf: ASOF, wallet: { someone: 400 } });
    expect(unknown.customers[0]?.shareOfWallet).toBeNull();
    expect(unknown.warnings.map((w) => w.code)).toContain("unknown-wallet");
  });

  it.each(INHERITED)("%s as a typeMap name maps the type", (name) => {
    const { events, report } = validateEvents(eventsOf("c1", name), {
      typeMap: own(name, "purchase"),
    });
    expect(report.eventsExcluded).toBe(0);
    expect(report.issueCounts["unknown-event-type"]).toBeUndefined();
    expect(relationshipFeatures(events, { asOf: ASOF }).customers[0]?.purchases).toBe(3);
  });

  it.each(INHERITED)("%s unmapped is an unknown type, with or without a typeMap", (name) => {
    for (const typeMap of [undefined, { order: "purchase" as const }]) {
      const { report } = validateEvents(
        [...eventsOf("c1"), { id: "x", customer: "c1", timestamp: "2024-01-01", type: name }],
        typeMap === undefined ? {} : { typeMap },
      );
      expect(report.exclusionCounts).toEqual({ "unknown-event-type": 1 });
    }
  });

  it.each(INHERITED)("%s as a rates key is an invalid option like any other bad code", (name) => {
    let error: unknown;
    try {
      validateEvents(eventsOf("c1"), { currency: "EUR", rates: own(name, 0.5) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ServqualError);
    expect((error as ServqualError).issues.map((i) => i.path)).toEqual([["rates", name]]);
  });

  it.each(INHERITED)("%s as a wallet key with a bad spend is an invalid option", (name) => {
    expect(() =>
      relationshipFeatures(validateEvents(eventsOf("c1")).events, {
        asOf: ASOF,
        wallet: own(name, -1),
      }),
    ).toThrow(ServqualError);
  });

  it("property: any id gives the features of an ordinary id, wallet and typeMap included", () => {
    const idArb = fc.oneof(
      fc.constantFrom(...INHERITED),
      fc
        .string({ minLength: 1, maxLength: 12 })
        // (a label that starts like a formula or holds markup gets a warning of its own:
        // eventLabels.test.ts)
        .filter((s) => s.trim() === s && s.length > 0 && s !== "plain" && !riskyLabel(s)),
    );
    fc.assert(
      fc.property(idArb, fc.integer({ min: 1, max: 10_000 }), (id, spend) => {
        const options = { typeMap: own(id, "purchase" as const) };
        const named = validateEvents(eventsOf(id, id), options);
        const plain = validateEvents(eventsOf("plain", "plain"), {
          typeMap: { plain: "purchase" },
        });
        const strip = <T extends { issues: readonly { message: string }[] }>(r: T) =>
          r.issues.map((i) => ({ ...i, message: "" }));
        expect(strip(named.report)).toEqual(strip(plain.report));
        const a = relationshipFeatures(named.events, { asOf: ASOF, wallet: own(id, spend) });
        const b = relationshipFeatures(plain.events, { asOf: ASOF, wallet: { plain: spend } });
        expect(a.customers.map((c) => ({ ...c, customer: "" }))).toEqual(
          b.customers.map((c) => ({ ...c, customer: "" })),
        );
        expect(a.customers[0]?.shareOfWallet).toBe(160 / spend);
      }),
      { numRuns: 200 },
    );
  });
});

describe("ids that are names of Object.prototype properties, in SQL", () => {
  it("each as a customer id gets its share of the wallet (DuckDB)", async () => {
    const engine = await duckdbEngine();
    try {
      const rows = INHERITED.flatMap((id, k) =>
        eventsOf(id).map((e) => [`${e.id}-${k}`, e.customer, e.timestamp, e.type, e.value]),
      );
      await engine.load(
        "events",
        { header: ["id", "customer", "timestamp", "type", "value"], rows },
        { textColumns: 4 },
      );
      const wallet = JSON.parse(
        `{${INHERITED.map((id, k) => `${JSON.stringify(id)}:${400 * (k + 1)}`).join(",")}}`,
      ) as Record<string, number>;
      expect(Object.keys(wallet)).toHaveLength(INHERITED.length);
      const result = await runRelationshipFeaturesSql(engine.connection, {
        table: "events",
        asOf: ASOF,
        wallet,
        columns: { currency: null, product: null, initiator: null },
      });
      const share = new Map(result.customers.map((c) => [c.customer, c.shareOfWallet]));
      for (const [k, id] of INHERITED.entries()) {
        expect(share.get(id), id).toBeCloseTo(160 / (400 * (k + 1)), 14);
      }
      expect(result.warnings.map((w) => w.code)).not.toContain("unknown-wallet");
    } finally {
      await engine.close();
    }
  }, 60_000);
});
