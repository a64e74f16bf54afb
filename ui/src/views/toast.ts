// A short message at the bottom of the window, with an optional action (Undo).

import { h } from "../dom";

let current: { el: HTMLElement; timer: number } | null = null;

export function showToast(message: string, action?: { label: string; run: () => void }, ms = 10_000): void {
  if (current) {
    window.clearTimeout(current.timer);
    current.el.remove();
  }
  const button = action ? h("button", { type: "button", class: "toast-action" }, action.label) : null;
  const el = h("div", { class: "toast", role: "status" }, h("span", {}, message), button);
  button?.addEventListener("click", () => {
    el.remove();
    current = null;
    action?.run();
  });
  document.body.append(el);
  current = { el, timer: window.setTimeout(() => el.remove(), ms) };
}
