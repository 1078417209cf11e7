// One point on the chart. We want one every 10 seconds!
Plot("temperatura", Weather.Temperature);
