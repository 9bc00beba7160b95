// The dashboard's charts (Chart.js, vendored in static/vendor/chartjs), each drawn from the figures its table carries
// in a json_script element (the Content Security Policy allows no inline script); the same figures are in the table
// beside each chart, which is what screen readers and the printed page rely on. And the print button.
(function () {
  'use strict'

  var printButton = document.querySelector('[data-dashboard-print]')
  if (printButton) {
    printButton.hidden = false
    printButton.addEventListener('click', function () { window.print() })
  }
  if (typeof window.Chart === 'undefined') return

  // GOV.UK Design System colours.
  var colours = ['#1d70b8', '#d4351c', '#00703c', '#f47738', '#4c2c92', '#505a5f']
  var still = window.matchMedia('(prefers-reduced-motion: reduce)').matches

  document.querySelectorAll('canvas[data-dashboard-chart]').forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute('data-dashboard-chart'))
    if (!source) return
    var data = JSON.parse(source.textContent)
    if (data.horizontal) canvas.parentNode.style.height = Math.max(200, 36 * data.labels.length + 100) + 'px'
    // eslint-disable-next-line no-new
    new window.Chart(canvas, {
      type: data.kind,
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return {
            label: s.label,
            data: s.values,
            backgroundColor: colours[i % colours.length],
            borderColor: colours[i % colours.length],
            borderWidth: data.kind === 'line' ? 3 : 1,
            fill: false
          }
        })
      },
      options: {
        indexAxis: data.horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: still ? false : undefined,
        scales: {
          x: { stacked: data.stacked, beginAtZero: true },
          y: { stacked: data.stacked, beginAtZero: true, ticks: { precision: 0 } }
        },
        plugins: { legend: { position: 'bottom' } }
      }
    })
  })
})()
