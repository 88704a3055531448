using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Relay.Web.Tests.Infrastructure;

namespace Relay.Web.Tests.Ops;

/// <summary>
/// ops/prometheus and ops/grafana: valid for Prometheus's own checker, and built on metric names
/// a real server really exposes after a call.
/// </summary>
public sealed partial class MonitoringFilesTests
{
    private static readonly string PrometheusConfig = Path.Combine(RepositoryPaths.Root, "ops", "prometheus", "prometheus.yml");
    private static readonly string AlertRules = Path.Combine(RepositoryPaths.Root, "ops", "prometheus", "mediarelay-alerts.yml");
    private static readonly string Dashboard = Path.Combine(RepositoryPaths.Root, "ops", "grafana", "mediarelay-dashboard.json");

    /// <summary>Series Prometheus makes itself for every target; no application exposes them.</summary>
    private static readonly string[] PrometheusOwnNames = ["up"];

    private static readonly HashSet<string> PromQlWords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan",
    };

    [Fact]
    public async Task Promtool_accepts_the_scrape_config_with_its_rules()
    {
        var (code, output) = await PromtoolAsync("check", "config", PrometheusConfig);

        Assert.True(code == 0, output);
        Assert.Contains("1 rule files found", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_accepts_the_alert_rules()
    {
        var (code, output) = await PromtoolAsync("check", "rules", AlertRules);

        Assert.True(code == 0, output);
        Assert.Matches(@"SUCCESS: \d+ rules found", output);
    }

    [Fact]
    public async Task Every_metric_in_the_dashboard_and_the_alert_rules_is_in_a_real_scrape_after_a_call()
    {
        await using var server = await RelayServer.StartAsync();
        await using var parties = await CallParties.CreateAsync(server);
        var call = await parties.RingAndAcceptAsync();
        await using var callerPeer = await MediaPeers.JoinAsync(parties.CallerHub, call.Id);
        await using var calleePeer = await MediaPeers.JoinAsync(parties.CalleeHub, call.Id);
        await MediaPeers.ExchangeMediaAsync(callerPeer, calleePeer, 10);
        await MediaPeers.ExchangeReportsAsync(callerPeer, calleePeer);
        // The relay records round trips at its quality tick, every couple of seconds.
        await Eventually.TrueAsync(async () => (await MetricsScrape.ReadAsync(server)).Names.Contains("mediarelay_leg_rtt_seconds_bucket"), "a round trip in the histogram");
        await parties.CallerHub.InvokeAsync("CallHangup", call.Id.ToString());
        await parties.CalleeEnded.NextAsync();
        var scraped = (await MetricsScrape.ReadAsync(server)).Names;

        var dashboardNames = MetricNames(DashboardQueries());
        var ruleNames = MetricNames(RuleExpressions());

        Assert.Contains("mediarelay_call_setup_seconds_bucket", dashboardNames);
        Assert.Contains("mediarelay_security_drops_total", ruleNames);
        var used = dashboardNames.Union(ruleNames).Except(PrometheusOwnNames).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("mediarelay_rtp_packets_lost_total", ruleNames);
        var missing = used.Except(scraped).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "used in ops/ but not exposed: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_name_reader_finds_metrics_and_skips_functions_labels_and_durations()
    {
        var names = MetricNames([
            """histogram_quantile(0.9, sum by (instance, le) (rate(a_seconds_bucket{job="x", reason=~"b|c"}[5m]))) > 0.5""",
            "sum(b_total offset 1h) / on (instance) group_left (node) c_info and d == bool 0",
            "label_values(e_active, instance)",
            "8 * rate(f_bytes_total[$__rate_interval])",
        ]);

        Assert.Equal(["a_seconds_bucket", "b_total", "c_info", "d", "e_active", "f_bytes_total"], names.Order(StringComparer.Ordinal));
    }

    /// <summary>The metric names in PromQL expressions: identifiers left once strings, label matchers, ranges, grouping clauses and function calls are set aside.</summary>
    private static HashSet<string> MetricNames(IEnumerable<string> expressions)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var expression in expressions)
        {
            var labelValues = LabelValuesCall().Match(expression);
            if (labelValues.Success)
            {
                names.Add(labelValues.Groups[1].Value);
                continue;
            }

            var bare = StringLiteral().Replace(expression, " ");
            bare = LabelMatchers().Replace(bare, " ");
            bare = RangeSelector().Replace(bare, " ");
            bare = GroupingClause().Replace(bare, " ");
            foreach (Match token in Identifier().Matches(bare))
            {
                if (!PromQlWords.Contains(token.Value))
                {
                    names.Add(token.Value);
                }
            }
        }

        return names;
    }

    private static List<string> DashboardQueries()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var queries = new List<string>();
        Collect(json.RootElement);
        Assert.NotEmpty(queries);
        return queries;

        void Collect(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && property.Name is "expr" or "definition")
                    {
                        queries.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value);
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item);
                }
            }
        }
    }

    /// <summary>Each rule's expr, single-line or a block scalar ("expr: |" and the lines indented under it).</summary>
    private static List<string> RuleExpressions()
    {
        var expressions = new List<string>();
        var lines = File.ReadAllLines(AlertRules);
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ExprLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            if (match.Groups[2].Value != "|")
            {
                expressions.Add(match.Groups[2].Value);
                continue;
            }

            var indent = match.Groups[1].Value.Length;
            var block = new List<string>();
            while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || lines[i + 1].Length - lines[i + 1].TrimStart().Length > indent))
            {
                block.Add(lines[++i]);
            }

            expressions.Add(string.Join('\n', block));
        }

        Assert.NotEmpty(expressions);
        return expressions;
    }

    private static async Task<(int Code, string Output)> PromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("promtool is not installed: apt-get install prometheus (test.sh installs it).");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
    }

    [GeneratedRegex(@"^(\s*)expr:\s*(.*?)\s*$")]
    private static partial Regex ExprLine();

    [GeneratedRegex(@"label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex LabelValuesCall();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeSelector();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex GroupingClause();

    /// <summary>An identifier not glued to a number (5m, 0.9) and not called as a function.</summary>
    [GeneratedRegex(@"(?<![\w.$])[a-zA-Z_:][a-zA-Z0-9_:]*(?![a-zA-Z0-9_:]|\s*\()")]
    private static partial Regex Identifier();
}
