namespace EngagementBot.Analytics.Azure;

/// <summary>Azure AI Language refused or failed a request; the message says what the service answered and what to do.</summary>
public class AzureLanguageException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, including the service's own message.</param>
    /// <param name="status">HTTP status (0 when no response).</param>
    /// <param name="errorCode">The service's error code (innermost known), if any.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public AzureLanguageException(string message, int status, string? errorCode, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>HTTP status of the failing response (0 when there was none).</summary>
    public int Status { get; }

    /// <summary>The service's error code, e.g. <c>InvalidArgument</c> or <c>InvalidDocumentBatch</c>.</summary>
    public string? ErrorCode { get; }
}

/// <summary>
/// HTTP 403 because the resource's call-volume quota is exhausted (e.g. the F0 tier's monthly quota). Never
/// retried: waiting minutes will not help; upgrade the pricing tier or switch <c>TextAnalytics:Provider</c> to Offline.
/// </summary>
public sealed class AzureLanguageQuotaExceededException : AzureLanguageException
{
    /// <summary>Creates the exception.</summary>
    public AzureLanguageQuotaExceededException(string message, string? errorCode)
        : base(message, 403, errorCode)
    {
    }
}

/// <summary>One document the service could not analyse.</summary>
/// <param name="DocumentId">Our document id (the response id).</param>
/// <param name="Code">The service's error code (innermost known).</param>
/// <param name="Message">The service's message.</param>
public sealed record AzureLanguageDocumentError(string DocumentId, string Code, string Message);

/// <summary>
/// Some documents were rejected by the service (<c>results.errors[]</c>). Raised after every batch ran, so
/// the list names all of them; results of the other documents are in <see cref="PartialResults"/>.
/// </summary>
public sealed class AzureLanguageDocumentException : AzureLanguageException
{
    /// <summary>Creates the exception.</summary>
    public AzureLanguageDocumentException(string kind, IReadOnlyList<AzureLanguageDocumentError> errors, object? partialResults)
        : base(Describe(kind, errors), 200, errors.Count > 0 ? errors[0].Code : null)
    {
        Kind = kind;
        Errors = errors;
        PartialResults = partialResults;
    }

    /// <summary>The analysis kind, e.g. <c>SentimentAnalysis</c>.</summary>
    public string Kind { get; }

    /// <summary>One entry per rejected document.</summary>
    public IReadOnlyList<AzureLanguageDocumentError> Errors { get; }

    /// <summary>The results of the documents that succeeded (same type as the method's result, rejected ids left out), or null.</summary>
    public object? PartialResults { get; }

    private static string Describe(string kind, IReadOnlyList<AzureLanguageDocumentError> errors)
    {
        var shown = string.Join("; ", errors.Take(5).Select(e => $"'{e.DocumentId}': {e.Code} — {e.Message}"));
        var more = errors.Count > 5 ? $" (and {errors.Count - 5} more)" : string.Empty;
        return $"Azure AI Language rejected {errors.Count} document(s) in {kind}: {shown}{more}.";
    }
}
