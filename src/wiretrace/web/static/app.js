// Progressive enhancement only (every page works without it): focusing or hovering one piece of a quote
// highlights all its pieces, so a quote interrupted by its cue reads as one.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const pieces = (el) => document.querySelectorAll('a.q[data-q="' + CSS.escape(el.dataset.q) + '"]');
  const set = (el, on) => pieces(el).forEach((p) => p.classList.toggle("on", on));
  document.querySelectorAll("a.q[data-q]").forEach((el) => {
    el.addEventListener("mouseenter", () => set(el, true));
    el.addEventListener("mouseleave", () => set(el, false));
    el.addEventListener("focus", () => set(el, true));
    el.addEventListener("blur", () => set(el, false));
  });
});
