namespace EngagementBot.Analytics.Offline.Pii;

/// <summary>Canadian social insurance number validation: nine digits, Luhn checksum, first digit not 8 (business numbers).</summary>
internal static class SinChecksum
{
    /// <summary>Whether the digits of <paramref name="text"/> (spaces and dashes ignored) form a valid SIN.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        Span<int> digits = stackalloc int[9];
        var n = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (c is < '0' or > '9' || n == 9)
            {
                return false;
            }

            digits[n++] = c - '0';
        }

        if (n != 9 || digits[0] == 8)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var d = digits[i];
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
