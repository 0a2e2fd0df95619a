// Files over the size limit are refused in the browser, before minutes of uploading end in a
// refusal. The input names its limit (data-max-bytes) and the message (data-too-large); the
// server checks again, so without this script nothing changes but the wait.
(function () {
  "use strict";
  function refuse(input, message) {
    let note = document.getElementById(input.id + "-too-large");
    if (!note) {
      note = document.createElement("p");
      note.id = input.id + "-too-large";
      note.className = "error";
      note.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", note);
    }
    note.textContent = message;
    note.hidden = !message;
    const described = (input.getAttribute("aria-describedby") || "").split(" ")
      .filter(function (id) { return id && id !== note.id; });
    if (message) described.push(note.id);
    if (described.length) input.setAttribute("aria-describedby", described.join(" "));
    input.setAttribute("aria-invalid", message ? "true" : "false");
  }

  function check(input) {
    const maxBytes = Number(input.dataset.maxBytes);
    const tooLarge = Array.from(input.files || []).filter(function (file) {
      return file.size > maxBytes;
    });
    if (!tooLarge.length) {
      refuse(input, "");
      return;
    }
    const mb = String(Math.floor(maxBytes / (1024 * 1024)));
    refuse(input, tooLarge.map(function (file) {
      return input.dataset.tooLarge.replace("%(name)s", file.name).replace("%(mb)d", mb);
    }).join(" "));
    input.value = "";  // nothing over the limit is sent
  }

  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    input.addEventListener("change", function () { check(input); });
  });
})();
