/**
 * reportProvenance and renderJson's provenance: SHA-256 checked against the FIPS 180-2
 * example ("abc" → ba7816bf…), the instrument hash against Node's own hash of canonical JSON
 * written out by hand, the version against package.json, a fixed time for reproducible text.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { reportProvenance } from "../../src/io/reportProvenance";
import { canonicalJson } from "../../src/report/provenance";
import { renderJson } from "../../src/report/renderJson";
import { validateResponses } from "../../src/responses/validateResponses";
import { VERSION } from "../../src/version";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";
import { handMadeDocument } from "../report/handMadeDocument";

const { report } = validateResponses(
  [
    tinyRecord("r1", [5, 6, 4, 5, 6], [4, 6, 5, 3, 6]),
    tinyRecord("r2", [6, 7, 5, 6, 7], [5, 5, 5, 4, 7]),
  ],
  tinyInstrument,
);

function fileWith(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "servqual-prov-")), "input.csv");
  writeFileSync(path, text);
  return path;
}

describe("reportProvenance", () => {
  it("hashes the input bytes with SHA-256 (FIPS 180-2 example 'abc')", async () => {
    const file = fileWith("abc");
    const p = await reportProvenance({
      file,
      instrument: tinyInstrument,
      validation: report,
      generatedAt: "2026-01-31T09:00:00Z",
    });
    expect(p.input).toEqual({
      file,
      sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      bytes: 3,
    });
    expect(p.generatedAt).toBe("2026-01-31T09:00:00.000Z");
    expect(p.rows).toEqual({ in: 2, used: 2, excluded: 0 });
    expect(p.library).toEqual({ name: "servqual", version: VERSION });
    expect(p.instrument.id).toBe(tinyInstrument.id);
    expect(p.instrument.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes the instrument's canonical JSON, whatever the key order", async () => {
    const shuffled = Object.fromEntries(
      Object.entries(tinyInstrument).reverse(),
    ) as typeof tinyInstrument;
    const a = await reportProvenance({ instrument: tinyInstrument, validation: report });
    const b = await reportProvenance({ instrument: shuffled, validation: report });
    expect(a.instrument.sha256).toBe(b.instrument.sha256);
    expect(canonicalJson({ b: 1, a: [true, null, { d: 2, c: "x" }] })).toBe(
      '{"a":[true,null,{"c":"x","d":2}],"b":1}',
    );
    expect(a.input).toEqual({ file: null, sha256: null, bytes: null });
  });

  it("records the time of the run in UTC by default", async () => {
    const before = Date.now();
    const p = await reportProvenance({ instrument: tinyInstrument, validation: report });
    expect(p.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(p.generatedAt)).toBeGreaterThanOrEqual(before - 1);
  });

  it("rejects a bad time, a missing file and unknown keys with ServqualErrors", async () => {
    for (const generatedAt of ["yesterday", "2026-13-45T99:00:00Z"]) {
      await expect(
        reportProvenance({ instrument: tinyInstrument, validation: report, generatedAt }),
      ).rejects.toThrow(ServqualError);
    }
    await expect(
      reportProvenance({
        file: "/no/such/file.csv",
        instrument: tinyInstrument,
        validation: report,
      }),
    ).rejects.toMatchObject({ code: "invalid-input", issues: [{ code: "file-not-found" }] });
    await expect(
      reportProvenance({
        instrument: tinyInstrument,
        validation: report,
        generatedat: "x",
      } as never),
    ).rejects.toMatchObject({ code: "invalid-options" });
  });

  it("the version is package.json's", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(VERSION).toBe(pkg.version);
  });
});

describe("renderJson with provenance", () => {
  it("writes provenance after the title, byte-identical for a fixed time", async () => {
    const file = fileWith("x,y\n1,2\n");
    const make = async () =>
      renderJson(handMadeDocument, {
        provenance: await reportProvenance({
          file,
          instrument: tinyInstrument,
          validation: report,
          options: { missing: "listwise" },
          generatedAt: new Date(0),
        }),
      });
    const text = await make();
    expect(text).toBe(await make());
    const json = JSON.parse(text);
    expect(Object.keys(json)).toEqual([
      "kind",
      "version",
      "layout",
      "title",
      "provenance",
      "sections",
      "results",
    ]);
    expect(json.provenance.input.sha256).toBe(
      createHash("sha256").update("x,y\n1,2\n").digest("hex"),
    );
    expect(json.provenance.options).toEqual({ missing: "listwise" });
    expect(json.provenance.generatedAt).toBe("1970-01-01T00:00:00.000Z");
    // without provenance, the text is the document alone
    expect(JSON.parse(renderJson(handMadeDocument)).provenance).toBeUndefined();
  });

  it("rejects a provenance of the wrong shape and unknown options", () => {
    expect(() => renderJson(handMadeDocument, { provenance: {} as never })).toThrow(ServqualError);
    expect(() => renderJson(handMadeDocument, { provenanse: {} } as never)).toThrow(ServqualError);
  });
});
