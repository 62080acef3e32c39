// builder's officers' app: focus the result of a form, follow a running build.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const result = document.querySelector("[data-focus]");
  if (result) result.focus();
  const panel = document.getElementById("build-panel");
  if (panel) follow(panel, document.getElementById("build-announce"));
});

// Polls the build's progress every second while it runs; the panel's HTML comes from the
// server's (escaping) templates, and its one-line summary is announced in the live region.
function follow(panel, announce) {
  const say = () => {
    const line = panel.querySelector("[data-announce]");
    if (line && announce.textContent !== line.textContent) announce.textContent = line.textContent;
  };
  say();
  const tick = async () => {
    try {
      const response = await fetch(panel.dataset.poll, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const data = await response.json();
        if (panel.innerHTML !== data.html) panel.innerHTML = data.html;
        panel.dataset.state = data.state;
        say();
      }
    } catch (error) {
      announce.textContent = "Lost contact with the app; reload the page to see the build.";
      return;
    }
    if (panel.dataset.state === "running") window.setTimeout(tick, 1000);
  };
  if (panel.dataset.state === "running") window.setTimeout(tick, 1000);
}
