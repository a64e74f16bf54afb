// The search box: one field across regions, points, techniques and muscles. Results appear in
// a list under it; Enter opens the first (or the highlighted) one.

import { toCommandError } from "../api";
import type { SearchResult } from "../bindings/SearchResult";
import type { SearchResults } from "../bindings/SearchResults";
import { h } from "../dom";

const KIND_LABEL: Record<SearchResult["kind"], string> = {
  region: "Region",
  point: "Point",
  technique: "Technique",
  muscle: "Muscle",
};

export function renderSearch(onOpen: (result: SearchResult) => void, find: (query: string) => Promise<SearchResults>): HTMLElement {
  const input = h("input", {
    type: "search",
    class: "search-input",
    placeholder: "Search: calf, BL40, Weizhong, behind the knee…",
    "aria-label": "Search regions, points, techniques and muscles",
    "aria-controls": "search-results",
    autocomplete: "off",
    spellcheck: "false",
  });
  const list = h("div", { id: "search-results", class: "search-results", role: "listbox", hidden: true });
  let results: SearchResult[] = [];
  let active = -1;
  let ticket = 0;

  const close = () => {
    list.hidden = true;
    active = -1;
  };
  const open = (result: SearchResult | undefined) => {
    if (!result) return;
    close();
    onOpen(result);
  };
  const highlight = (index: number) => {
    active = index;
    list.querySelectorAll(".search-result").forEach((el, i) => {
      el.classList.toggle("active", i === index);
      el.setAttribute("aria-selected", String(i === index));
    });
  };
  const show = (items: SearchResult[], message: string | undefined, query = "") => {
    results = items;
    active = -1;
    // Which query the list answers: results for an earlier keystroke are replaced as typing goes on.
    list.dataset.query = query;
    list.replaceChildren(
      ...items.map((r, i) => {
        const row = h(
          "button",
          { type: "button", class: "search-result", role: "option", "data-kind": r.kind, "data-id": r.id, "aria-selected": "false" },
          h("span", { class: `kind kind-${r.kind}` }, KIND_LABEL[r.kind]),
          h("span", { class: "result-title" }, r.title),
          h("span", { class: "result-subtitle" }, r.subtitle),
        );
        row.addEventListener("mousedown", (e) => e.preventDefault());
        row.addEventListener("click", () => open(items[i]));
        return row;
      }),
      ...(message ? [h("p", { class: "search-message", role: "status" }, message)] : []),
    );
    list.hidden = items.length === 0 && !message;
  };
  const run = async () => {
    const mine = ++ticket;
    const query = input.value;
    if (query.trim() === "") {
      show([], undefined);
      return;
    }
    try {
      const found = await find(query);
      if (mine === ticket) show(found.results, found.message, query);
    } catch (raw) {
      if (mine === ticket) show([], toCommandError(raw).message);
    }
  };

  input.addEventListener("input", () => void run());
  input.addEventListener("focus", () => {
    if (list.childElementCount) list.hidden = false;
  });
  input.addEventListener("blur", () => close());
  input.addEventListener("keydown", async (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      await run();
      open(results[active >= 0 ? active : 0]);
    } else if (e.key === "ArrowDown" && results.length) {
      e.preventDefault();
      list.hidden = false;
      highlight((active + 1) % results.length);
    } else if (e.key === "ArrowUp" && results.length) {
      e.preventDefault();
      highlight((active - 1 + results.length) % results.length);
    } else if (e.key === "Escape") {
      close();
    }
  });

  return h("div", { class: "search" }, input, list);
}
