using System.Text;
using System.Text.Json;

namespace EngagementBot.Dialogs.Understanding.Evaluation;

/// <summary>
/// Batch evaluation of an <see cref="IIntentRecognizer"/>, as NLU tools offer it: reads JSON Lines
/// <c>{"text","lang","intent"}</c>, recognises each text, and reports overall and per-intent accuracy with
/// a confusion table; optionally writes one JSON line per input with the prediction.
/// </summary>
public sealed class IntentEvaluation(IIntentRecognizer recognizer)
{
    private readonly IIntentRecognizer _recognizer = recognizer ?? throw new ArgumentNullException(nameof(recognizer));

    /// <summary>
    /// Evaluates every line of <paramref name="input"/>. When <paramref name="predictionsOut"/> is given, writes
    /// to it one line per input: <c>{"text","lang","intent","predicted","score","correct"}</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not valid JSON, lacks "text" or "intent", or names an unknown intent.</exception>
    public async Task<EvaluationReport> EvaluateAsync(TextReader input, TextWriter? predictionsOut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var intents = Intents.All;
        var confusion = new int[intents.Count, intents.Count];
        using var line = new MemoryStream();
        await foreach (var utterance in LabeledUtteranceReader.ReadAsync(input, cancellationToken).ConfigureAwait(false))
        {
            var result = _recognizer.Recognize(utterance.Text);
            confusion[IndexOf(intents, utterance.Intent), IndexOf(intents, result.Intent)]++;
            if (predictionsOut is not null)
            {
                await predictionsOut.WriteLineAsync(PredictionLine(utterance, result, line).AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }

        if (predictionsOut is not null)
        {
            await predictionsOut.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return new EvaluationReport(intents, confusion);
    }

    private static string PredictionLine(LabeledUtterance utterance, IntentResult result, MemoryStream buffer)
    {
        buffer.SetLength(0);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("text", utterance.Text);
            json.WriteString("lang", utterance.Lang);
            json.WriteString("intent", utterance.Intent);
            json.WriteString("predicted", result.Intent);
            json.WriteNumber("score", Math.Round(result.Score, 4));
            json.WriteBoolean("correct", string.Equals(result.Intent, utterance.Intent, StringComparison.Ordinal));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static int IndexOf(IReadOnlyList<string> intents, string intent)
    {
        for (var i = 0; i < intents.Count; i++)
        {
            if (string.Equals(intents[i], intent, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The recognizer returned an unknown intent \"{intent}\".");
    }

}
