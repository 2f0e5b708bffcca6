using BenchmarkDotNet.Running;

namespace EngagementBot.Storage.Bench;

/// <summary>Entry point: <c>dotnet run -c Release --project bench/EngagementBot.Storage.Bench -- --filter * --job short</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected on the command line.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
