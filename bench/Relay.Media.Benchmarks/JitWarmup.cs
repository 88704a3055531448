namespace Relay.Media.Benchmarks;

/// <summary>
/// Warms up the benchmarks that need a fresh receiving context per iteration, before
/// BenchmarkDotNet starts timing them.
/// </summary>
/// <remarks>
/// An [IterationSetup] benchmark gets one invocation per iteration and no pilot stage, so its
/// 3 warm-up iterations (~10–30 ms each) end before tiered compilation has promoted the
/// library's methods: calls are only counted once no new method has been jitted for 100 ms,
/// and the tier-1 code is then compiled in the background. The first run of this suite
/// measured AES-CM unprotect at 3.2 µs per packet that way, against 1.5 µs with 40 warm-up
/// iterations. Running the benchmark itself enough times from [GlobalSetup], then pausing for
/// the background compiler, gives the measured iterations the code a long-running relay runs.
/// <para>It then times nothing but counts every byte one more pass allocates, and refuses to go
/// on if there is one: the MemoryDiagnoser's figure is per packet and rounded, so a few hundred
/// bytes per pass of 8,192 packets would still read "0 B".</para>
/// </remarks>
internal static class JitWarmup
{
    private const int Passes = 40;
    private static readonly TimeSpan CompilerPause = TimeSpan.FromMilliseconds(300);

    public static void Run(Action iterationSetup, Func<int> benchmark)
    {
        for (var pass = 0; pass < Passes; pass++)
        {
            iterationSetup();
            benchmark();
        }

        Thread.Sleep(CompilerPause);

        iterationSetup();
        var before = GC.GetAllocatedBytesForCurrentThread();
        benchmark();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"// {benchmark.Method.Name}: one warm pass allocated {allocated} B in all");
        if (allocated != 0)
        {
            throw new InvalidOperationException($"{benchmark.Method.Name} allocated {allocated} B in one pass; the packet path must allocate nothing.");
        }
    }
}
