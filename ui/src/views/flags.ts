// Red flags raised by the person's own log: shown prominently with the reason, the advice and
// the source. Acknowledging one marks it as read; it never disappears.

import type { RaisedFlag } from "../bindings/RaisedFlag";
import { h } from "../dom";

const SEVERITY: Record<RaisedFlag["flag"]["severity"], string> = {
  urgent: "Urgent",
  professional: "See a professional",
  caution: "Caution",
};

export function renderRaisedFlags(flags: RaisedFlag[], onAcknowledge: (key: string) => Promise<void>): HTMLElement | null {
  if (!flags.length) return null;
  return h(
    "div",
    { class: "raised-flags", role: "alert" },
    ...flags.map((f) => {
      const ack = f.acknowledged
        ? h("span", { class: "acknowledged" }, "✓ Read")
        : h("button", { type: "button", class: "secondary small", "data-ack": f.key }, "I have read this");
      ack.addEventListener("click", async () => {
        if (f.acknowledged) return;
        await onAcknowledge(f.key);
      });
      return h(
        "div",
        { class: `raised severity-${f.flag.severity}${f.acknowledged ? " is-acknowledged" : ""}`, "data-raised": f.flag.id },
        h("div", { class: "raised-head" }, h("span", { class: `chip chip-${f.flag.severity}` }, SEVERITY[f.flag.severity]), h("strong", {}, f.flag.title)),
        h("p", { class: "raised-reason" }, `Why: ${f.reason}`),
        f.flag.do_now.length
          ? h(
              "div",
              { class: "do-now-box" },
              h("strong", {}, f.flag.severity === "urgent" ? "Do this now:" : "What to do:"),
              h("ol", { class: "do-now" }, ...f.flag.do_now.map((step) => h("li", {}, step))),
            )
          : null,
        h("p", {}, f.flag.advice),
        h("div", { class: "raised-foot" }, h("span", { class: "cite" }, `Source: ${f.sources.map((src) => src.title).join("; ")}`), ack),
      );
    }),
  );
}
