using System.Diagnostics;

namespace Relay.EndToEnd.Tests.Infrastructure;

/// <summary>Runs ffmpeg or ffprobe (Debian's packages) for a test: to make known media, and to read recordings back.</summary>
public static class MediaTool
{
    public static async Task<byte[]> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} could not be started: install Debian's ffmpeg package.");
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        await Task.WhenAll(copy, errors, process.WaitForExitAsync());
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
        }

        return output.ToArray();
    }

    public static async Task<string> TextAsync(string tool, params string[] arguments) =>
        System.Text.Encoding.UTF8.GetString(await RunAsync(tool, arguments));

    /// <summary>
    /// The strongest frequency of mono 16-bit samples between <paramref name="from"/> and
    /// <paramref name="to"/> Hz, by the Goertzel algorithm at every <paramref name="step"/> Hz.
    /// </summary>
    public static double DominantFrequency(ReadOnlySpan<byte> s16le, int sampleRate, double from, double to, double step)
    {
        var samples = new double[s16le.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(s16le[2 * i] | (s16le[(2 * i) + 1] << 8));
        }

        var best = from;
        var bestPower = -1.0;
        for (var f = from; f <= to; f += step)
        {
            var coefficient = 2 * Math.Cos(2 * Math.PI * f / sampleRate);
            double previous = 0, beforePrevious = 0;
            foreach (var sample in samples)
            {
                var current = sample + (coefficient * previous) - beforePrevious;
                beforePrevious = previous;
                previous = current;
            }

            var power = (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
            if (power > bestPower)
            {
                bestPower = power;
                best = f;
            }
        }

        return best;
    }
}
