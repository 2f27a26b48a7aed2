using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Search;
using Spectre.Console;

namespace SemanticSearch.Cli.Commands;

/// <summary>
/// <c>semsearch bench http</c>: concurrent text queries against a running web host on loopback, and the same queries
/// against the search service in this process over the same data folder, alternating so both see the same machine
/// load. Prints p50/p95/p99 latency and queries/s for each and their ratio: what HTTP, routing and JSON add.
/// </summary>
internal static class BenchHttpCommand
{
    private static readonly string[] Queries =
    [
        "a red circle", "two small blue squares", "a green star on a white background", "a yellow heart",
        "three purple hexagons", "an orange cross", "a pink diamond in the center", "a black triangle",
        "a large white star on a black background", "a brown circle", "a gray square", "a small red heart on the left",
        "two blue stars", "a green diamond + 0.5 a white background", "a yellow circle - a black background", "an orange triangle",
    ];

    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Base address of the running host, e.g. http://127.0.0.1:5000 (start it with SemanticSearch__RateLimiting__Enabled=false).", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "Clients sending queries at the same time.", DefaultValueFactory = _ => 8 };
        var duration = new Option<string>("--duration") { Description = "Measured time per path, e.g. 10s, 500ms, 1m.", DefaultValueFactory = _ => "10s" };
        var rounds = new Option<int>("--rounds") { Description = "Alternations of in-process and HTTP measurement.", DefaultValueFactory = _ => 2 };
        var k = new Option<int>("--k") { Description = "Results per query.", DefaultValueFactory = _ => 24 };
        var json = new Option<bool>("--json") { Description = "Print the results as one JSON object." };
        var dataDir = CliHost.DataDirOption();
        var model = CliHost.ModelOption();
        var command = new Command("http", "p50/p95/p99 latency and queries/s of text search over HTTP vs. the search service in-process, and their ratio.")
        {
            url, concurrency, duration, rounds, k, json, dataDir, model,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!TryParseDuration(parseResult.GetValue(duration)!, out var span))
            {
                Console.Error.WriteLine("semsearch bench http: --duration must look like 10s, 500ms or 1m.");
                return 2;
            }
            var clients = Math.Max(1, parseResult.GetValue(concurrency));
            var roundCount = Math.Max(1, parseResult.GetValue(rounds));
            var limit = Math.Clamp(parseResult.GetValue(k), 1, 200);
            var baseUrl = parseResult.GetValue(url)!.TrimEnd('/');

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = new Uri(baseUrl),
                Timeout = TimeSpan.FromSeconds(60),
            };
            await using var services = CliHost.Build(parseResult.GetValue(dataDir), parseResult.GetValue(model), readOnly: true);
            var search = services.GetRequiredService<ISearchService>();
            var localVectors = services.GetRequiredService<IVectorIndex>().Count;
            var hostVectors = await HostVectorsAsync(http, cancellationToken);
            if (hostVectors != localVectors)
            {
                Console.Error.WriteLine($"semsearch bench http: the host has {hostVectors} vectors but the data folder here has {localVectors}; " +
                                        "pass the host's --data-dir so both paths search the same index.");
                return 2;
            }

            Func<string, CancellationToken, Task<bool>> viaHttp = async (query, ct) =>
            {
                using var response = await http.GetAsync($"/api/search?k={limit}&q={Uri.EscapeDataString(query)}", HttpCompletionOption.ResponseContentRead, ct);
                return response.StatusCode switch
                {
                    HttpStatusCode.OK => true,
                    HttpStatusCode.TooManyRequests => throw new InvalidOperationException(
                        "The host rate-limits these queries (429). Start it with SemanticSearch__RateLimiting__Enabled=false for the benchmark."),
                    _ => false,
                };
            };
            Func<string, CancellationToken, Task<bool>> inProcess = async (query, ct) =>
            {
                await search.SearchAsync(new SearchQuery { Text = query, Limit = limit }, ct);
                return true;
            };

            Console.Error.WriteLine($"bench http: warming up ({clients} clients, {hostVectors} vectors)...");
            await MeasureAsync(inProcess, clients, TimeSpan.FromSeconds(2), cancellationToken);
            await MeasureAsync(viaHttp, clients, TimeSpan.FromSeconds(2), cancellationToken);
            var local = new Samples();
            var remote = new Samples();
            for (var round = 1; round <= roundCount; round++)
            {
                Console.Error.WriteLine($"bench http: round {round}/{roundCount}: in-process...");
                local.Add(await MeasureAsync(inProcess, clients, span / roundCount, cancellationToken));
                Console.Error.WriteLine($"bench http: round {round}/{roundCount}: HTTP {baseUrl}...");
                remote.Add(await MeasureAsync(viaHttp, clients, span / roundCount, cancellationToken));
            }

            var result = new Result(baseUrl, clients, span.TotalSeconds, roundCount, limit, hostVectors, Environment.ProcessorCount,
                local.Summary(), remote.Summary());
            if (parseResult.GetValue(json))
                Console.Out.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            else
                Print(result);
            return 0;
        });
        return command;
    }

    /// <summary>Runs <paramref name="clients"/> loops of queries for <paramref name="span"/>; returns every latency and the wall time.</summary>
    private static async Task<(List<double> Latencies, double Seconds, long Errors)> MeasureAsync(
        Func<string, CancellationToken, Task<bool>> query, int clients, TimeSpan span, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[clients];
        long errors = 0;
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var own = latencies[client] = [];
            for (var i = client; clock.Elapsed < span; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var ok = await query(Queries[i % Queries.Length], cancellationToken);
                own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!ok)
                    Interlocked.Increment(ref errors);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(loops);
        return ([.. latencies.SelectMany(l => l)], clock.Elapsed.TotalSeconds, errors);
    }

    private static async Task<long> HostVectorsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var status = JsonDocument.Parse(await http.GetStringAsync("/api/status", cancellationToken));
        return status.RootElement.GetProperty("vectors").GetInt64();
    }

    private static bool TryParseDuration(string text, out TimeSpan span)
    {
        text = text.Trim().ToLowerInvariant();
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        var ok = double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0;
        span = ok ? TimeSpan.FromSeconds(value * unit) : TimeSpan.Zero;
        return ok;
    }

    private static void Print(Result r)
    {
        AnsiConsole.MarkupLine($"[bold]bench http[/] {Markup.Escape(r.Url)}: {r.Concurrency} concurrent clients, {r.DurationSeconds:0.#} s per path in {r.Rounds} rounds, " +
                               $"k = {r.K}, {r.Vectors} vectors, {r.Cores} cores");
        var table = new Table().AddColumns("Path", "Queries", "Errors", "Queries/s", "p50 ms", "p95 ms", "p99 ms", "Mean ms");
        foreach (var (name, s) in new[] { ("in-process ISearchService", r.InProcess), ("HTTP GET /api/search", r.Http) })
            table.AddRow(name, s.Queries.ToString(CultureInfo.InvariantCulture), s.Errors.ToString(CultureInfo.InvariantCulture), F(s.QueriesPerSecond), F(s.P50), F(s.P95), F(s.P99), F(s.Mean));
        table.AddRow("HTTP ÷ in-process", "", "", F(r.Http.QueriesPerSecond / r.InProcess.QueriesPerSecond, "0.000"),
            F(r.Http.P50 / r.InProcess.P50, "0.000"), F(r.Http.P95 / r.InProcess.P95, "0.000"), F(r.Http.P99 / r.InProcess.P99, "0.000"), F(r.Http.Mean / r.InProcess.Mean, "0.000"));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"HTTP adds {(r.Http.P50 / r.InProcess.P50 - 1):P1} at p50 and {(r.Http.Mean / r.InProcess.Mean - 1):P1} on the mean (target: under 20%).");
    }

    private static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Latencies and wall time gathered over the rounds of one path.</summary>
    private sealed class Samples
    {
        private readonly List<double> _latencies = [];
        private double _seconds;
        private long _errors;

        public void Add((List<double> Latencies, double Seconds, long Errors) round)
        {
            _latencies.AddRange(round.Latencies);
            _seconds += round.Seconds;
            _errors += round.Errors;
        }

        public PathResult Summary()
        {
            _latencies.Sort();
            return new PathResult(_latencies.Count, _errors, Math.Round(_latencies.Count / _seconds, 2),
                Math.Round(Percentile(0.50), 3), Math.Round(Percentile(0.95), 3), Math.Round(Percentile(0.99), 3),
                Math.Round(_latencies.Count == 0 ? 0 : _latencies.Average(), 3));
        }

        private double Percentile(double p) =>
            _latencies.Count == 0 ? 0 : _latencies[Math.Min(_latencies.Count - 1, (int)Math.Ceiling(p * _latencies.Count) - 1)];
    }

    private sealed record PathResult(long Queries, long Errors, double QueriesPerSecond, double P50, double P95, double P99, double Mean);

    private sealed record Result(
        string Url, int Concurrency, double DurationSeconds, int Rounds, int K, long Vectors, int Cores, PathResult InProcess, PathResult Http);
}
