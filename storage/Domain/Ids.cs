using System.Security.Cryptography;

namespace EngagementBot.Storage.Domain;

/// <summary>Identifier and ETag generation shared by every store.</summary>
public static class Ids
{
    private static long _lastTicks;

    /// <summary>
    /// A new time-ordered identifier: 16 hex digits of UTC ticks (strictly increasing within the process)
    /// followed by 16 random hex digits. Ordering ids as strings orders them by creation, so listings
    /// "ordered by id" are chronological.
    /// </summary>
    public static string New() => New(TimeProvider.System.GetUtcNow());

    /// <summary>A new time-ordered identifier for an item created at <paramref name="now"/>.</summary>
    public static string New(DateTimeOffset now)
    {
        long ticks;
        long last;
        do
        {
            last = Volatile.Read(ref _lastTicks);
            ticks = Math.Max(now.UtcTicks, last + 1);
        }
        while (Interlocked.CompareExchange(ref _lastTicks, ticks, last) != last);

        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return string.Create(32, (ticks, random.ToArray()), static (chars, state) =>
        {
            state.ticks.TryFormat(chars, out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
            Convert.TryToHexStringLower(state.Item2, chars[16..], out _);
        });
    }

    /// <summary>A new opaque ETag value.</summary>
    public static string NewETag() => Guid.NewGuid().ToString("N");
}
