// Suggestions from the complaint's own text. When the consumer leaves the description, Redress
// reads it and offers answers for the fields still empty; each is marked as a suggestion until
// the consumer edits it. A field the consumer filled is never touched, and without this script
// nothing is suggested: the complaint is filed with exactly what was typed.
(function () {
  "use strict";
  const box = document.getElementById("suggestions");
  const form = box && box.closest("form");
  if (!form) return;
  const description = form.elements.namedItem("description");
  const token = form.elements.namedItem("csrf_token");
  let asked = "";

  function mark(input) {
    const note = document.createElement("p");
    note.className = "hint suggested-note";
    note.textContent = box.dataset.note;
    input.classList.add("suggested");
    input.insertAdjacentElement("afterend", note);
    const keep = function () {
      input.classList.remove("suggested");
      note.remove();
    };
    input.addEventListener("input", keep, { once: true });
    input.addEventListener("change", keep, { once: true });
  }

  async function suggest() {
    const text = description.value.trim();
    if (text.length < 20 || text === asked) return;
    asked = text;
    let answer;
    try {
      answer = await fetch(box.dataset.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
        body: JSON.stringify({ description: text }),
      });
    } catch (error) {
      return; // offline or refused: the form works without suggestions
    }
    if (!answer.ok) return;
    const found = (await answer.json()).suggestions || {};
    let shown = 0;
    for (const [name, value] of Object.entries(found)) {
      const input = form.elements.namedItem(name);
      if (!input || input.value || typeof value !== "string") continue;
      input.value = value;
      if (input.value !== value) continue; // a select without that option
      mark(input);
      shown += 1;
    }
    box.hidden = shown === 0;
  }

  description.addEventListener("change", suggest);
})();
