// The quality timeline on /calls/{id}: the stored samples of both parties, one chart per figure
// (Chart.js, restored from npm into /lib like the SignalR client).
const main = document.querySelector('[data-samples-url]');
const colours = [['#2563eb', '#93c5fd'], ['#dc2626', '#fca5a5']];

// Each chart: for each party, the series it draws (label suffix and how to read a sample).
const charts = {
  loss: { unit: '%', series: [['sent', p => p.lossInPercent], ['received', p => p.lossOutPercent]] },
  jitter: { unit: 'ms', series: [['', p => p.jitterMs]] },
  rtt: { unit: 'ms', series: [['', p => p.rttMs]] },
  bitrate: { unit: 'kbit/s', series: [['sent', p => p.bitrateInKbps], ['received', p => p.bitrateOutKbps]] },
};

async function draw() {
  const response = await fetch(main.dataset.samplesUrl, { credentials: 'same-origin' });
  if (!response.ok) {
    return;
  }

  const timeline = await response.json();
  const all = timeline.parties.flatMap(p => p.samples);
  main.dataset.sampleCount = String(all.length);
  if (all.length === 0) {
    document.querySelector('[data-testid="quality-empty"]').hidden = false;
    return;
  }

  // Seconds from the first sample: no date adapter needed for a linear axis.
  const start = Math.min(...all.map(s => Date.parse(s.at)));
  for (const canvas of document.querySelectorAll('canvas[data-metric]')) {
    const chart = charts[canvas.dataset.metric];
    const datasets = [];
    timeline.parties.forEach((party, i) => {
      chart.series.forEach(([suffix, read], j) => {
        datasets.push({
          label: suffix ? `${party.name} ${suffix}` : party.name,
          data: party.samples.map(s => ({ x: (Date.parse(s.at) - start) / 1000, y: read(s) })),
          borderColor: colours[i % 2][j % 2],
          backgroundColor: colours[i % 2][j % 2],
          pointRadius: 1,
          spanGaps: false,
        });
      });
    });
    new Chart(canvas, {
      type: 'line',
      data: { datasets },
      options: {
        animation: false,
        parsing: false,
        // The wrapper (.quality-chart) sets the size; Chart.js fills it.
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', title: { display: true, text: 's' } },
          y: { beginAtZero: true },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    });
    canvas.dataset.drawn = 'true';
  }
}

if (main && window.Chart) {
  draw();
}
