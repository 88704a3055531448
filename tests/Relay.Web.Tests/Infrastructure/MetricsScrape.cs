using System.Globalization;

namespace Relay.Web.Tests.Infrastructure;

/// <summary>One /metrics response in the Prometheus text format, read as a list of samples.</summary>
public sealed class MetricsScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private MetricsScrape(string text)
    {
        Text = text;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            var name = brace >= 0 && brace < space ? line[..brace] : line[..line.IndexOf(' ', StringComparison.Ordinal)];
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (brace >= 0 && brace < space)
            {
                // Our label values never hold commas or quotes, so a plain split reads them.
                var body = line[(brace + 1)..line.LastIndexOf('}')];
                foreach (var pair in body.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    labels[pair[..eq]] = pair[(eq + 1)..].Trim('"');
                }
            }

            _samples.Add((name, labels, double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    /// <summary>Every sample name, with histogram series as exposed (name_bucket, name_count, name_sum).</summary>
    public ISet<string> Names => _samples.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public static async Task<MetricsScrape> ReadAsync(RelayServer server)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        return new MetricsScrape(await http.GetStringAsync("/metrics"));
    }

    /// <summary>The value of the one sample with this name and these labels (others ignored); fails if there is none.</summary>
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        var matches = _samples
            .Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value))
            .ToList();
        Assert.True(matches.Count == 1, $"expected one sample {name} {string.Join(",", labels)}, found {matches.Count}");
        return matches[0].Value;
    }
}
