using Relay.LoadGenerator;

var options = Options.Parse(args);
await using var run = await LoadRun.StartAsync(options);
var result = await run.MeasureAsync();
Report.Print(options, result, Console.Out);
return result.Lost == 0 && result.HandlerFaults == 0 ? 0 : 1;
