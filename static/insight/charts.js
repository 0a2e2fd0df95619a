/* Draws the dashboard's charts with the vendored Chart.js; each chart's numbers are also in the
   table beside it, and its canvas carries a text alternative (aria-label). */
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var colour = "#2f6f8f";
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var horizontal = data.type === "bar" && data.labels.length > 8;
    new Chart(canvas, {
      type: data.type,
      data: {
        labels: data.labels,
        datasets: [{ label: data.label, data: data.values, backgroundColor: colour,
                     borderColor: colour, pointRadius: 2, tension: 0 }]
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
      }
    });
  });
}());
