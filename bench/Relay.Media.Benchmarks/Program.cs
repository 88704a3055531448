using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Relay.Media.Benchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet's switcher, so <c>--filter</c>, <c>--list flat</c> and the
/// other standard options work (see bench/README.md).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        // A short job so the whole suite runs in a few minutes on a shared 2-core machine:
        // 3 warm-up and 5 measured iterations in one process per benchmark. Enough to compare
        // profiles and spot allocations, not to resolve differences of a few percent.
        // A job given on the command line (e.g. "--job dry" for a smoke run) replaces it.
        var jobGiven = args.Any(arg => arg is "--job" or "-j");
        var config = jobGiven
            ? DefaultConfig.Instance
            : DefaultConfig.Instance.AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(5)
                .WithId("Short"));

        // Profile names such as Aes128CmHmacSha1Tag80 are longer than the default 20 columns.
        config = config.WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(24));

        // Reports go under artifacts/, which the repository already ignores.
        config = config.WithArtifactsPath(Path.Combine(Directory.GetCurrentDirectory(), "artifacts", "benchmarks"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
