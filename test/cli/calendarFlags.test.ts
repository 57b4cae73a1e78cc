/**
 * The calendar of delivery records on the command line (`--business-hours`, `--business-days`,
 * `--time-zone`, `--holidays`), run as a user runs it (the built dist/cli.js). The fixture is
 * one standard (first response within 4 business hours) and five tickets in December 2024;
 * every expected compliance below is counted by hand in business hours:
 *
 * | ticket | created → first response (UTC) | Mon–Fri 09–17 UTC | + holidays 25, 26 Dec | Mon–Sat | 07:00–19:00 | New York (UTC−5) |
 * | r1 | Tue 24 15:00 → Fri 27 10:00 | 2+8+8+1 = 19 miss | 2+0+0+1 = 3 met | 19 miss | 4+12+12+3 = 31 miss | 7+8+8+0 = 23 miss |
 * | r2 | Mon 23 16:00 → Tue 24 11:00 | 1+2 = 3 met | 3 met | 3 met | 3+4 = 7 miss | 6+0 = 6 miss |
 * | r3 | Sat 21 10:00 → Sat 21 16:00 | 0 met | 0 met | 6 miss | 0 met | 0 met |
 * | r4 | Mon 16 07:00 → Mon 16 12:30 | 3.5 met | 3.5 met | 3.5 met | 5.5 miss | 0 met (02:00–07:30) |
 * | r5 | Tue 17 14:00 → Tue 17 19:00 | 3 met | 3 met | 3 met | 5 miss | 5 miss (09:00–14:00) |
 * | compliance | | 4/5 | 5/5 | 3/5 | 1/5 | 2/5 |
 *
 * Regional holidays (25 and 26 Dec for one region only; r1, r2 are North, r3–r5 South): only
 * r1 spans them. North's holidays: r1 takes 2+0+0+1 = 3 h and meets (North 2/2, South 3/3,
 * 5/5). South's: r1 still takes 19 h and misses (North 1/2, South 3/3, 4/5).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { calendarFlagsOf } from "../../src/cli/calendarFlags";
import { demoCsv, runCli, tempFolder } from "./runCli";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/operations/calendar/${name}`, import.meta.url));
const BASE = [
  "report",
  demoCsv,
  "--standards",
  fixture("standards.csv"),
  "--records",
  fixture("records.csv"),
  "--generated-at",
  "2025-01-31T00:00:00Z",
];

interface FiveGapJson {
  gap3: {
    overall: { compliance: number; met: number; evaluated: number };
    items: { byRegion: { group: string; met: number; evaluated: number }[] }[];
  };
  inputs: {
    input: string;
    recordsIn: number;
    recordsUsed: number;
    exclusionCounts: Record<string, number>;
  }[];
}

function report(args: readonly string[]): {
  code: number | null;
  stderr: string;
  fiveGap: FiveGapJson;
  provenance: Record<string, string>;
  md: string;
} {
  const out = tempFolder();
  const { code, stderr } = runCli([
    ...BASE,
    ...args,
    "--out",
    out,
    "--quiet",
    "--format",
    "md,json",
  ]);
  const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
  return {
    code,
    stderr,
    fiveGap: json.results.fiveGap,
    provenance: json.provenance.options.fiveGap,
    md: readFileSync(join(out, "report.md"), "utf8"),
  };
}

describe("servqual report: the calendar of the delivery records", () => {
  it("measures Mon–Fri 09:00–17:00 UTC by default", () => {
    const { code, fiveGap } = report([]);
    expect(code).toBe(0);
    expect(fiveGap.gap3.overall).toMatchObject({ met: 4, evaluated: 5, compliance: 0.8 });
  });

  it("--holidays closes the holidays of every region and lists the rows it could not use", () => {
    const { code, fiveGap, provenance, md } = report(["--holidays", fixture("holidays.csv")]);
    expect(code).toBe(0);
    // 25 and 26 December closed: r1 takes 3 business hours and meets the 4-hour standard
    expect(fiveGap.gap3.overall).toMatchObject({ met: 5, evaluated: 5, compliance: 1 });
    const holidays = fiveGap.inputs.find((input) => input.input === "holidays");
    // The Scottish holiday is used (it closes Scotland's records, and there are none).
    expect(holidays).toMatchObject({ recordsIn: 5, recordsUsed: 3 });
    expect(holidays?.exclusionCounts).toEqual({ "bad-date": 1, "duplicate-id": 1 });
    expect(provenance.holidays).toBe("holidays.csv");
    expect(md).toContain("holidays");
  });

  it("--holidays with a region closes that region's records only", () => {
    const byRegion = (fiveGap: FiveGapJson) =>
      Object.fromEntries(
        (fiveGap.gap3.items[0]?.byRegion ?? []).map((g) => [g.group, [g.met, g.evaluated]]),
      );
    const north = report(["--holidays", fixture("holidays-north.csv")]);
    expect(north.code).toBe(0);
    expect(byRegion(north.fiveGap)).toEqual({ North: [2, 2], South: [3, 3] });
    expect(north.fiveGap.gap3.overall).toMatchObject({ met: 5, evaluated: 5 });
    const south = report(["--holidays", fixture("holidays-south.csv")]);
    expect(byRegion(south.fiveGap)).toEqual({ North: [1, 2], South: [3, 3] });
    expect(south.fiveGap.gap3.overall).toMatchObject({ met: 4, evaluated: 5 });
    const used = south.fiveGap.inputs.find((input) => input.input === "holidays");
    expect(used).toMatchObject({ recordsIn: 2, recordsUsed: 2 });
  });

  it("--business-days opens Saturday", () => {
    const { fiveGap, provenance } = report(["--business-days", "mon-sat"]);
    expect(fiveGap.gap3.overall).toMatchObject({ met: 3, compliance: 0.6 });
    expect(provenance.businessDays).toBe("mon-sat");
  });

  it("--business-hours widens the day", () => {
    const { fiveGap } = report(["--business-hours", "07:00-19:00"]);
    expect(fiveGap.gap3.overall).toMatchObject({ met: 1, compliance: 0.2 });
  });

  it("--time-zone measures records without a zone in local time", () => {
    const { fiveGap, provenance } = report(["--time-zone", "America/New_York"]);
    expect(fiveGap.gap3.overall).toMatchObject({ met: 2, compliance: 0.4 });
    expect(provenance.timeZone).toBe("America/New_York");
  });
});

describe("servqual report: misuse of the calendar options", () => {
  const usage = (args: readonly string[]) => {
    const { code, stderr } = runCli([...BASE, ...args, "--out", tempFolder()]);
    return { code, stderr };
  };

  it("rejects an unknown zone with exit 2 and the closest name", () => {
    const { code, stderr } = usage(["--time-zone", "Europe/Londn"]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--time-zone must be an IANA time zone such as Europe/London, not "Europe/Londn"; did you mean Europe/London?',
    );
    expect(usage(["--time-zone", "+02:00"]).code).toBe(2);
  });

  it("rejects bad hours and days with exit 2", () => {
    for (const hours of ["17:00-09:00", "9-17", "08:00-12:00,11:00-17:00", "24:00-24:00"]) {
      const { code, stderr } = usage(["--business-hours", hours]);
      expect(code, hours).toBe(2);
      expect(stderr).toContain("--business-hours must be windows");
    }
    for (const days of ["fri-mon", "mon-fry", "weekdays", "mon--fri"]) {
      const { code, stderr } = usage(["--business-days", days]);
      expect(code, days).toBe(2);
      expect(stderr).toContain("--business-days");
    }
    expect(usage(["--business-days", "mon-fry"]).stderr).toContain("did you mean fri?");
  });

  it("needs --records", () => {
    const { code, stderr } = runCli([
      "report",
      demoCsv,
      "--holidays",
      fixture("holidays.csv"),
      "--out",
      tempFolder(),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      "--holidays sets the calendar of the delivery records: it needs --records FILE",
    );
  });

  it("stops with exit 1 naming --holidays for a file it cannot read", () => {
    const { code, stderr } = usage(["--holidays", fixture("no-such-file.csv")]);
    expect(code).toBe(1);
    expect(stderr).toContain("servqual: --holidays");
    expect(stderr).toContain("no-such-file.csv");
  });

  it("lists every option in --help", () => {
    const { stdout } = runCli(["report", "--help"]);
    for (const option of ["--business-hours", "--business-days", "--time-zone", "--holidays"]) {
      expect(stdout).toContain(option);
    }
  });
});

describe("calendarFlagsOf", () => {
  const flags = (values: Record<string, string>) => calendarFlagsOf((name) => values[name], true);

  it("opens the listed days (ranges inside a comma list) with the given windows", () => {
    expect(
      flags({ "business-days": "mon-wed,sat", "business-hours": "08:00-12:00,13:00-24:00" })?.hours,
    ).toEqual({
      mon: "08:00-12:00,13:00-24:00",
      tue: "08:00-12:00,13:00-24:00",
      wed: "08:00-12:00,13:00-24:00",
      thu: null,
      fri: null,
      sat: "08:00-12:00,13:00-24:00",
      sun: null,
    });
    expect(flags({ "business-hours": "10:00-16:00" })?.hours?.sat).toBeNull();
    expect(flags({ "business-hours": "10:00-16:00" })?.hours?.fri).toBe("10:00-16:00");
    expect(flags({ "time-zone": "Asia/Tokyo" })).toEqual({ timeZone: "Asia/Tokyo" });
    expect(flags({})).toBeUndefined();
  });
});
