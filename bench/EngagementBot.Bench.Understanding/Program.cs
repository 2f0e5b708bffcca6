using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/EngagementBot.Bench.Understanding -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(EngagementBot.Bench.Understanding.UnderstandingBenchmarks).Assembly).Run(args);
