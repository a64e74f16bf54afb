import { describe, expect, it } from "vitest";
import { api, CommandError, toCommandError } from "./api";
import { COMMANDS, commands } from "./bindings/commands";

describe("toCommandError", () => {
  it("keeps the kind and message of a core error", () => {
    const e = toCommandError({ kind: "unknown_region", message: 'There is no body region called "x".' });
    expect(e).toBeInstanceOf(CommandError);
    expect(e.kind).toBe("unknown_region");
    expect(e.message).toBe('There is no body region called "x".');
  });

  it("wraps the string Tauri gives for unreadable arguments", () => {
    const e = toCommandError("invalid args `side` for command `region_detail`");
    expect(e.kind).toBe("ipc");
    expect(e.message).toContain("side");
  });

  it("never loses an error, whatever it is", () => {
    expect(toCommandError(undefined).message).toMatch(/went wrong/);
    expect(toCommandError(new Error("boom")).message).toBe("boom");
  });
});

describe("api", () => {
  const camel = (name: string) => name.replace(/_(.)/g, (_, c: string) => c.toUpperCase());

  it("has a function for every command declared in commands.rs", () => {
    const missing = COMMANDS.filter((name) => typeof (api as Record<string, unknown>)[camel(name)] !== "function");
    expect(missing).toEqual([]);
    expect(Object.keys(api).sort()).toEqual(COMMANDS.map(camel).sort());
  });

  it("sends each argument under the name the command takes", async () => {
    const sent: [string, Record<string, unknown> | undefined][] = [];
    const client = commands(<T>(command: string, args?: Record<string, unknown>) => {
      sent.push([command, args]);
      return Promise.resolve(null as T);
    });
    await client.trend("calf", "left", "2026-01-01", "2026-01-31");
    await client.routine();
    expect(sent).toEqual([
      ["trend", { region: "calf", side: "left", from: "2026-01-01", to: "2026-01-31" }],
      ["routine", undefined],
    ]);
  });
});
