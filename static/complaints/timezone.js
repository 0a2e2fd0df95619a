// Times on the tracking page are shown in the browser's own time zone: this remembers the zone
// in a cookie (tz) that the server reads from the next page on. Without it, or for a zone the
// server does not know, times are in Asia/Shanghai, and the page always names the zone it uses.
(function () {
  "use strict";
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  if (!/^[A-Za-z0-9_+\-\/]{1,64}$/.test(zone)) return;
  const kept = document.cookie.split("; ").find(function (c) { return c.indexOf("tz=") === 0; });
  if (kept === "tz=" + zone) return;
  document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
})();
