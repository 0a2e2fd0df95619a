// A purchase older than the 3-year limit is accepted, but the consumer is asked when the problem
// appeared, since the limit runs from then: the note shows as soon as such a date is chosen.
(function () {
  "use strict";
  const input = document.getElementById("purchase_date");
  const note = document.getElementById("old-purchase");
  if (!input || !note) return;
  const years = Number(input.dataset.oldYears);

  function update() {
    const chosen = input.value ? new Date(input.value + "T00:00:00") : null;
    const limit = new Date();
    limit.setHours(0, 0, 0, 0);
    limit.setFullYear(limit.getFullYear() - years);
    note.hidden = !(chosen && chosen < limit);
  }

  input.addEventListener("change", update);
  input.addEventListener("input", update);
})();
