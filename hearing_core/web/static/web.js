// hearing web pages: the little script that progressive enhancement needs.
// Pages work without it (plain forms, full page loads); with it, htmx requests carry the
// CSRF token and the navigation can be folded on small screens.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function csrfToken() {
    // The double-submit cookie (not HttpOnly on purpose) is the freshest token; the meta tag
    // rendered with the page is the fallback.
    var match = document.cookie.match(/(?:^|;\s*)hearing_csrf=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }
  document.addEventListener("htmx:configRequest", function (event) {
    var method = (event.detail.verb || "get").toUpperCase();
    if (method !== "GET") { event.detail.headers["X-CSRF-Token"] = csrfToken(); }
  });
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-nav-toggle]");
    if (!toggle) { return; }
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", open ? "false" : "true");
    if (nav) { nav.classList.toggle("open", !open); }
  });
  document.addEventListener("change", function (event) {
    // Choosing a suggested matter switches the intake form to "join that matter".
    if (event.target.name === "suggested_matter") {
      var join = document.querySelector('input[name="matter_mode"][value="suggested"]');
      if (join) { join.checked = true; }
    }
  });
})();
