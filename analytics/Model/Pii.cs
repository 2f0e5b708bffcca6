namespace EngagementBot.Analytics.Model;

/// <summary>Kinds of personal data recognised.</summary>
public enum PiiCategory
{
    /// <summary>E-mail address.</summary>
    Email,

    /// <summary>Phone number (North American or French format).</summary>
    PhoneNumber,

    /// <summary>Canadian or French postal code.</summary>
    PostalCode,

    /// <summary>Canadian social insurance number (valid checksum).</summary>
    SocialInsuranceNumber,

    /// <summary>Street address with a civic number.</summary>
    Address,

    /// <summary>Name of a person who introduces or signs themself.</summary>
    PersonName,
}

/// <summary>One span of personal data.</summary>
/// <param name="Category">Kind.</param>
/// <param name="Text">Exact substring of the document.</param>
/// <param name="Offset">UTF-16 offset in the document.</param>
/// <param name="Length">UTF-16 length.</param>
/// <param name="Confidence">0..1.</param>
public sealed record PiiEntity(PiiCategory Category, string Text, int Offset, int Length, double Confidence)
{
    /// <summary>The placeholder that replaces this entity in redacted text, e.g. <c>[EMAIL]</c>.</summary>
    public string Placeholder => PlaceholderFor(Category);

    /// <summary>The placeholder for a category: [EMAIL], [PHONE], [POSTAL_CODE], [SIN], [ADDRESS], [NAME].</summary>
    public static string PlaceholderFor(PiiCategory category) => category switch
    {
        PiiCategory.Email => "[EMAIL]",
        PiiCategory.PhoneNumber => "[PHONE]",
        PiiCategory.PostalCode => "[POSTAL_CODE]",
        PiiCategory.SocialInsuranceNumber => "[SIN]",
        PiiCategory.Address => "[ADDRESS]",
        PiiCategory.PersonName => "[NAME]",
        _ => "[PII]",
    };
}

/// <summary>Personal data found in a document and the document with each span replaced by its placeholder.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Entities">Non-overlapping spans in document order.</param>
/// <param name="RedactedText">The text with each span replaced by <see cref="PiiEntity.Placeholder"/>.</param>
public sealed record PiiResult(string Id, IReadOnlyList<PiiEntity> Entities, string RedactedText);
