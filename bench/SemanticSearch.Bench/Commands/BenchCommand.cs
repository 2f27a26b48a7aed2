using System.CommandLine;

namespace SemanticSearch.Bench.Commands;

/// <summary><c>semsearch bench</c>: the parent of the speed measurements (<c>bench embed</c>, and others added beside it).</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure throughput and latency of parts of the system. Speed is measured here, never in tests.");
        command.Subcommands.Add(BenchEmbedCommand.Create());
        command.Subcommands.Add(BenchAnnCommand.Create());
        command.Subcommands.Add(BenchPipelineCommand.Create());
        command.Subcommands.Add(BenchHttpCommand.Create());
        command.Subcommands.Add(BenchScaleCommand.Create());
        return command;
    }
}
