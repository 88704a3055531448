using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Relay.Data.Entities;
using Relay.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static Relay.Testing.Browser.CallSteps;

namespace Relay.EndToEnd.Tests.Calls;

/// <summary>
/// Runs its class alone, after the others: two Chromium processes encoding and decoding video
/// plus a second app process take the whole machine, and the other browser tests' timings
/// (the call timer, the first frame) would pay for it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RecordedCalls
{
    public const string Name = "Recorded calls, alone on the machine";
}

/// <summary>
/// A recorded call between two Chromiums whose fake cameras and microphones carry known content
/// (each party its own colour and tone, made with ffmpeg here): the relay's two WebM files must
/// hold exactly that, line up on the call clock, and play together on the review page.
/// </summary>
[Collection(RecordedCalls.Name)]
public sealed class RecordedCallInBrowserTests : IAsyncLifetime
{
    private static readonly Party Caller = new("red", 230, 20, 20, 600);
    private static readonly Party Callee = new("blue", 20, 20, 230, 1400);

    private readonly string _media = Directory.CreateTempSubdirectory("relay-known-media-").FullName;
    private readonly List<IBrowser> _browsers = [];
    private IPlaywright _playwright = null!;
    private RelayServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await RelayServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var browser in _browsers)
        {
            await browser.DisposeAsync();
        }

        _playwright.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_media, recursive: true);
    }

    [Fact]
    public async Task Both_parties_are_recorded_with_their_own_picture_and_sound_in_step_and_play_together()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var caller = await OpenAsync(Caller, "rec-a-" + suffix);
        await using var callee = await OpenAsync(Callee, "rec-b-" + suffix);
        await OpenConversationAsync(caller, callee);
        await CallAndAnswerAsync(caller, callee, "call-video");
        // Media flows before recording starts, so both files start from a key frame asked for at the start.
        await WaitForStatsAsync(callee, s => s.FramesDecoded > 30, "frames from the caller");
        await WaitForStatsAsync(caller, s => s.FramesDecoded > 30, "frames from the callee");

        // The recording starts between the click and the indicator's appearing (the event comes
        // once both files are open), so the files' length lies between those two spans.
        var sinceClick = Stopwatch.StartNew();
        await caller.ByTestId("call-record").ClickAsync();
        await Expect(caller.ByTestId("recording-indicator")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var sinceIndicator = Stopwatch.StartNew();
        foreach (var party in new[] { caller, callee })
        {
            await Expect(party.ByTestId("recording-indicator")).ToBeVisibleAsync();
            await Expect(party.ByTestId("recording-notice")).ToContainTextAsync($"{caller.Name} started recording");
            await Expect(party.Page.GetByText("Recording started").First).ToBeVisibleAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(6));
        await caller.ByTestId("call-hangup").ClickAsync();
        var (longest, shortest) = (sinceClick.Elapsed, sinceIndicator.Elapsed);
        await ExpectStateAsync(callee, "ended");

        var rows = await WaitReadyAsync();
        Assert.Equal(2, rows.Count);
        var users = await _server.QueryAsync(db => db.Users.Where(u => u.UserName == caller.Name || u.UserName == callee.Name).ToDictionaryAsync(u => u.Id, u => u.UserName!));
        foreach (var row in rows)
        {
            var party = users[row.UserId] == caller.Name ? Caller : Callee;
            var path = Path.Combine(_server.DataDirectory, "recordings", row.FilePath);
            var probe = await MediaTool.TextAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name:format=duration", "-of", "default=nw=1", path);
            Assert.Contains("codec_name=vp8", probe, StringComparison.Ordinal);
            Assert.Contains("codec_name=opus", probe, StringComparison.Ordinal);
            var duration = TimeSpan.FromSeconds(double.Parse(probe.Split("duration=")[1].Trim(), CultureInfo.InvariantCulture));
            Assert.True(
                duration > shortest - TimeSpan.FromSeconds(1) && duration < longest + TimeSpan.FromSeconds(1),
                $"{party.Colour}: file {duration}, recorded for between {shortest} and {longest}");

            // A frame from the middle shows the party's colour.
            var rgb = await MediaTool.RunAsync("ffmpeg", "-v", "error", "-ss", "3", "-i", path, "-frames:v", "1", "-vf", "scale=32:24", "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
            var (r, g, b) = Mean(rgb);
            Assert.True(Near(r, party.Red) && Near(g, party.Green) && Near(b, party.Blue), $"{party.Colour}: mean colour ({r:0}, {g:0}, {b:0})");

            // The sound is the party's tone.
            var pcm = await MediaTool.RunAsync("ffmpeg", "-v", "error", "-ss", "2", "-t", "2", "-i", path, "-vn", "-ac", "1", "-ar", "16000", "-f", "s16le", "-");
            var frequency = MediaTool.DominantFrequency(pcm, 16_000, 200, 3000, 10);
            Assert.True(Math.Abs(frequency - party.Tone) <= 20, $"{party.Colour}: dominant frequency {frequency} Hz, expected {party.Tone} Hz");
        }

        // Both files start within 100 ms of each other on the call clock.
        Assert.True((rows[0].FirstFrame!.Value - rows[1].FirstFrame!.Value).Duration() <= TimeSpan.FromMilliseconds(100), $"first frames at {rows[0].FirstFrame} and {rows[1].FirstFrame}");

        // The review page: both videos play, and stay together after a seek.
        await caller.Page.GotoAsync("/recordings");
        await caller.ByTestId("recording-item").First.ClickAsync();
        var videos = caller.ByTestId("recording-video");
        await Expect(videos).ToHaveCountAsync(2);
        await caller.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=recording-video]')].every(v => v.readyState >= 2)", null, new() { Timeout = 15_000 });
        await caller.ByTestId("recording-play").ClickAsync();
        await caller.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=recording-video]')].every(v => v.currentTime > 0.5)", null, new() { Timeout = 15_000 });
        await caller.Page.EvaluateAsync("() => window.recordingReview.seek(2)");
        await Task.Delay(1000);
        var times = await caller.Page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('[data-testid=recording-video]')].map(v => v.currentTime)");
        Assert.True(times[0] > 2 && times[1] > 2, $"the videos play on after the seek: {times[0]}, {times[1]}");
        Assert.True(Math.Abs(times[0] - times[1]) < 0.15, $"the videos are {Math.Abs(times[0] - times[1]):0.000} s apart");

        // Under the players, the call's quality timeline is drawn from the stored samples.
        var charts = caller.ByTestId("quality-chart");
        await Expect(charts).ToHaveCountAsync(4);
        for (var i = 0; i < 4; i++)
        {
            await Expect(charts.Nth(i)).ToHaveAttributeAsync("data-drawn", "true");
        }

        Assert.True(int.Parse(await caller.Page.Locator("[data-sample-count]").GetAttributeAsync("data-sample-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Empty(caller.Errors);
    }

    [Fact]
    public async Task A_recording_cut_by_killing_the_app_is_recovered_after_restart_into_playable_files()
    {
        await using var app = new ExternalRelay();
        await app.StartAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var caller = await OpenAsync(Caller, "kill-a-" + suffix, app.BaseAddress);
        await using var callee = await OpenAsync(Callee, "kill-b-" + suffix, app.BaseAddress);
        await OpenConversationAsync(caller, callee);
        await CallAndAnswerAsync(caller, callee, "call-video");
        await WaitForStatsAsync(callee, s => s.FramesDecoded > 30, "frames from the caller");
        await callee.ByTestId("call-record").ClickAsync();
        await Expect(callee.ByTestId("recording-indicator")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(caller.ByTestId("recording-indicator")).ToBeVisibleAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));

        await app.KillAsync();
        var files = Directory.GetFiles(Path.Combine(app.DataDirectory, "recordings"), "*.webm", SearchOption.AllDirectories);
        Assert.Equal(2, files.Length);
        await app.StartAsync();

        // The recovery job runs at start-up: the recording is listed as ready, from the database.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await caller.Page.GotoAsync("/recordings");
            if (await caller.Page.Locator("[data-testid=recording-item][data-status=Ready]").CountAsync() == 1)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the killed recording was not recovered to Ready within 60 s");
            await Task.Delay(1000);
        }

        foreach (var path in files)
        {
            var probe = await MediaTool.TextAsync("ffprobe", "-v", "error", "-show_entries", "stream=codec_name:format=duration", "-of", "default=nw=1", path);
            Assert.Contains("codec_name=vp8", probe, StringComparison.Ordinal);
            Assert.Contains("codec_name=opus", probe, StringComparison.Ordinal);
            // Five seconds were recorded; the writer pushes to the OS every second, so at most about that is lost.
            var duration = double.Parse(probe.Split("duration=")[1].Trim(), CultureInfo.InvariantCulture);
            Assert.True(duration >= 3.5, $"{Path.GetFileName(path)}: only {duration} s recovered");
        }

        await caller.ByTestId("recording-item").First.ClickAsync();
        await Expect(caller.ByTestId("recording-video")).ToHaveCountAsync(2);
        await caller.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=recording-video]')].every(v => v.readyState >= 1 && v.duration > 3)", null, new() { Timeout = 15_000 });
    }

    private static bool Near(double value, int expected) => Math.Abs(value - expected) < 60;

    private static (double R, double G, double B) Mean(byte[] rgb)
    {
        double r = 0, g = 0, b = 0;
        var pixels = rgb.Length / 3;
        for (var i = 0; i < pixels; i++)
        {
            r += rgb[3 * i];
            g += rgb[(3 * i) + 1];
            b += rgb[(3 * i) + 2];
        }

        return (r / pixels, g / pixels, b / pixels);
    }

    /// <summary>Each party needs its own fake devices, so its own Chromium process.</summary>
    private Task<UserPage> OpenAsync(Party party, string name) => OpenAsync(party, name, _server.BaseAddress);

    private async Task<UserPage> OpenAsync(Party party, string name, Uri baseAddress)
    {
        var video = Path.Combine(_media, party.Colour + ".y4m");
        var audio = Path.Combine(_media, party.Colour + ".wav");
        var colour = string.Create(CultureInfo.InvariantCulture, $"0x{party.Red:X2}{party.Green:X2}{party.Blue:X2}");
        await MediaTool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", $"color=c={colour}:s=320x240:r=30", "-t", "2", "-pix_fmt", "yuv420p", video);
        await MediaTool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", $"sine=frequency={party.Tone}:sample_rate=48000", "-t", "5", "-ac", "1", audio);
        var browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFlags.ChromiumPath,
            Headless = true,
            Args =
            [
                .. ChromiumFlags.Common,
                "--allow-loopback-in-peer-connection",
                ChromiumFlags.HostResolverRules("127.0.0.1"),
                $"--use-file-for-fake-video-capture={video}",
                $"--use-file-for-fake-audio-capture={audio}",
            ],
        });
        _browsers.Add(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1024, Height = 768 },
            Permissions = ["camera", "microphone"],
        });
        return new UserPage(name, context, await context.NewPageAsync());
    }

    private async Task<List<Recording>> WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var rows = await _server.QueryAsync(db => db.Recordings.AsNoTracking().ToListAsync());
            if (rows.Count == 2 && rows.All(r => r.Status == RecordingStatus.Ready))
            {
                return rows;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the recordings did not become ready: {string.Join(", ", rows.Select(r => $"{r.Status} {r.FailureReason}"))}");
            await Task.Delay(250);
        }
    }

    private sealed record Party(string Colour, int Red, int Green, int Blue, int Tone);
}
