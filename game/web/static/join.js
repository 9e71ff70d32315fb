// Tender Game: joining a served session (the room PIN, a team, a display name, the roles taken).
"use strict";
(function () {
  const UI = JSON.parse(document.getElementById("ui").textContent);
  const lang = document.body.dataset.lang || "en";
  const $ = (id) => document.getElementById(id);
  const err = $("error");
  let pin = "";
  let team = "";

  // A device that has joined goes straight back to its team (a refresh, a browser reopened).
  const params = new URLSearchParams(location.search);
  // (A QR code scanned again on a device that has joined keeps it in its team too.)
  if (localStorage.getItem("tg.token")) {
    location.replace("/team");
    return;
  }
  if (!$("pin").value && localStorage.getItem("tg.pin")) $("pin").value = localStorage.getItem("tg.pin");

  async function post(url, body) {
    const res = await fetch(url + "?lang=" + lang, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
    });
    let data = {};
    try { data = await res.json(); } catch (e) { data = { msg: res.statusText }; }
    return { ok: res.ok, data };
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function ready() {
    $("join").disabled = !(team && $("name").value.trim());
  }

  $("pin-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    pin = $("pin").value.trim();
    if (!pin) return;
    const { ok, data } = await post("/api/room", { pin });
    if (!ok) { err.textContent = data.msg || "?"; return; }
    const box = $("teams");
    box.replaceChildren();
    for (const t of data.teams) {
      const b = el("button", "", null);
      b.type = "button";
      b.setAttribute("role", "radio");
      b.dataset.team = t.name;
      b.append(el("strong", "", t.name));
      b.append(el("small", "", t.members.length ? UI.already + " " + t.members.join(", ") : UI.nobody));
      b.addEventListener("click", () => {
        team = t.name;
        for (const x of box.children) x.classList.toggle("on", x === b);
        ready();
        $("name").focus();
      });
      box.append(b);
    }
    $("pin-form").hidden = true;
    $("team-form").hidden = false;
    $("name").value = localStorage.getItem("tg.name") || "";
    ready();
  });

  $("name").addEventListener("input", ready);
  // Several roles may be taken; an observer takes no other.
  const picks = () => Array.from(document.querySelectorAll("#roles input[name=role]"));
  for (const box of picks()) {
    box.addEventListener("change", () => {
      if (!box.checked) return;
      for (const other of picks()) {
        if (other !== box && (box.value === "observer" || other.value === "observer")) other.checked = false;
      }
    });
  }

  $("team-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    const name = $("name").value.trim();
    if (!team || !name) return;
    $("join").disabled = true;
    const roles = picks().filter((b) => b.checked).map((b) => b.value);
    const { ok, data } = await post("/api/join", { pin, team, name, roles, lang });
    if (!ok) { err.textContent = data.msg || "?"; ready(); return; }
    localStorage.setItem("tg.token", data.token);
    localStorage.setItem("tg.pin", pin);
    localStorage.setItem("tg.name", name);
    localStorage.setItem("tg.lang", lang);
    location.replace("/team?lang=" + lang);
  });

  if ($("pin").value) $("pin-form").requestSubmit();
})();
