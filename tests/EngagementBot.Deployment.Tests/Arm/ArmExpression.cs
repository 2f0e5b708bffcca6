using System.Globalization;
using System.Text;

namespace EngagementBot.Deployment.Tests.Arm;

/// <summary>A node of a parsed ARM template expression (the text between the outer <c>[</c> and <c>]</c>).</summary>
public abstract record ArmNode
{
    /// <summary>Canonical text of the node (same expression, same text; whitespace normalised).</summary>
    public abstract string Canonical { get; }

    /// <summary>Every function call in this node and below, depth first.</summary>
    public virtual IEnumerable<ArmCall> Calls() => [];
}

/// <summary>A string literal (<c>'it''s'</c> → <c>it's</c>).</summary>
public sealed record ArmString(string Value) : ArmNode
{
    public override string Canonical => "'" + Value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>A number literal.</summary>
public sealed record ArmNumber(long Value) : ArmNode
{
    public override string Canonical => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A lambda parameter reference or bare identifier (inside <c>lambda</c>/<c>x =&gt; …</c>).</summary>
public sealed record ArmIdentifier(string Name) : ArmNode
{
    public override string Canonical => Name;
}

/// <summary>A function call such as <c>parameters('x')</c>.</summary>
public sealed record ArmCall(string Name, IReadOnlyList<ArmNode> Arguments) : ArmNode
{
    public override string Canonical => Name + "(" + string.Join(", ", Arguments.Select(a => a.Canonical)) + ")";

    public override IEnumerable<ArmCall> Calls() => new[] { this }.Concat(Arguments.SelectMany(a => a.Calls()));

    /// <summary>The first argument when it is a string literal (<c>parameters('x')</c> → <c>x</c>).</summary>
    public string? LiteralArgument => Arguments.Count > 0 && Arguments[0] is ArmString s ? s.Value : null;
}

/// <summary>A property access <c>target.name</c>.</summary>
public sealed record ArmProperty(ArmNode Target, string Name) : ArmNode
{
    public override string Canonical => Target.Canonical + "." + Name;

    public override IEnumerable<ArmCall> Calls() => Target.Calls();
}

/// <summary>An index access <c>target[index]</c>.</summary>
public sealed record ArmIndex(ArmNode Target, ArmNode Index) : ArmNode
{
    public override string Canonical => Target.Canonical + "[" + Index.Canonical + "]";

    public override IEnumerable<ArmCall> Calls() => Target.Calls().Concat(Index.Calls());
}

/// <summary>A lambda <c>x =&gt; body</c> (ARM lambda functions: <c>map</c>, <c>filter</c>, …).</summary>
public sealed record ArmLambda(IReadOnlyList<string> Parameters, ArmNode Body) : ArmNode
{
    public override string Canonical => "(" + string.Join(", ", Parameters) + ") => " + Body.Canonical;

    public override IEnumerable<ArmCall> Calls() => Body.Calls();
}

/// <summary>The expression was not well formed.</summary>
public sealed class ArmExpressionException(string message) : Exception(message);

/// <summary>
/// Tokenizer and recursive-descent parser of ARM template expressions. A JSON string is an expression when it starts
/// with <c>[</c> and ends with <c>]</c>, unless it starts with <c>[[</c> (an escaped literal).
/// </summary>
public static class ArmExpression
{
    private enum Kind
    {
        Identifier,
        String,
        Number,
        LeftParen,
        RightParen,
        LeftBracket,
        RightBracket,
        Comma,
        Dot,
        Arrow,
        End,
    }

    private readonly record struct Token(Kind Kind, string Text, int Position);

    /// <summary>Whether a JSON string value is an expression.</summary>
    public static bool IsExpression(string value) =>
        value.Length >= 2 && value[0] == '[' && value[^1] == ']' && !value.StartsWith("[[", StringComparison.Ordinal);

    /// <summary>Parses a JSON string value that <see cref="IsExpression"/>.</summary>
    public static ArmNode Parse(string value)
    {
        if (!IsExpression(value))
        {
            throw new ArmExpressionException($"'{value}' is not an expression (it must start with '[' and end with ']').");
        }

        var tokens = Tokenize(value[1..^1]);
        var position = 0;
        var node = ParseExpression(tokens, ref position);
        if (tokens[position].Kind != Kind.End)
        {
            throw new ArmExpressionException($"Unexpected '{tokens[position].Text}' at {tokens[position].Position} in '{value}'.");
        }

        return node;
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            switch (c)
            {
                case '(': tokens.Add(new(Kind.LeftParen, "(", i++)); continue;
                case ')': tokens.Add(new(Kind.RightParen, ")", i++)); continue;
                case '[': tokens.Add(new(Kind.LeftBracket, "[", i++)); continue;
                case ']': tokens.Add(new(Kind.RightBracket, "]", i++)); continue;
                case ',': tokens.Add(new(Kind.Comma, ",", i++)); continue;
                case '.': tokens.Add(new(Kind.Dot, ".", i++)); continue;
            }

            if (c == '=' && i + 1 < text.Length && text[i + 1] == '>')
            {
                tokens.Add(new(Kind.Arrow, "=>", i));
                i += 2;
            }
            else if (c == '\'')
            {
                var start = i++;
                var literal = new StringBuilder();
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ArmExpressionException($"Unterminated string starting at {start} in '[{text}]'.");
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            literal.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    literal.Append(text[i++]);
                }

                tokens.Add(new(Kind.String, literal.ToString(), start));
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && char.IsDigit(text[i]))
                {
                    i++;
                }

                tokens.Add(new(Kind.Number, text[start..i], start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new(Kind.Identifier, text[start..i], start));
            }
            else
            {
                throw new ArmExpressionException($"Unexpected character '{c}' at {i} in '[{text}]'.");
            }
        }

        tokens.Add(new(Kind.End, "end of expression", text.Length));
        return tokens;
    }

    private static ArmNode ParseExpression(List<Token> tokens, ref int position)
    {
        ArmNode node;
        var token = tokens[position];
        switch (token.Kind)
        {
            case Kind.String:
                position++;
                node = new ArmString(token.Text);
                break;
            case Kind.Number:
                position++;
                node = new ArmNumber(long.Parse(token.Text, CultureInfo.InvariantCulture));
                break;
            case Kind.Identifier when tokens[position + 1].Kind == Kind.LeftParen:
                position += 2;
                node = new ArmCall(token.Text, ParseArguments(tokens, ref position));
                break;
            case Kind.Identifier when tokens[position + 1].Kind == Kind.Arrow:
                position += 2;
                return new ArmLambda([token.Text], ParseExpression(tokens, ref position));
            case Kind.Identifier:
                position++;
                node = new ArmIdentifier(token.Text);
                break;
            default:
                throw new ArmExpressionException($"Expected a value but found '{token.Text}' at {token.Position}.");
        }

        while (true)
        {
            if (tokens[position].Kind == Kind.Dot)
            {
                position++;
                var name = Expect(tokens, ref position, Kind.Identifier);
                node = new ArmProperty(node, name.Text);
            }
            else if (tokens[position].Kind == Kind.LeftBracket)
            {
                position++;
                var index = ParseExpression(tokens, ref position);
                Expect(tokens, ref position, Kind.RightBracket);
                node = new ArmIndex(node, index);
            }
            else
            {
                return node;
            }
        }
    }

    private static List<ArmNode> ParseArguments(List<Token> tokens, ref int position)
    {
        var arguments = new List<ArmNode>();
        if (tokens[position].Kind == Kind.RightParen)
        {
            position++;
            return arguments;
        }

        while (true)
        {
            arguments.Add(ParseExpression(tokens, ref position));
            var separator = tokens[position];
            position++;
            if (separator.Kind == Kind.RightParen)
            {
                return arguments;
            }

            if (separator.Kind != Kind.Comma)
            {
                throw new ArmExpressionException($"Expected ',' or ')' but found '{separator.Text}' at {separator.Position}.");
            }
        }
    }

    private static Token Expect(List<Token> tokens, ref int position, Kind kind)
    {
        var token = tokens[position];
        if (token.Kind != kind)
        {
            throw new ArmExpressionException($"Expected {kind} but found '{token.Text}' at {token.Position}.");
        }

        position++;
        return token;
    }
}
