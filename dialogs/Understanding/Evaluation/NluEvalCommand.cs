namespace EngagementBot.Dialogs.Understanding.Evaluation;

/// <summary>
/// The <c>nlu-eval &lt;file.jsonl&gt; [--out &lt;file&gt;]</c> command line: evaluates a recognizer on a JSONL file,
/// prints the report, and optionally writes the per-line predictions. Host-agnostic so that any
/// entry point (e.g. <c>dotnet run --project bot -- nlu-eval …</c>) can delegate to it.
/// </summary>
public sealed class NluEvalCommand(IIntentRecognizer recognizer)
{
    /// <summary>The command's name, as the first argument.</summary>
    public const string Name = "nlu-eval";

    /// <summary>Exit code: evaluation done.</summary>
    public const int Success = 0;

    /// <summary>Exit code: a line of the input is malformed (the message names it).</summary>
    public const int InvalidInput = 1;

    /// <summary>Exit code: wrong arguments or unreadable/unwritable file.</summary>
    public const int UsageError = 2;

    private const string Usage = "Usage: nlu-eval <file.jsonl> [--out <predictions.jsonl>]\n"
        + "  <file.jsonl>  one JSON object per line: {\"text\":\"...\",\"lang\":\"fr|en\",\"intent\":\"<intent>\"}\n"
        + "  --out <file>  also write one JSON line per input with the predicted intent and score";

    private readonly IntentEvaluation _evaluation = new(recognizer);

    /// <summary>Runs the command with <paramref name="args"/> (without the command name); returns the exit code.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        string? inputPath = null;
        string? outPath = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--out")
            {
                if (i + 1 >= args.Count || outPath is not null)
                {
                    return await FailAsync(error, "--out needs exactly one file name.").ConfigureAwait(false);
                }

                outPath = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) || inputPath is not null)
            {
                return await FailAsync(error, $"Unexpected argument '{args[i]}'.").ConfigureAwait(false);
            }
            else
            {
                inputPath = args[i];
            }
        }

        if (inputPath is null)
        {
            return await FailAsync(error, "Missing the input file.").ConfigureAwait(false);
        }

        if (!File.Exists(inputPath))
        {
            return await FailAsync(error, $"Input file '{inputPath}' does not exist.").ConfigureAwait(false);
        }

        try
        {
            using var reader = new StreamReader(inputPath);
            await using var predictions = outPath is null ? null : new StreamWriter(outPath, append: false);
            var report = await _evaluation.EvaluateAsync(reader, predictions, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(report.Format()).ConfigureAwait(false);
            if (outPath is not null)
            {
                await output.WriteLineAsync($"Predictions written to {outPath}").ConfigureAwait(false);
            }

            return Success;
        }
        catch (InvalidDataException e)
        {
            await error.WriteLineAsync($"{inputPath}: {e.Message}").ConfigureAwait(false);
            return InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await FailAsync(error, e.Message).ConfigureAwait(false);
        }
    }

    private static async Task<int> FailAsync(TextWriter error, string message)
    {
        await error.WriteLineAsync(message).ConfigureAwait(false);
        await error.WriteLineAsync(Usage).ConfigureAwait(false);
        return UsageError;
    }
}
