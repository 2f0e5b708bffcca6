namespace EngagementBot.Storage.Content;

/// <summary>One problem found in a content file.</summary>
/// <param name="File">The file (path relative to the imported folder).</param>
/// <param name="Line">1-based line of the offending node (0 when the problem concerns the whole file or folder).</param>
/// <param name="Column">1-based column of the offending node (0 when unknown).</param>
/// <param name="Field">Path of the field, e.g. <c>questions[3].show-if.question</c>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record ImportProblem(string File, int Line, int Column, string Field, string Message)
{
    /// <summary>Compiler-style rendering: <c>file(line,column): field: message</c>.</summary>
    public override string ToString() => $"{File}({Line},{Column}): {Field}: {Message}";
}

/// <summary>The outcome of an import: the problems found, or what was created, updated or left unchanged.</summary>
/// <param name="Problems">Every problem found; when there is any, nothing was imported.</param>
/// <param name="Created">Items created, as <c>project:slug</c> / <c>consultation:id</c>.</param>
/// <param name="Updated">Items that existed and changed.</param>
/// <param name="Unchanged">Items that existed with the same content.</param>
public sealed record ImportReport(
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<string> Created,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Unchanged)
{
    /// <summary>Whether the content was valid and imported.</summary>
    public bool Succeeded => Problems.Count == 0;
}
