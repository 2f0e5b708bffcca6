namespace EngagementBot.Deployment.Tests.Teams;

/// <summary>The Teams store's icon rules, as checks that return their violations.</summary>
public static class TeamsIconRules
{
    /// <summary>Color icon: 192×192 PNG.</summary>
    public static IReadOnlyList<string> ColorIcon(PngImage image) =>
        image.Width == 192 && image.Height == 192 ? [] : [$"color icon must be 192×192, is {image.Width}×{image.Height}"];

    /// <summary>Outline icon: 32×32, with an alpha channel, transparent background, and only white where it is drawn.</summary>
    public static IReadOnlyList<string> OutlineIcon(PngImage image)
    {
        var violations = new List<string>();
        if (image.Width != 32 || image.Height != 32)
        {
            violations.Add($"outline icon must be 32×32, is {image.Width}×{image.Height}");
        }

        if (!image.HasAlphaChannel)
        {
            violations.Add("outline icon must have an alpha channel (RGBA)");
        }

        var pixels = image.Pixels().ToList();
        if (!pixels.Any(p => p.A == 0) || image[0, 0].A != 0)
        {
            violations.Add("outline icon must have a transparent background");
        }

        if (!pixels.Any(p => p.A == 255))
        {
            violations.Add("outline icon draws nothing opaque");
        }

        if (pixels.Any(p => p.A > 0 && (p.R, p.G, p.B) != (255, 255, 255)))
        {
            violations.Add("outline icon must be white (#FFFFFF) wherever it is not transparent");
        }

        return violations;
    }
}
