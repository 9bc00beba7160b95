// The budget report's chart (Chart.js, vendored in static/vendor/chartjs) drawn from the figures the page carries in a
// json_script element (the Content Security Policy allows no inline script), and its print button. The same
// figures are in the table under the chart, which is what screen readers and the printed page rely on.
(function () {
  'use strict'

  var printButton = document.querySelector('[data-procurement-print]')
  if (printButton) {
    printButton.hidden = false
    printButton.addEventListener('click', function () { window.print() })
  }

  var source = document.getElementById('budget-chart-data')
  var canvas = document.getElementById('budget-chart')
  if (!source || !canvas || typeof window.Chart === 'undefined') return
  var data = JSON.parse(source.textContent)
  canvas.parentNode.style.height = Math.max(200, 48 * data.labels.length + 120) + 'px' // a bar a cost centre
  var pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 })

  // GOV.UK Design System colours: dark blue, blue, light grey.
  var series = [
    { label: 'Spent', values: data.spent, colour: '#003078' },
    { label: 'Committed', values: data.committed, colour: '#1d70b8' },
    { label: 'Remaining', values: data.remaining, colour: '#b1b4b6' }
  ]

  // eslint-disable-next-line no-new
  new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: series.map(function (s) {
        return { label: s.label, data: s.values, backgroundColor: s.colour, borderColor: '#0b0c0c', borderWidth: 1 }
      })
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : undefined,
      scales: {
        x: { stacked: true, ticks: { callback: function (value) { return pounds.format(value) } } },
        y: { stacked: true }
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: function (context) { return context.dataset.label + ': ' + pounds.format(context.parsed.x) }
          }
        }
      }
    }
  })
})()
