using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SemanticSearch.Core.Index;
using SemanticSearch.Core.Search;
using Spectre.Console;

namespace SemanticSearch.Bench.Commands;

/// <summary>
/// <c>semsearch bench http</c>: concurrent text queries against a running web host on loopback, and the same queries
/// against the search service in this process over the same data folder, alternating so both see the same machine
/// load. Prints p50/p95/p99 latency and queries/s for each and their ratio: what HTTP, routing and JSON add. Also the
/// CPU time per query of each path (for HTTP: the host's, read from its <c>/metrics</c>, plus this client's), which a
/// busy shared machine does not skew the way it skews wall-clock latency.
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
            // The in-process search is synchronous: without enough pool threads, "8 clients" would run two or three at a
            // time and look faster than 8 requests in flight at the host.
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, clients + 4), io);

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

            // Each returns the time the search service itself took (the host reports it as tookMs), or null for an error.
            Func<string, CancellationToken, Task<double?>> viaHttp = async (query, ct) =>
            {
                using var response = await http.GetAsync($"/api/search?k={limit}&q={Uri.EscapeDataString(query)}", HttpCompletionOption.ResponseContentRead, ct);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    throw new InvalidOperationException(
                        "The host rate-limits these queries (429). Start it with SemanticSearch__RateLimiting__Enabled=false for the benchmark.");
                }
                if (response.StatusCode != HttpStatusCode.OK)
                    return null;
                using var body = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
                return body.RootElement.GetProperty("tookMs").GetDouble();
            };
            Func<string, CancellationToken, Task<double?>> inProcess = async (query, ct) =>
                (await search.SearchAsync(new SearchQuery { Text = query, Limit = limit }, ct)).Took.TotalMilliseconds;

            Console.Error.WriteLine($"bench http: warming up ({clients} clients, {hostVectors} vectors)...");
            await MeasureAsync(inProcess, clients, TimeSpan.FromSeconds(2), http, cancellationToken);
            await MeasureAsync(viaHttp, clients, TimeSpan.FromSeconds(2), http, cancellationToken);
            var local = new Samples();
            var remote = new Samples();
            for (var round = 1; round <= roundCount; round++)
            {
                Console.Error.WriteLine($"bench http: round {round}/{roundCount}: in-process...");
                local.Add(await MeasureAsync(inProcess, clients, span / roundCount, http, cancellationToken));
                Console.Error.WriteLine($"bench http: round {round}/{roundCount}: HTTP {baseUrl}...");
                remote.Add(await MeasureAsync(viaHttp, clients, span / roundCount, http, cancellationToken));
            }

            var result = new Result(baseUrl, clients, span.TotalSeconds, roundCount, limit, hostVectors, Environment.ProcessorCount,
                local.Summary(countHost: false), remote.Summary(countHost: true));
            if (parseResult.GetValue(json))
                Console.Out.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            else
                Print(result);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Runs <paramref name="clients"/> loops of queries for <paramref name="span"/>; returns every latency, the wall time,
    /// and the CPU seconds this process and the host (null when its /metrics has no CPU time) used meanwhile.
    /// </summary>
    private static async Task<Round> MeasureAsync(
        Func<string, CancellationToken, Task<double?>> query, int clients, TimeSpan span, HttpClient host, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[clients];
        var serviceTimes = new List<double>[clients];
        long errors = 0;
        var hostCpu = await HostCpuSecondsAsync(host, cancellationToken);
        var ownCpu = OwnCpuSeconds();
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var own = latencies[client] = [];
            var service = serviceTimes[client] = [];
            for (var i = client; clock.Elapsed < span; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var took = await query(Queries[i % Queries.Length], cancellationToken);
                own.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (took is { } ms)
                    service.Add(ms);
                else
                    Interlocked.Increment(ref errors);
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(loops);
        var seconds = clock.Elapsed.TotalSeconds;
        ownCpu = OwnCpuSeconds() - ownCpu;
        var hostCpuAfter = await HostCpuSecondsAsync(host, cancellationToken);
        return new Round([.. latencies.SelectMany(l => l)], [.. serviceTimes.SelectMany(l => l)], seconds, errors, ownCpu,
            hostCpu is { } before && hostCpuAfter is { } after ? after - before : null);
    }

    private static double OwnCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>The host's process CPU seconds (user + system) from the System.Runtime meter on its /metrics.</summary>
    private static async Task<double?> HostCpuSecondsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync("/metrics", cancellationToken);
        double? total = null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("dotnet_process_cpu_time_seconds_total", StringComparison.Ordinal))
                continue;
            var value = line[(line.LastIndexOf(' ') + 1)..];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                total = (total ?? 0) + seconds;
        }
        return total;
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
        var table = new Table().AddColumns("Path", "Queries", "Errors", "Queries/s", "p50 ms", "p95 ms", "p99 ms", "Mean ms", "CPU ms/query");
        foreach (var (name, s) in new[] { ("in-process", r.InProcess), ("HTTP /api/search", r.Http) })
        {
            table.AddRow(name, s.Queries.ToString(CultureInfo.InvariantCulture), s.Errors.ToString(CultureInfo.InvariantCulture), F(s.QueriesPerSecond),
                F(s.P50), F(s.P95), F(s.P99), F(s.Mean), F(s.CpuMsPerQuery, "0.000"));
        }
        table.AddRow("HTTP ÷ in-process", "", "", F(r.Http.QueriesPerSecond / r.InProcess.QueriesPerSecond, "0.000"),
            F(r.Http.P50 / r.InProcess.P50, "0.000"), F(r.Http.P95 / r.InProcess.P95, "0.000"), F(r.Http.P99 / r.InProcess.P99, "0.000"),
            F(r.Http.Mean / r.InProcess.Mean, "0.000"), F(r.Http.CpuMsPerQuery / r.InProcess.CpuMsPerQuery, "0.000"));
        AnsiConsole.Write(table);
        if (r.Http.HostCpuMsPerQuery is { } host)
            AnsiConsole.MarkupLine($"HTTP CPU per query: host {host:0.000} ms + client {r.Http.ClientCpuMsPerQuery:0.000} ms.");
        AnsiConsole.MarkupLine($"Time beyond the search service itself (mean latency - mean tookMs): in-process {r.InProcess.Mean - r.InProcess.SearchMean:0.000} ms, " +
                               $"HTTP {r.Http.Mean - r.Http.SearchMean:0.000} ms; search service in the host {r.Http.SearchMean:0.000} ms vs {r.InProcess.SearchMean:0.000} ms here.");
        AnsiConsole.MarkupLine($"HTTP adds {(r.Http.P50 / r.InProcess.P50 - 1):P1} at p50 and {(r.Http.Mean / r.InProcess.Mean - 1):P1} on the mean (target: under 20%).");
    }

    private static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Latencies and wall time gathered over the rounds of one path.</summary>
    private sealed class Samples
    {
        private readonly List<double> _latencies = [];
        private readonly List<double> _serviceTimes = [];
        private double _seconds;
        private long _errors;
        private double _ownCpu;
        private double? _hostCpu = 0;

        public void Add(Round round)
        {
            _latencies.AddRange(round.Latencies);
            _serviceTimes.AddRange(round.ServiceTimes);
            _seconds += round.Seconds;
            _errors += round.Errors;
            _ownCpu += round.OwnCpuSeconds;
            _hostCpu = _hostCpu is { } sum && round.HostCpuSeconds is { } host ? sum + host : null;
        }

        /// <param name="countHost">Whether the host's CPU time belongs to this path (HTTP) or is only its idle noise.</param>
        public PathResult Summary(bool countHost)
        {
            _latencies.Sort();
            _serviceTimes.Sort();
            var queries = Math.Max(1, _latencies.Count);
            double? hostMs = _hostCpu is { } host ? Math.Round(1000 * host / queries, 3) : null;
            var totalMs = Math.Round(1000 * _ownCpu / queries + (countHost ? hostMs ?? 0 : 0), 3);
            return new PathResult(_latencies.Count, _errors, Math.Round(_latencies.Count / _seconds, 2),
                Math.Round(Percentile(_latencies, 0.50), 3), Math.Round(Percentile(_latencies, 0.95), 3), Math.Round(Percentile(_latencies, 0.99), 3),
                Math.Round(_latencies.Count == 0 ? 0 : _latencies.Average(), 3),
                Math.Round(Percentile(_serviceTimes, 0.50), 3), Math.Round(_serviceTimes.Count == 0 ? 0 : _serviceTimes.Average(), 3),
                Math.Round(1000 * _ownCpu / queries, 3), countHost ? hostMs : null, totalMs);
        }

        private static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private sealed record Round(List<double> Latencies, List<double> ServiceTimes, double Seconds, long Errors, double OwnCpuSeconds, double? HostCpuSeconds);

    /// <param name="SearchP50">Median time the search service itself took (in the host for HTTP).</param>
    /// <param name="SearchMean">Mean time the search service itself took.</param>
    /// <param name="ClientCpuMsPerQuery">CPU time of this process per query (all of the in-process path; the client's share of HTTP).</param>
    /// <param name="HostCpuMsPerQuery">CPU time of the web host per query (HTTP only).</param>
    /// <param name="CpuMsPerQuery">Both together: what one query costs the machine.</param>
    private sealed record PathResult(long Queries, long Errors, double QueriesPerSecond, double P50, double P95, double P99, double Mean,
        double SearchP50, double SearchMean, double ClientCpuMsPerQuery, double? HostCpuMsPerQuery, double CpuMsPerQuery);

    private sealed record Result(
        string Url, int Concurrency, double DurationSeconds, int Rounds, int K, long Vectors, int Cores, PathResult InProcess, PathResult Http);
}
