// The hearing console (听证记录台): keyboard entry of the record. Without this script the
// entry form still works as a plain form (one page load per entry).
(function () {
  "use strict";
  function form() { return document.querySelector("[data-entry-form]"); }
  function text() { return document.getElementById("entry-text"); }
  function speaker() { return document.getElementById("entry-speaker"); }

  document.addEventListener("keydown", function (event) {
    var box = text();
    if (!box) { return; }
    if (event.target === box && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      // Enter records; Shift+Enter is a new line; Enter while an input method composes is left alone.
      event.preventDefault();
      if (box.value.trim()) { form().requestSubmit(); }
      return;
    }
    if (event.target === box && event.key === "Escape") { box.value = ""; return; }
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      var digit = /^Digit([1-9])$/.exec(event.code);
      if (digit && speaker() && speaker().options.length >= Number(digit[1])) {
        event.preventDefault();
        speaker().selectedIndex = Number(digit[1]) - 1;
        box.focus();
      } else if (event.code === "KeyT") {
        event.preventDefault();
        box.focus();
      }
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt !== form() || !event.detail.successful) { return; }
    text().value = "";
    text().focus();
    var record = document.getElementById("record");
    if (record) { record.scrollTop = record.scrollHeight; }
  });

  function busy() {
    // Someone is typing or has a form open: do not reload under their hands.
    var box = text();
    if (box && box.value.trim()) { return true; }
    var active = document.activeElement;
    if (active && active !== box && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName)) { return true; }
    return document.querySelector("details.action[open]") !== null;
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    var live = document.getElementById("live");
    var page = document.querySelector("[data-page-phase]");
    if (!live || !page || event.detail.target.id !== "live") { return; }
    if ((live.getAttribute("data-phase") || "") !== (page.getAttribute("data-page-phase") || "")) {
      if (busy()) {
        document.getElementById("phase-changed").hidden = false;
      } else {
        window.location.reload();
      }
    }
  });
})();
